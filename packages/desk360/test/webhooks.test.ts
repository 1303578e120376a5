// Every webhook sample embedded in the spec (the doc's samples) parses to the right kind, and
// malformed or unknown payloads are rejected with a clear WebhookError.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseDesk360Webhook, WebhookError } from "../src/index.js";

const spec = parse(readFileSync(new URL("../../../specs/desk360/openapi.yaml", import.meta.url), "utf8"));
const samples: [string, string, unknown][] = [];
for (const [name, item] of Object.entries<any>(spec.webhooks)) {
  for (const [exampleName, example] of Object.entries<any>(item.post.requestBody.content["application/json"].examples ?? {})) {
    samples.push([name, exampleName, example.value]);
  }
}

const expectedKind = (name: string, payload: any): string =>
  ({ messageText: "text", messageLocation: "location", messageContacts: "contacts", statusUpdate: "status" })[name] ?? payload.messages.type;

describe("documented webhook samples", () => {
  it("there is at least one sample per documented webhook", () => {
    expect(new Set(samples.map(([name]) => name))).toEqual(new Set(["messageText", "messageLocation", "messageContacts", "messageMedia", "statusUpdate"]));
  });

  it.each(samples)("%s / %s parses", (name, _example, payload) => {
    const asString = parseDesk360Webhook(JSON.stringify(payload));
    const asBytes = parseDesk360Webhook(new TextEncoder().encode(JSON.stringify(payload)));
    expect(asString.kind).toBe(expectedKind(name, payload));
    expect(asBytes).toEqual(asString);
    if (asString.kind === "status") expect(asString.status.status).toMatch(/^(delivered|read)$/);
    else expect(asString.message.id).toBeTruthy();
  });

  it("narrows by kind", () => {
    const event = parseDesk360Webhook({ messages: { id: "wamid.1", from: "905551112233", timestamp: "1700000000", type: "text", text: "hi" } } as never);
    if (event.kind === "text") expect(event.message.from).toBe("905551112233");
  });
});

describe("malformed payloads", () => {
  const text = samples.find(([name]) => name === "messageText")?.[2] as any;
  it.each([
    ["not JSON", "{messages:", /not valid JSON/],
    ["not an object", "[1,2]", /not a JSON object/],
    ["empty object", "{}", /Unknown or malformed webhook payload/],
    ["unknown message type", JSON.stringify({ messages: { ...text.messages, type: "poll" } }), /Unknown or malformed webhook payload; closest is/],
    ["missing sender", JSON.stringify({ messages: { ...text.messages, from: undefined } }), /from is required/],
    ["unknown status", JSON.stringify({ statuses: { id: "wamid.1", status: "exploded" } }), /closest is statusUpdate: statuses\.status must be one of/],
  ])("%s is rejected", (_name, body, message) => {
    expect(() => parseDesk360Webhook(body)).toThrow(WebhookError);
    expect(() => parseDesk360Webhook(body)).toThrow(message);
  });
});
