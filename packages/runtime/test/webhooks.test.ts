import { describe, expect, it } from "vitest";
import { parseWebhook, WebhookError, type WebhookMeta } from "../src/index.js";

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
