// Webhook URL secrets: only one non-empty parameter equal to a non-empty string secret matches.
import { describe, expect, it } from "vitest";
import { urlSecretMatches } from "../src/index.js";

describe("urlSecretMatches (pinned by mutation testing)", () => {
  it("matches the right secret in the named parameter", () => {
    expect(urlSecretMatches("/hooks?s=123", "123", "s")).toBe(true);
  });

  it("a non-string expected secret (e.g. a number from config) never matches", () => {
    expect(urlSecretMatches("/hooks?s=123", 123 as unknown as string, "s")).toBe(false);
  });

  it("an empty or non-string parameter name never matches", () => {
    expect(urlSecretMatches("/hooks?=abcd", "abcd", "")).toBe(false);
    expect(urlSecretMatches("/hooks?undefined=abcd", "abcd", undefined as unknown as string)).toBe(false);
  });

  it("an unparsable URL is no match, not a throw", () => {
    expect(urlSecretMatches("http://example.com:99999/?s=abcd", "abcd", "s")).toBe(false);
  });
});
