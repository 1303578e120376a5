// The WABA webhook receiver: the shared secret (right, wrong, missing, repeated) checked before the
// body is read, every documented `waba` sample of the spec parsed into WABA's fields and the inbox's
// extension events, and bodies that are not a documented payload rejected with a clear error.
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { parseWabbitWebhook, ValidationError, WabbitWebhookAuthError, WebhookError } from "../src/index.js";

const spec = parse(readFileSync(new URL("../../../specs/wabbit/openapi.yaml", import.meta.url), "utf8"));
const examples = (name: string): [string, Record<string, unknown>][] =>
  Object.entries<{ value: Record<string, unknown> }>(spec.webhooks[name].post.requestBody.content["application/json"].examples).map(([k, v]) => [k, v.value]);
const wabaSamples = examples("waba");

const SECRET = "my_shared_secret";
const hookUrl = `https://bot.example.com/wabbit?auth=${SECRET}`;
const post = (body: unknown, url = hookUrl, method = "POST") =>
  new Request(url, { method, body: method === "GET" ? null : typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } });

/** What each documented sample must parse to: [events kinds, WABA field lengths]. */
const EXPECTED: Record<string, { kinds: string[]; waba: { contacts: number; messages: number; statuses: number; errors: number } }> = {
  incomingText: { kinds: [], waba: { contacts: 1, messages: 1, statuses: 0, errors: 0 } },
  outgoingMessages: { kinds: ["outgoing_messages"], waba: { contacts: 0, messages: 0, statuses: 0, errors: 0 } },
  assignedMessages: { kinds: ["assigned_messages"], waba: { contacts: 0, messages: 0, statuses: 0, errors: 0 } },
  taggedMessages: { kinds: ["tagged_messages"], waba: { contacts: 0, messages: 0, statuses: 0, errors: 0 } },
  taggedChats: { kinds: ["tagged_chats"], waba: { contacts: 0, messages: 0, statuses: 0, errors: 0 } },
};

