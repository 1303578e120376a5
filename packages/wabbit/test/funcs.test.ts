// The standalone operation functions (`@inboxkit/wabbit/funcs`) over a core (`@inboxkit/wabbit/core`):
// the same request and result as the client method (the login too), validation before sending, DRF
// paging and the time cursor.
import { describe, expect, it } from "vitest";
import { json, recorder, type SentRequest } from "../../../scripts/vitest/funcs-harness.js";
import { createWabbitCore } from "../src/core.js";
import { messagesCreate, messagesListFollow, messagesListIterateHistory, tagsList, tagsListIterate, tagsListPages } from "../src/funcs.js";
import { createWabbitClient, ValidationError } from "../src/index.js";
import { BASE, message, messagesPage } from "./fake.js";

const LOGIN = { baseUrl: BASE, username: "bot", password: "pw-0123456789" };

function inbox(request: SentRequest): Response {
  if (request.url.endsWith("/api/v1/auth/token/")) return json({ token: "tok-abc" });
  return json({ messages: [{ id: "wamid.1" }] }, 201);
}

describe("wabbit funcs", () => {
  it("log in and send the same requests as the client method, returning the same data", async () => {
    const viaClient = recorder(inbox);
    const viaFunc = recorder(inbox);
    const params = { wa_id: "48123456789", type: "text" as const, text: { body: "Hello!" } };
    const fromClient = await createWabbitClient({ ...LOGIN, fetch: viaClient.fetch }).messages.create(params);
    const core = createWabbitCore({ ...LOGIN, fetch: viaFunc.fetch });
    const fromFunc = await messagesCreate(core, params);
    expect(fromFunc).toEqual(fromClient);
    expect(viaFunc.calls).toEqual(viaClient.calls);
    expect(viaFunc.calls.map((c) => `${c.method} ${c.url}`)).toEqual([`POST ${BASE}/api/v1/auth/token/`, `POST ${BASE}/api/v1/messages/`]);
    expect(viaFunc.calls[1]?.headers.authorization).toBe("Token tok-abc");
    expect(JSON.parse(String(viaFunc.calls[1]?.body))).toEqual(params);
    expect(core.session).toMatchObject({ scheme: "token", token: "tok-abc", logins: 1 });
  });

  it("refuse a bad parameter before anything is sent", async () => {
    const { fetch, calls } = recorder(inbox);
    const core = createWabbitCore({ ...LOGIN, fetch });
    await expect(messagesCreate(core, { wa_id: "48123456789", type: "text" } as never)).rejects.toThrow(/text: is required/);
    await expect(messagesCreate(core, { wa_id: "48123456789", type: "image", image: {} } as never)).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toHaveLength(0);
  });

  it("…Iterate follows DRF's next and …Pages yields each page", async () => {
    const tag = (id: number) => ({ id, name: `tag ${id}`, web_inbox_color: null });
    const { fetch, calls } = recorder((request) => {
      const offset = Number(new URL(request.url).searchParams.get("offset") ?? 0);
      const next = offset < 4 ? `${BASE}/api/v1/tags/?limit=2&offset=${offset + 2}` : null;
      return json({ count: 6, next, previous: null, results: [tag(offset + 1), tag(offset + 2)] });
    });
    const core = createWabbitCore({ baseUrl: BASE, token: "t0ken", fetch });
    const ids: number[] = [];
    for await (const t of tagsListIterate(core, { limit: 2 })) ids.push(t.id as number);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(calls.map((c) => new URL(c.url).search)).toEqual(["?limit=2", "?limit=2&offset=2", "?limit=2&offset=4"]);
    const sizes: number[] = [];
    for await (const page of tagsListPages(core, { limit: 2 })) sizes.push(page.items.length);
    expect(sizes).toEqual([2, 2, 2]);
    expect((await tagsList(core, { limit: 2 })).results).toHaveLength(2);
  });

  it("…IterateHistory and …Follow walk the time cursor as the client's methods do", async () => {
    const store = [message("m1", 30), ...["m2", "m3", "m4"].map((id) => message(id, 20)), message("m5", 10)];
    const serve = (request: SentRequest) => messagesPage(store, new URL(request.url).searchParams) ?? json({}, 404);
    const core = createWabbitCore({ baseUrl: BASE, token: "t0ken", fetch: recorder(serve).fetch });
    const client = createWabbitClient({ baseUrl: BASE, token: "t0ken", fetch: recorder(serve).fetch });
    const history: string[] = [];
    for await (const m of messagesListIterateHistory(core, { limit: 2 })) history.push(m.waba_payload?.id as string);
    expect(history).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    const fromClient: string[] = [];
    for await (const m of client.messages.list.iterateHistory({ limit: 2 })) fromClient.push(m.waba_payload?.id as string);
    expect(history).toEqual(fromClient);
    const followed: string[] = [];
    for await (const m of messagesListFollow(core, { since_time: 20, limit: 2 })) followed.push(m.waba_payload?.id as string);
    expect(followed.sort()).toEqual(["m1", "m2", "m3", "m4"]);
  });
});

describe("the core's session", () => {
  it("is not an enumerable field: a serialized or spread core carries no token", () => {
    const core = createWabbitCore({ baseUrl: BASE, token: "tok-secret-0123456789", fetch: recorder(inbox).fetch });
    expect(core.session).toMatchObject({ scheme: "token", token: "tok-secret-0123456789", logins: 0 });
    expect(Object.keys(core)).not.toContain("session");
    expect(JSON.stringify(core)).not.toContain("tok-secret-0123456789");
    expect({ ...core }).not.toHaveProperty("session");
  });

  it("with an API key: no token, no login", () => {
    const core = createWabbitCore({ baseUrl: BASE, apiKey: "xEZOvMBDS6zEZtbR2xCJkP5R75szhCUIvMH", fetch: recorder(inbox).fetch });
    expect({ scheme: core.session.scheme, token: core.session.token, logins: core.session.logins }).toEqual({ scheme: "d360ApiKey", token: undefined, logins: 0 });
  });
});
