// One header check for every vendor, the client's and each call's headers and auth hooks: control
// characters and bad names are refused, naming the header but never showing the value.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { assertHeaderName, assertHeaderValue, tokenAuth, ValidationError } from "../src/index.js";
import { acme, json, scriptedFetch } from "./fixtures.js";

const KEY = "key_live_ABCDEF123456";
const renderings = (e: unknown) => [String(e), (e as Error).message, (e as Error).stack ?? "", JSON.stringify(e), inspect(e, { depth: 5 })];
const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe("header values", () => {
  it.each([
    ["NUL", "\u0000"], ["BEL", "\u0007"], ["ESC", "\u001b"], ["DEL", "\u007f"], ["VT", "\u000b"], ["CR", "\r"], ["LF", "\n"],
  ])("refuses %s in a credential without echoing it", (_name, char) => {
    const error = thrown(() => acme({}, { headers: { Authorization: `Bearer ${KEY}${char}x` } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe("Authorization");
    for (const text of renderings(error)) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain("Bearer");
    }
  });

  it("allows HTAB and Latin-1, refuses characters above U+00FF", () => {
    expect(() => assertHeaderValue("X", "a\tb é")).not.toThrow();
    expect(() => assertHeaderValue("apiKey", `${KEY}\u2019`)).toThrow(/apiKey: must contain only Latin-1 characters/);
  });

  it("checks per-call headers the same way, before sending", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    const error = await acme({ fetch }).items.list({}, { headers: { "X-Token": `${KEY}\u0000` } }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain("headers.X-Token: must not contain control characters (found U+0000");
    for (const text of renderings(error)) expect(text).not.toContain(KEY);
    expect(calls).toHaveLength(0);
  });

  it("checks raw openapi-fetch calls' headers, before openapi-fetch's Headers would quote the value", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    const client = acme({ fetch }) as unknown as { raw: { POST: (p: string, i: unknown) => Promise<unknown> } };
    const error = await client.raw.POST("/items/list", { body: {}, headers: { Authorization: `Bearer ${KEY}\r\n` } }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    for (const text of renderings(error)) expect(text).not.toContain(KEY);
    expect(calls).toHaveLength(0);
  });

  it("a TypeError from Headers inside an auth hook is rethrown redacted", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    const client = acme({ fetch }, { auth: { apply: (h) => h.set("Authorization", `Bearer ${KEY}\u0000`) } });
    const error = await client.items.list({}).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.cause).toBeUndefined();
    for (const text of renderings(error)) expect(text).not.toContain(KEY);
    expect(calls).toHaveLength(0);
  });

  it("a token obtained at run time with a control character is refused by tokenAuth", async () => {
    const auth = tokenAuth({ login: async () => `${KEY}\u0001` });
    const error = await Promise.resolve(auth.apply(new Headers(), undefined)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    for (const text of renderings(error)) expect(text).not.toContain(KEY);
  });
});

describe("header names", () => {
  it.each(["X Trace", "X-Trace:", "Ünïcode", "", "a\u0000b", "(x)"])("refuses %j (not an RFC 9110 token)", async (name) => {
    expect(() => assertHeaderName(name)).toThrow(ValidationError);
    expect(() => acme({ headers: { [name]: "v" } })).toThrow(/not a valid header name/);
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    await expect(acme({ fetch }).items.list({}, { headers: { [name]: "v" } })).rejects.toThrow(ValidationError);
    expect(calls).toHaveLength(0);
  });

  it("accepts ordinary names", () => {
    for (const name of ["Authorization", "X-Api-Key", "api_access_token", "x.custom!"]) expect(() => assertHeaderName(name)).not.toThrow();
  });
});
