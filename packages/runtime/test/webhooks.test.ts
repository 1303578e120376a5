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

describe("webhooks (pinned by mutation testing)", () => {
  const fields = (...names: string[]) => ({ type: "object", properties: Object.fromEntries(names.map((n) => [n, { type: "string" }])) }) as const;
  const caught = (fn: () => unknown): WebhookError => {
    try {
      fn();
    } catch (e) {
      return e as WebhookError;
    }
    throw new Error("did not throw");
  };

  it("a body that is not a JSON object (null, a number, an array) is rejected as such", () => {
    for (const body of ["null", "42", "[1]", '"text"']) {
      const error = caught(() => parseWebhook(table, body, { vendor: "Acme" }));
      expect(error).toBeInstanceOf(WebhookError);
      expect(error.message).toBe("The Acme webhook body is not a JSON object");
      expect(error.issues).toEqual([]);
    }
    expect(caught(() => parseWebhook(table, "[]")).message).toBe("The webhook body is not a JSON object");
  });

  it("broken JSON without a vendor: the message names none, and there are no issues", () => {
    const error = caught(() => decodeWebhookBody("{"));
    expect(error.message).toBe("The webhook body is not valid JSON");
    expect(error.issues).toEqual([]);
    expect(error.closest).toBeUndefined();
  });

  it("with no documented payload at all, the error says so without a closest one", () => {
    const error = caught(() => parseWebhook([], "{}", { vendor: "Acme" }));
    expect(error.message).toBe("Unknown or malformed Acme webhook payload");
    expect(error.issues).toEqual([]);
    expect(error.closest).toBeUndefined();
  });

  it("names the body itself as '(body)' and joins several issues with '; '", () => {
    const error = caught(() => parseWebhook([{ name: "list", schema: { type: "array" } }, { name: "pair", schema: fields("a", "b") }], '{"a":1,"b":2}'));
    expect(error.message).toBe("Unknown or malformed webhook payload; closest is list: (body) expected array, got object");
    const pair = caught(() => parseWebhook([{ name: "pair", schema: fields("a", "b") }], '{"a":1,"b":2}'));
    expect(pair.message).toBe("Unknown or malformed webhook payload; closest is pair: a expected string, got integer; b expected string, got integer");
    expect(pair.issues).toEqual([{ path: "a", message: "expected string, got integer" }, { path: "b", message: "expected string, got integer" }]);
    expect(pair.closest).toBe("pair");
  });

  it("the closest payload has the fewest issues when none is missing a top-level field, the first one on a tie", () => {
    const two = { name: "two", schema: fields("a", "b") };
    const one = { name: "one", schema: fields("a") };
    const alsoOne = { name: "alsoOne", schema: fields("a") };
    const body = { a: 1, b: 2 };
    expect(caught(() => parseWebhook([two, one], body)).closest).toBe("one");
    expect(caught(() => parseWebhook([one, two], body)).closest).toBe("one");
    expect(caught(() => parseWebhook([one, alsoOne], body)).closest).toBe("one");
  });

  it("a tagged body without its tag reports the tag as required", () => {
    const error = caught(() => parseWebhook(table, { other: 1 }, { tag: "kind" }));
    expect(error.message).toBe('The webhook body has no "kind" (one of message, status)');
    expect(error.issues).toEqual([{ path: "kind", message: "is required" }]);
  });

  it("WebhookError is named on its prototype, like the other errors, and its name can be reassigned", () => {
    const error = new WebhookError("bad");
    expect(error.name).toBe("WebhookError");
    expect(String(error)).toBe("WebhookError: bad");
    expect(WebhookError.is(error)).toBe(true);
    expect(error.issues).toEqual([]);
    error.name = "Renamed";
    expect(error.name).toBe("Renamed");
  });
});
