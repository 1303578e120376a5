// Webhooks: every documented event parses to its `event`-discriminated payload (built from the
// spec's own examples, since the doc shows no webhook payloads), unknown or malformed bodies are
// clear errors, and the URL-secret check is exact (its configuration mistakes are ValidationErrors
// naming the argument).
import { describe, expect, it } from "vitest";
import { parseNimchatWebhook, ValidationError, verifyWebhookSecret, WebhookError, webhookTable } from "../src/index.js";
import { componentExample, spec } from "./spec.js";

/** The spec's documented events, each with a body built from the object example its schema names. */
const events = Object.entries<any>(spec.webhooks).map(([name, item]) => {
  const schema = item.post.requestBody.content["application/json"].schema;
  // allOf: [{ $ref: Conversation | Message }, { event }] for the conversation and message events; only `event` otherwise.
  const ref: string | undefined = schema.allOf?.[0]?.$ref;
  const object = ref ? componentExample(ref.split("/").pop() as string) : {};
  return { name, body: { ...object, event: name } };
});

describe("parseNimchatWebhook", () => {
  it("covers the spec's six events", () => {
    expect(events.map((e) => e.name)).toEqual(["conversation_created", "conversation_status_changed", "conversation_updated", "message_created", "message_updated", "webwidget_triggered"]);
    expect(webhookTable.map((w) => w.name)).toEqual(events.map((e) => e.name));
  });

  it.each(events)("$name: the raw body, its bytes and the parsed object all parse to the payload", ({ name, body }) => {
    const text = JSON.stringify(body);
    for (const input of [text, new TextEncoder().encode(text), new TextEncoder().encode(text).buffer, body]) {
      const event = parseNimchatWebhook(input);
      expect(event.event).toBe(name);
      expect(event).toEqual(body);
    }
  });

  it("keeps undocumented properties (the payloads are open)", () => {
    const event = parseNimchatWebhook({ event: "webwidget_triggered", contact: { id: 1 }, current_conversation: null });
    expect(event).toEqual({ event: "webwidget_triggered", contact: { id: 1 }, current_conversation: null });
  });

  it.each([
    ["not JSON", "{not json", /not valid JSON/],
    ["an array", "[1]", /not a JSON object/],
    ["no event", { id: 1 }, /has no "event" \(one of conversation_created, /],
    ["an unknown event", { event: "contact_created" }, /Unknown Nimchat webhook event "contact_created": the documented ones are conversation_created/],
    ["a non-string event", { event: 5 }, /Unknown Nimchat webhook event 5/],
    ["a message event whose id is not a number", { event: "message_created", id: "x" }, /Malformed Nimchat message_created webhook: id expected integer, got string/],
    ["a conversation event whose messages are not an array", { event: "conversation_updated", messages: {} }, /Malformed Nimchat conversation_updated webhook: messages expected array/],
  ])("%s is a WebhookError", (_name, body, message) => {
    let error: unknown;
    try {
      parseNimchatWebhook(body as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WebhookError);
    expect((error as Error).message).toMatch(message);
  });
});

describe("verifyWebhookSecret", () => {
  const secret = "s3cr3t-Äpfel-0123456789";
  const url = (query: string) => `https://example.com/hooks/nimchat${query}`;

  it("accepts the exact secret, absolute or path-only URL, string or URL object", () => {
    const q = `?secret=${encodeURIComponent(secret)}`;
    expect(verifyWebhookSecret(url(q), secret)).toBe(true);
    expect(verifyWebhookSecret(`/hooks/nimchat${q}`, secret)).toBe(true);
    expect(verifyWebhookSecret(new URL(url(q)), secret)).toBe(true);
    expect(verifyWebhookSecret(url(`?token=${encodeURIComponent(secret)}`), secret, { param: "token" })).toBe(true);
  });

  it.each([
    ["a wrong secret of the same length", `?secret=${"x".repeat(secret.length)}`],
    ["a prefix of the secret", `?secret=${encodeURIComponent(secret.slice(0, -1))}`],
    ["the secret with a suffix", `?secret=${encodeURIComponent(`${secret}0`)}`],
    ["no secret", ""],
    ["an empty secret", "?secret="],
    ["the secret in another parameter", `?token=${encodeURIComponent(secret)}`],
    ["the secret twice", `?secret=${encodeURIComponent(secret)}&secret=${encodeURIComponent(secret)}`],
    ["a different case", `?secret=${encodeURIComponent(secret.toUpperCase())}`],
  ])("refuses %s", (_name, query) => {
    expect(verifyWebhookSecret(url(query), secret)).toBe(false);
  });

  it("a missing expected secret is a configuration error, never echoed", () => {
    expect(() => verifyWebhookSecret(url("?secret=a"), "")).toThrow(ValidationError);
    expect(() => verifyWebhookSecret(url("?secret=a"), secret, { param: "" })).toThrow(/param: must be a non-empty string/);
  });

  it.each([
    ["an empty expected secret", "", {}, "expectedSecret: must be a non-empty string"],
    ["a numeric expected secret", 12345678, {}, "expectedSecret: must be a non-empty string"],
    ["an undefined expected secret", undefined, {}, "expectedSecret: must be a non-empty string"],
    ["a numeric param", secret, { param: 5 }, "param: must be a non-empty string"],
    ["an empty secret and an empty param", "", { param: "" }, "expectedSecret: must be a non-empty string; param: must be a non-empty string"],
  ])("%s is a ValidationError naming the argument, not a silent false", (_name, expected, options, detail) => {
    let error: unknown;
    try {
      verifyWebhookSecret(url(`?secret=${encodeURIComponent(secret)}`), expected as never, options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(`Invalid Nimchat verifyWebhookSecret arguments: ${detail}`);
    expect(JSON.stringify(error)).not.toContain(secret);
  });
});
