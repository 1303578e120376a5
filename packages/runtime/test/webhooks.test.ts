import { describe, expect, it } from "vitest";
import { constantTimeEqual, decodeWebhookBody, urlSecretMatches, parseWebhook, WebhookError, type WebhookMeta } from "../src/index.js";

const table: WebhookMeta[] = [
  { name: "message", schema: { type: "object", required: ["message"], properties: { message: { type: "object", required: ["id", "type"], properties: { id: { type: "string" }, type: { enum: ["text"] } } } } } },
  { name: "status", schema: { type: "object", required: ["status"], properties: { status: { type: "string", enum: ["read", "delivered"] } } } },
];

describe("parseWebhook", () => {
  it("returns the first documented payload the body matches, from a string, bytes or an object", () => {
    expect(parseWebhook(table, '{"status":"read"}')).toEqual({ name: "status", payload: { status: "read" } });
    expect(parseWebhook(table, new TextEncoder().encode('{"message":{"id":"1","type":"text"}}')).name).toBe("message");
    expect(parseWebhook(table, { status: "delivered" }).name).toBe("status");
  });

  it("names the closest payload and its problems when nothing matches", () => {
    try {
      parseWebhook(table, { status: "lost" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(WebhookError);
      expect((e as WebhookError).closest).toBe("status");
      expect((e as WebhookError).message).toBe('Unknown or malformed webhook payload; closest is status: status must be one of "read", "delivered", got "lost"');
    }
    expect(() => parseWebhook(table, "nope")).toThrow("not valid JSON");
  });
});

describe("parseWebhook with a tag", () => {
  const tagged: WebhookMeta[] = [
    { name: "message_created", schema: { type: "object", required: ["event", "id"], properties: { event: { const: "message_created" }, id: { type: "integer" } } } },
    { name: "conversation_created", schema: { type: "object", required: ["event"], properties: { event: { const: "conversation_created" }, id: { type: "integer" } } } },
  ];

  it("checks the body against the payload its tag names only", () => {
    expect(parseWebhook(tagged, '{"event":"conversation_created"}', { tag: "event" })).toEqual({ name: "conversation_created", payload: { event: "conversation_created" } });
    // Without the tag the first payload it matches would win; with it, the named one is the only one tried.
    expect(() => parseWebhook(tagged, { event: "message_created" }, { tag: "event", vendor: "Acme" })).toThrow("Malformed Acme message_created webhook: id is required");
  });

  it("reports a missing or unknown tag as such, not as the closest payload", () => {
    expect(() => parseWebhook(tagged, { id: 1 }, { tag: "event", vendor: "Acme" })).toThrow('The Acme webhook body has no "event" (one of message_created, conversation_created)');
    try {
      parseWebhook(tagged, { event: "contact_created" }, { tag: "event", vendor: "Acme" });
      expect.unreachable();
    } catch (e) {
      expect((e as WebhookError).message).toBe('Unknown Acme webhook event "contact_created": the documented ones are message_created, conversation_created');
      expect((e as WebhookError).issues).toEqual([{ path: "event", message: "must be one of message_created, conversation_created" }]);
    }
    // An inherited property is not a tag.
    expect(() => parseWebhook(tagged, Object.create({ event: "message_created" }), { tag: "event" })).toThrow('has no "event"');
  });

  it("decodes strings and bytes, and names the vendor when the JSON is broken", () => {
    expect(decodeWebhookBody('{"a":1}')).toEqual({ a: 1 });
    expect(decodeWebhookBody(new TextEncoder().encode("[1]").buffer)).toEqual([1]);
    expect(() => decodeWebhookBody("{", "Acme")).toThrow("The Acme webhook body is not valid JSON");
  });
});

describe("constantTimeEqual", () => {
  it("is true only for the same bytes", () => {
    expect(constantTimeEqual("s3cret", "s3cret")).toBe(true);
    expect(constantTimeEqual("s3cret", "s3creT")).toBe(false);
    expect(constantTimeEqual("s3cre", "s3cret")).toBe(false);
    expect(constantTimeEqual("s3cret!", "s3cret")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
    expect(constantTimeEqual("é", "e\u0301")).toBe(false);
  });
});

describe("urlSecretMatches", () => {
  it("matches exactly one non-empty parameter with the same bytes, in absolute or path-only URLs", () => {
    expect(urlSecretMatches("https://example.com/hooks?secret=abc123", "abc123", "secret")).toBe(true);
    expect(urlSecretMatches("/hooks?auth=abc123&x=1", "abc123", "auth")).toBe(true);
    expect(urlSecretMatches(new URL("https://example.com/hooks?auth=abc124"), "abc123", "auth")).toBe(false);
    expect(urlSecretMatches("/hooks?auth=abc123&auth=abc123", "abc123", "auth")).toBe(false);
    expect(urlSecretMatches("/hooks?auth=", "", "auth")).toBe(false);
    expect(urlSecretMatches("/hooks", "abc123", "auth")).toBe(false);
    expect(urlSecretMatches("/hooks?secret=abc123", "abc123", "auth")).toBe(false);
  });
});