describe("the shared secret (?auth=)", () => {
  const sample = wabaSamples[0]?.[1];

  it("the right secret parses the call", async () => {
    const hook = await parseWabbitWebhook(post(sample), { secret: SECRET });
    expect(hook.waba.messages[0]?.text?.body).toBe("Hello");
  });

  it.each([
    ["missing", "https://bot.example.com/wabbit", "missing"],
    ["wrong", "https://bot.example.com/wabbit?auth=my_shared_secreT", "wrong"],
    ["a prefix of it", "https://bot.example.com/wabbit?auth=my_shared", "wrong"],
    ["longer", `https://bot.example.com/wabbit?auth=${SECRET}x`, "wrong"],
    ["empty", "https://bot.example.com/wabbit?auth=", "wrong"],
    ["repeated (even with the right one)", `https://bot.example.com/wabbit?auth=${SECRET}&auth=${SECRET}`, "wrong"],
  ])("a %s secret is a WabbitWebhookAuthError and the body is not read", async (_name, url, reason) => {
    const request = post("{ not json at all", url);
    const error = await parseWabbitWebhook(request, { secret: SECRET }).catch((e) => e);
    expect(error).toBeInstanceOf(WabbitWebhookAuthError);
    expect(error).toBeInstanceOf(WebhookError);
    expect(WebhookError.is(error)).toBe(true);
    expect(error.name).toBe("WabbitWebhookAuthError");
    expect(error.reason).toBe(reason);
    expect(request.bodyUsed).toBe(false);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(SECRET);
  });

  it("works with { url, body } as node:http gives them (a path, not a full URL)", async () => {
    const hook = await parseWabbitWebhook({ url: `/wabbit?auth=${SECRET}`, body: JSON.stringify(sample), method: "POST" }, { secret: SECRET });
    expect(hook.waba.contacts[0]?.wa_id).toBe("48123123123");
    await expect(parseWabbitWebhook({ url: "/wabbit?auth=nope", body: "{}" }, { secret: SECRET })).rejects.toBeInstanceOf(WabbitWebhookAuthError);
  });

  it("a URL-encoded secret is compared decoded", async () => {
    const secret = "s3cr&t=/?";
    const hook = await parseWabbitWebhook({ url: `/wabbit?auth=${encodeURIComponent(secret)}`, body: sample as never }, { secret });
    expect(hook.waba.messages).toHaveLength(1);
  });

  it("secret: false parses a call without one; a missing or empty secret option is a ValidationError", async () => {
    expect((await parseWabbitWebhook(post(sample, "https://bot.example.com/wabbit"), { secret: false })).waba.messages).toHaveLength(1);
    await expect(parseWabbitWebhook(post(sample), {} as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(parseWabbitWebhook(post(sample), { secret: "" })).rejects.toThrow(/secret: must be your shared secret/);
  });
});

describe("documented waba samples of the spec", () => {
  it("the spec has the five samples this test knows", () => {
    expect(wabaSamples.map(([name]) => name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(wabaSamples)("%s parses into its events", async (name, value) => {
    const expected = EXPECTED[name] as (typeof EXPECTED)[string];
    const fromRequest = await parseWabbitWebhook(post(value), { secret: SECRET });
    const fromBytes = await parseWabbitWebhook({ url: hookUrl, body: new TextEncoder().encode(JSON.stringify(value)) }, { secret: SECRET });
    expect(fromBytes).toEqual(fromRequest);
    expect(fromRequest.events.map((e) => e.kind)).toEqual(expected.kinds);
    expect({
      contacts: fromRequest.waba.contacts.length,
      messages: fromRequest.waba.messages.length,
      statuses: fromRequest.waba.statuses.length,
      errors: fromRequest.waba.errors.length,
    }).toEqual(expected.waba);
    expect(fromRequest.payload).toEqual(value);
  });

  it("the events carry the sample's data", async () => {
    const get = (name: string) => parseWabbitWebhook({ url: hookUrl, body: wabaSamples.find(([n]) => n === name)?.[1] as never }, { secret: SECRET });
    const outgoing = (await get("outgoingMessages")).events[0];
    expect(outgoing?.kind === "outgoing_messages" && outgoing.messages.map((m) => m.waba_payload?.id)).toEqual(["gBGGSFEBeRJ_AglpKKJ1s123123", "gBGGSFEBeRJ_AgnJK-don123123"]);
    const assigned = (await get("assignedMessages")).events[0];
    expect(assigned?.kind === "assigned_messages" && assigned.messages[0]?.waba_payload?.id).toBe("d9d2244d-3f31-4229-a7e0-ec38ebcc60bd");
    const tagged = (await get("taggedMessages")).events[0];
    expect(tagged?.kind === "tagged_messages" && tagged.deprecated && tagged.taggings[0]?.new_tag).toEqual({ name: "Agent needed", id: 5, extra: {} });
    const chats = (await get("taggedChats")).events[0];
    expect(chats?.kind === "tagged_chats" && chats.taggings[0]?.chat?.contact.wa_id).toBe("48123123123");
  });

  it("assignment and tagging events (the doc's schemas), several in one call", async () => {
    const done_by = { username: "konrad", email: "konrad@example.com", groups: [], permissions: {} };
    const body = {
      statuses: [{ id: "gBGGSFEBeRJ_AglpKKJ1s123123", recipient_id: "48123123123", status: "read", timestamp: "1612372800" }],
      chat_assignment: { timestamp: 1612372801, wa_id: "48123123123", assigned_to_user_set: null, assigned_to_user_was_cleared: true, assigned_group_set: { id: 23, name: "Agents" }, assigned_group_was_cleared: false, done_by },
      chat_tagging: { timestamp: 1612372802, action: "added", tag: { id: 5, name: "Agent needed" }, chat: "48123123123", extra: null, done_by },
      message_tagging: { timestamp: 1612372803, action: "added", tag: { id: 5, name: "Agent needed" }, message: "gBGGSFEBeRJ_AglpKKJ1s123123", extra: {}, done_by },
    };
    const hook = await parseWabbitWebhook({ url: hookUrl, body: JSON.stringify(body) }, { secret: SECRET });
    expect(hook.events.map((e) => e.kind)).toEqual(["chat_assignment", "chat_tagging", "message_tagging"]);
    expect(hook.waba.statuses[0]?.status).toBe("read");
    const [assignment, chatTagging, messageTagging] = hook.events;
    expect(assignment?.kind === "chat_assignment" && assignment.event.assigned_group_set).toEqual({ id: 23, name: "Agents" });
    expect(chatTagging?.kind === "chat_tagging" && chatTagging.event.chat).toBe("48123123123");
    expect(messageTagging?.kind === "message_tagging" && messageTagging.event.message).toBe("gBGGSFEBeRJ_AglpKKJ1s123123");
  });
});

describe("bodies that are not a documented payload", () => {
  it.each([
    ["not JSON", "{ nope", /not valid JSON/],
    ["a JSON array", "[1, 2]", /not a JSON object/],
    ["an empty object", "{}", /Not a documented wabbit webhook payload: it has none of contacts, messages/],
    ["only unknown fields", JSON.stringify({ hello: "world" }), /Not a documented wabbit webhook payload/],
    ["a wrongly typed field", JSON.stringify({ messages: [{ id: 5, timestamp: "soon" }] }), /messages\[0\]\.id expected string.*messages\[0\]\.timestamp must match/],
    ["a message list that is an object", JSON.stringify({ incoming_messages: { id: "x" } }), /incoming_messages expected array/],
  ])("%s is a WebhookError", async (_name, body, message) => {
    const error = await parseWabbitWebhook({ url: hookUrl, body }, { secret: SECRET }).catch((e) => e);
    expect(error).toBeInstanceOf(WebhookError);
    expect(error).not.toBeInstanceOf(WabbitWebhookAuthError);
    expect(error.message).toMatch(message);
  });

  it("a call that is not a POST is a WebhookError", async () => {
    await expect(parseWabbitWebhook(post(undefined, hookUrl, "GET"), { secret: SECRET })).rejects.toThrow(/called with POST, this call is a GET/);
  });
});

describe("errors and events, exactly", () => {
  const sample = wabaSamples[0]?.[1] as Record<string, unknown>;
  const message = { waba_payload: { from: "48123123123", id: "wamid.1", timestamp: "1612544982", type: "text", text: { body: "Hi" } }, customer_wa_id: "48123123123", from_us: false, received: false, sender: null };

  it("the auth errors' exact messages", async () => {
    const missing = await parseWabbitWebhook(post(sample, "https://bot.example.com/wabbit"), { secret: SECRET }).catch((e) => e);
    expect(missing.message).toBe("The wabbit webhook call has no `auth` query parameter, so it does not carry your shared secret; refused without reading the body");
    const wrong = await parseWabbitWebhook(post(sample, "https://bot.example.com/wabbit?auth=nope"), { secret: SECRET }).catch((e) => e);
    expect(wrong.message).toBe("The wabbit webhook call's `auth` query parameter is not your shared secret; refused without reading the body");
    expect(new WabbitWebhookAuthError("missing")).toMatchObject({ name: "WabbitWebhookAuthError", reason: "missing", message: missing.message });
  });

  it("a URL that cannot be parsed carries no secret", async () => {
    const error = await parseWabbitWebhook({ url: "http://[not-a-host/wabbit?auth=my_shared_secret", body: sample as never }, { secret: SECRET }).catch((e) => e);
    expect(error).toBeInstanceOf(WabbitWebhookAuthError);
    expect(error.reason).toBe("missing");
  });

  it.each([
    ["no options", undefined, "nothing"],
    ["null options", null, "nothing"],
    ["no secret", {}, "nothing"],
    ["an empty secret", { secret: "" }, "an empty string"],
    ["a numeric secret", { secret: 1234 }, "number"],
    ["secret: true", { secret: true }, "boolean"],
  ])("%s is a ValidationError saying what was given", async (_name, options, got) => {
    const error = await parseWabbitWebhook(post(sample), options as never).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([{ path: "secret", message: `must be your shared secret (a non-empty string) or false when your webhook URL has none (got ${got})` }]);
    expect(error.message).toBe(`Invalid parseWabbitWebhook options: secret: must be your shared secret (a non-empty string) or false when your webhook URL has none (got ${got})`);
  });

  it.each([
    ["null", null],
    ["a string", "/wabbit?auth=my_shared_secret"],
    ["{ body } without a url", { body: "{}" }],
    ["a url that is not a string", { url: new URL(hookUrl), body: "{}" }],
  ])("an input that is %s is a ValidationError", async (_name, input) => {
    const error = await parseWabbitWebhook(input as never, { secret: SECRET }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([{ path: "input", message: "must be a Request or { url, body }" }]);
    expect(error.message).toBe("Invalid parseWabbitWebhook arguments: input: must be a Request or { url, body }");
  });

  it("works where there is no global Request (a { url, body } input)", async () => {
    vi.stubGlobal("Request", undefined);
    try {
      const hook = await parseWabbitWebhook({ url: `/wabbit?auth=${SECRET}`, body: JSON.stringify(sample) }, { secret: SECRET });
      expect(hook.waba.messages).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("a body that cannot be read is a WebhookError saying why", async () => {
    const request = post(sample);
    await request.text();
    const error = await parseWabbitWebhook(request, { secret: SECRET }).catch((e) => e);
    expect(error).toBeInstanceOf(WebhookError);
    expect(error.message).toMatch(/^The webhook body could not be read: \S/);
    expect(error.message).not.toMatch(/JSON/);
  });

  it("a body with no documented field: no issues, the closest payload is waba", async () => {
    const error = await parseWabbitWebhook({ url: hookUrl, body: "{}" }, { secret: SECRET }).catch((e) => e);
    expect(error).toBeInstanceOf(WebhookError);
    expect({ issues: error.issues, closest: error.closest }).toEqual({ issues: [], closest: "waba" });
  });

  it("each extension field is one event of its kind, with its data, in the documented order", async () => {
    const done_by = { username: "konrad", email: "konrad@example.com", groups: [], permissions: {} };
    const chat_assignment = { timestamp: 1, wa_id: "48123123123", assigned_to_user_set: null, assigned_to_user_was_cleared: true, assigned_group_set: null, assigned_group_was_cleared: false, done_by };
    const chat_tagging = { timestamp: 2, action: "added", tag: { id: 5, name: "Agent needed" }, chat: "48123123123", extra: null, done_by };
    const message_tagging = { timestamp: 3, action: "removed", tag: { id: 5, name: "Agent needed" }, message: "wamid.1", extra: {}, done_by };
    const tagged_messages = [{ message, new_tag: { name: "Agent needed", id: 5, extra: {} } }];
    const tagged = wabaSamples.find(([n]) => n === "taggedChats")?.[1] as { tagged_chats: unknown[] };
    const body = {
      tagged_chats: tagged.tagged_chats,
      tagged_messages,
      message_tagging,
      chat_tagging,
      chat_assignment,
      assigned_messages: [message],
      outgoing_messages: [message],
      incoming_messages: [message],
    };
    const hook = await parseWabbitWebhook({ url: hookUrl, body: JSON.stringify(body) }, { secret: SECRET });
    expect(hook.events).toEqual([
      { kind: "incoming_messages", messages: [message] },
      { kind: "outgoing_messages", messages: [message] },
      { kind: "assigned_messages", messages: [message] },
      { kind: "chat_assignment", event: chat_assignment },
      { kind: "chat_tagging", event: chat_tagging },
      { kind: "message_tagging", event: message_tagging },
      { kind: "tagged_messages", taggings: tagged_messages, deprecated: true },
      { kind: "tagged_chats", taggings: tagged.tagged_chats, deprecated: true },
    ]);
    expect(hook.waba).toEqual({ contacts: [], messages: [], statuses: [], errors: [] });
  });
});
