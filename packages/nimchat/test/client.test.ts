// Unit tests of the three Nimchat clients with a scripted fetch: the api_access_token header, the
// bound account id and inbox identifier, the agent-bot restriction, option errors (each naming the
// client and the option; misspelt Nimchat options get the right suggestion), typed errors, redaction
// and retries, page and cursor paging to the last page, and the contact session.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  createNimchatClient,
  createNimchatPlatformClient,
  createNimchatPublicClient,
  NotFoundError,
  ResponseParseError,
  ServerError,
  ValidationError,
} from "../src/index.js";
import { BASE, bodyOf, json, line, scriptedFetch } from "./fetch.js";
import { thrown } from "../../../scripts/vitest/thrown.js";

const USER_TOKEN = "user-token-SECRET-1234";
const BOT_TOKEN = "bot-token-SECRET-5678";
const PLATFORM_TOKEN = "platform-token-SECRET-9012";
const noRetry = { retry: false } as const;

describe("platform client", () => {
  it("sends the platform token in api_access_token and calls /platform/api/v1", async () => {
    const api = scriptedFetch(() => json({ id: 9, name: "Acme" }));
    const platform = createNimchatPlatformClient({ baseUrl: BASE, platformToken: PLATFORM_TOKEN, fetch: api.fetch });
    expect(await platform.accounts.create({ name: "Acme" })).toEqual({ id: 9, name: "Acme" });
    await platform.accountUsers.create({ account_id: 9, user_id: 4, role: "agent" });
    expect(api.calls.map(line)).toEqual(["POST /platform/api/v1/accounts", "POST /platform/api/v1/accounts/9/account_users"]);
    for (const call of api.calls) {
      expect(call.headers.get("api_access_token")).toBe(PLATFORM_TOKEN);
      expect(call.headers.get("authorization")).toBeNull();
    }
    expect(bodyOf(api.calls[1])).toEqual({ user_id: 4, role: "agent" });
  });

  it("a DELETE with a JSON body (account user) sends the body and returns nothing", async () => {
    const api = scriptedFetch(() => new Response(null, { status: 200 }));
    const platform = createNimchatPlatformClient({ baseUrl: BASE, platformToken: PLATFORM_TOKEN, fetch: api.fetch });
    expect(await platform.accountUsers.delete({ account_id: 9, user_id: 4 })).toBeUndefined();
    expect(line(api.calls[0]!)).toBe("DELETE /platform/api/v1/accounts/9/account_users");
    expect(bodyOf(api.calls[0])).toEqual({ user_id: 4 });
  });
});

describe("application client", () => {
  it("binds account_id into every path (v1 and the v2 reports) and sends the user token", async () => {
    const api = scriptedFetch(() => json({}));
    const nimchat = createNimchatClient({ baseUrl: `${BASE}/`, accountId: 3, userToken: USER_TOKEN, fetch: api.fetch });
    await nimchat.contacts.get({ id: 7 });
    await nimchat.messages.create({ conversation_id: 42, content: "Hello" });
    await nimchat.reports.summary({ type: "account", since: "1700000000" });
    expect(api.calls.map(line)).toEqual([
      "GET /api/v1/accounts/3/contacts/7",
      "POST /api/v1/accounts/3/conversations/42/messages",
      "GET /api/v2/accounts/3/reports/summary?type=account&since=1700000000",
    ]);
    for (const call of api.calls) expect(call.headers.get("api_access_token")).toBe(USER_TOKEN);
    expect(bodyOf(api.calls[1])).toEqual({ content: "Hello" });
  });

  it("refuses an account_id in the call (it is bound): nothing is sent", async () => {
    const api = scriptedFetch(() => json({}));
    const nimchat = createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, fetch: api.fetch });
    const error = await nimchat.contacts.get({ id: 7, account_id: 4 } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: "account_id", message: "is not a known parameter" }]);
    expect(api.calls).toHaveLength(0);
  });

  it("with an agent-bot token, sends it on the operations a bot may call", async () => {
    const api = scriptedFetch(() => json({ id: 1, content: "Hi", message_type: "outgoing" }));
    const bot = createNimchatClient({ baseUrl: BASE, accountId: 3, agentBotToken: BOT_TOKEN, fetch: api.fetch });
    await bot.messages.create({ conversation_id: 42, content: "Hi", message_type: "outgoing" });
    await bot.conversations.toggleStatus({ conversation_id: 42, status: "resolved" });
    expect(api.calls.map(line)).toEqual(["POST /api/v1/accounts/3/conversations/42/messages", "POST /api/v1/accounts/3/conversations/42/toggle_status"]);
    for (const call of api.calls) expect(call.headers.get("api_access_token")).toBe(BOT_TOKEN);
  });

  it("with an agent-bot token, refuses a user-only operation before sending anything", async () => {
    const api = scriptedFetch(() => json([]));
    const bot = createNimchatClient({ baseUrl: BASE, accountId: 3, agentBotToken: BOT_TOKEN, fetch: api.fetch });
    // The bot client's type has no contacts; a JavaScript caller (or a cast) still reaches the method.
    const contacts = (bot as unknown as { contacts: { list: () => Promise<unknown> } }).contacts;
    const error = await contacts.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/application\.contacts\.list cannot be called with agentBotApiKey credentials \(it accepts userApiKey\)/);
    expect(api.calls).toHaveLength(0);
    expect(JSON.stringify(error)).not.toContain(BOT_TOKEN);
  });

  it("ids the doc gives both ways take an integer or a string of digits, sent as given; others stay checked", async () => {
    const api = scriptedFetch(() => json({}));
    const nimchat = createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, fetch: api.fetch });
    await nimchat.conversations.create({ source_id: "s", inbox_id: 5, contact_id: "7", assignee_id: 2, team_id: "4" });
    await nimchat.inboxMembers.add({ inbox_id: "5", user_ids: [2] });
    await nimchat.integrations.updateHook({ hook_id: "9", settings: {} });
    await nimchat.inboxes.get({ id: "5" });
    expect(bodyOf(api.calls[0])).toEqual({ source_id: "s", inbox_id: 5, contact_id: "7", assignee_id: 2, team_id: "4" });
    expect(bodyOf(api.calls[1])).toEqual({ inbox_id: "5", user_ids: [2] });
    expect(api.calls.slice(2).map(line)).toEqual(["PATCH /api/v1/accounts/3/integrations/hooks/9", "GET /api/v1/accounts/3/inboxes/5"]);
    const refused = async (call: Promise<unknown>) => ((await call.catch((e: unknown) => e)) as ValidationError).issues;
    expect(await refused(nimchat.conversations.create({ source_id: "s", inbox_id: "inbox-5" }))).toEqual([{ path: "inbox_id", message: 'must be a whole number written in digits, e.g. "42" (got "inbox-5")' }]);
    expect(await refused(nimchat.inboxes.get({ id: 1.5 }))).toEqual([{ path: "id", message: "expected integer or string, got number" }]);
    // Ids that are integers everywhere stay integers (contactId was `number` in the doc).
    expect(await refused(nimchat.contacts.get({ id: 1.5 }))).toEqual([{ path: "id", message: "expected integer, got number" }]);
    // @ts-expect-error team_id of an assignment is an integer
    expect(await refused(nimchat.conversations.assign({ conversation_id: 1, team_id: "4" }))).toEqual([{ path: "team_id", message: "expected integer, got string" }]);
    expect(api.calls).toHaveLength(4);
  });

  it("accepts account id 1, the smallest positive integer", async () => {
    const api = scriptedFetch(() => json([]));
    const nimchat = createNimchatClient({ baseUrl: BASE, accountId: 1, userToken: USER_TOKEN, fetch: api.fetch });
    await nimchat.teams.list();
    expect(api.calls.map(line)).toEqual(["GET /api/v1/accounts/1/teams"]);
  });

  it("with a user token, calls the same operation fine (the refusal is the bot's)", async () => {
    const api = scriptedFetch(() => json([]));
    const nimchat = createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, fetch: api.fetch });
    expect(await nimchat.contacts.list()).toEqual([]);
    expect(api.calls.map(line)).toEqual(["GET /api/v1/accounts/3/contacts"]);
  });
});

describe("public client", () => {
  it("binds inbox_identifier, encodes it, and sends no token", async () => {
    const api = scriptedFetch(() => json({ id: 1, source_id: "src-1", pubsub_token: "pub-1" }));
    const chat = createNimchatPublicClient({ baseUrl: BASE, inboxIdentifier: "inbox 1/a", fetch: api.fetch });
    await chat.contacts.get({ contact_identifier: "src-1" });
    expect(line(api.calls[0]!)).toBe("GET /public/api/v1/inboxes/inbox%201%2Fa/contacts/src-1");
    expect(api.calls[0]?.headers.get("api_access_token")).toBeNull();
  });

  it("a contact session creates the contact, keeps its source_id and pubsub_token, and binds them", async () => {
    const api = scriptedFetch(
      () => json({ id: 5, source_id: "c0ffee-src", name: "Ada", email: "ada@example.com", pubsub_token: "pubsub-xyz" }),
      () => json({ id: 77, inbox_id: "9", messages: [] }),
      () => json({ id: 501, content: "Hi!", message_type: 0 }),
      () => json([{ id: 501, content: "Hi!" }]),
      () => json({ id: 5, source_id: "c0ffee-src", name: "Ada L." }),
    );
    const chat = createNimchatPublicClient({ baseUrl: BASE, inboxIdentifier: "inbox-1", fetch: api.fetch });
    const me = await chat.startContactSession({ name: "Ada", email: "ada@example.com", identifier: "u-1", identifier_hash: "ab12" });
    expect(me.contactIdentifier).toBe("c0ffee-src");
    expect(me.pubsubToken).toBe("pubsub-xyz");
    expect(me.contact).toEqual({ id: 5, source_id: "c0ffee-src", name: "Ada", email: "ada@example.com", pubsub_token: "pubsub-xyz" });
    const conversation = await me.conversations.create({ custom_attributes: { plan: "pro" } });
    await me.messages.create({ conversation_id: conversation.id!, content: "Hi!", echo_id: "tmp-1" });
    await me.messages.list({ conversation_id: 77 });
    await me.update({ name: "Ada L." });
    expect(api.calls.map(line)).toEqual([
      "POST /public/api/v1/inboxes/inbox-1/contacts",
      "POST /public/api/v1/inboxes/inbox-1/contacts/c0ffee-src/conversations",
      "POST /public/api/v1/inboxes/inbox-1/contacts/c0ffee-src/conversations/77/messages",
      "GET /public/api/v1/inboxes/inbox-1/contacts/c0ffee-src/conversations/77/messages",
      "PATCH /public/api/v1/inboxes/inbox-1/contacts/c0ffee-src",
    ]);
    expect(api.calls.map(bodyOf)).toEqual([
      { name: "Ada", email: "ada@example.com", identifier: "u-1", identifier_hash: "ab12" },
      { custom_attributes: { plan: "pro" } },
      { content: "Hi!", echo_id: "tmp-1" },
      undefined,
      { name: "Ada L." },
    ]);
  });

  it("a resumed session sends nothing until called, then uses the stored source_id", async () => {
    const api = scriptedFetch(() => json([]));
    const chat = createNimchatPublicClient({ baseUrl: BASE, inboxIdentifier: "inbox-1", fetch: api.fetch });
    const me = chat.contactSession("stored-src", "stored-pubsub");
    expect(api.calls).toHaveLength(0);
    expect(me).toMatchObject({ contactIdentifier: "stored-src", pubsubToken: "stored-pubsub", contact: undefined });
    await me.conversations.list();
    await me.get();
    expect(api.calls.map(line)).toEqual(["GET /public/api/v1/inboxes/inbox-1/contacts/stored-src/conversations", "GET /public/api/v1/inboxes/inbox-1/contacts/stored-src"]);
    expect(() => chat.contactSession("")).toThrow(ValidationError);
  });

  it("a contact creation answered without source_id is a ResponseParseError", async () => {
    const api = scriptedFetch(() => json({ id: 5, name: "Ada" }));
    const chat = createNimchatPublicClient({ baseUrl: BASE, inboxIdentifier: "inbox-1", fetch: api.fetch });
    const error = await chat.startContactSession({ name: "Ada" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as Error).message).toMatch(/no source_id/);
  });

  it.each([
    ["an empty source_id", () => json({ id: 5, source_id: "" })],
    ["a null body", () => json(null)],
    ["no body at all", () => new Response(null, { status: 200 })],
  ])("a contact creation answered with %s is a ResponseParseError naming the operation", async (_name, answer) => {
    const api = scriptedFetch(answer);
    const chat = createNimchatPublicClient({ baseUrl: BASE, inboxIdentifier: "inbox-1", fetch: api.fetch });
    const error = await chat.startContactSession({ name: "Ada" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as Error).message).toBe("Nimchat public.contacts.create: the response has no source_id, so the contact cannot be addressed");
    expect(error).toMatchObject({ status: 200, request: { operationId: "public.contacts.create", method: "POST", path: "/public/api/v1/inboxes/{inbox_identifier}/contacts" } });
  });

  it.each([
    ["null", null],
    ["a number", 42],
  ])("a pubsub_token that is %s is not kept as the session's pubsubToken", async (_name, pubsub) => {
    const api = scriptedFetch(() => json({ id: 5, source_id: "src-5", pubsub_token: pubsub }));
    const chat = createNimchatPublicClient({ baseUrl: BASE, inboxIdentifier: "inbox-1", fetch: api.fetch });
    const me = await chat.startContactSession({ name: "Ada" });
    expect(me.contactIdentifier).toBe("src-5");
    expect(me.pubsubToken).toBeUndefined();
    expect(me.contact).toEqual({ id: 5, source_id: "src-5", pubsub_token: pubsub });
  });

  it.each([
    ["an empty string", ""],
    ["a blank string", "   "],
    ["a number", 5],
    ["undefined", undefined],
  ])("a resumed session refuses %s as the contact identifier, naming it", (_name, id) => {
    const chat = createNimchatPublicClient({ baseUrl: BASE, inboxIdentifier: "inbox-1", fetch: scriptedFetch(() => json({})).fetch });
    let error: unknown;
    try {
      chat.contactSession(id as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe("Invalid Nimchat contact session: contactIdentifier: must be a non-empty string (the contact's source_id)");
  });
});

describe("options are checked before anything is sent", () => {
  const secretsOf = (error: unknown) => [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 9 })].join("\n");

  it.each([
    ["no platform token", () => createNimchatPlatformClient({ baseUrl: BASE } as never), /platformToken: is required/],
    ["an empty platform token", () => createNimchatPlatformClient({ baseUrl: BASE, platformToken: "" }), /platformToken: is required/],
    ["a blank platform token", () => createNimchatPlatformClient({ baseUrl: BASE, platformToken: "   " }), /platformToken: must not be blank/],
    ["a platform token with CR/LF", () => createNimchatPlatformClient({ baseUrl: BASE, platformToken: `${PLATFORM_TOKEN}\r\nX-Evil: 1` }), /platformToken: must contain only printable/],
    ["a non-string token", () => createNimchatPlatformClient({ baseUrl: BASE, platformToken: 12345 as never }), /platformToken: must be a string/],
    ["no token at all", () => createNimchatClient({ baseUrl: BASE, accountId: 3 } as never), /userToken: is required \(or agentBotToken/],
    ["both tokens", () => createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, agentBotToken: BOT_TOKEN } as never), /pass either userToken or agentBotToken, not both/],
    ["an empty agent-bot token", () => createNimchatClient({ baseUrl: BASE, accountId: 3, agentBotToken: "" }), /agentBotToken: is required/],
    ["no account id", () => createNimchatClient({ baseUrl: BASE, userToken: USER_TOKEN } as never), /accountId: is required/],
    ["account id 0", () => createNimchatClient({ baseUrl: BASE, accountId: 0, userToken: USER_TOKEN }), /accountId: must be a positive integer \(got 0\)/],
    ["a negative account id", () => createNimchatClient({ baseUrl: BASE, accountId: -3, userToken: USER_TOKEN }), /accountId: must be a positive integer \(got -3\)/],
    ["a fractional account id", () => createNimchatClient({ baseUrl: BASE, accountId: 1.5, userToken: USER_TOKEN }), /accountId: must be a positive integer \(got 1\.5\)/],
    ["an account id as a string", () => createNimchatClient({ baseUrl: BASE, accountId: "3" as never, userToken: USER_TOKEN }), /accountId: must be a positive integer \(got string\)/],
    ["no inbox identifier", () => createNimchatPublicClient({ baseUrl: BASE } as never), /inboxIdentifier: is required/],
    ["an empty inbox identifier", () => createNimchatPublicClient({ baseUrl: BASE, inboxIdentifier: "" }), /inboxIdentifier: is required/],
    ["a blank inbox identifier", () => createNimchatPublicClient({ baseUrl: BASE, inboxIdentifier: " " }), /inboxIdentifier: must not be blank/],
    ["no baseUrl (self-hosted)", () => createNimchatClient({ accountId: 3, userToken: USER_TOKEN } as never), /baseUrl: is required for Nimchat/],
    ["a plain-http baseUrl", () => createNimchatPublicClient({ baseUrl: "http://chat.example.com", inboxIdentifier: "i" }), /baseUrl: must use https/],
    ["a misspelt option", () => createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, timout: 5 } as never), /timout: is not a known option; did you mean `timeoutMs`\?/],
    ["options that are not an object", () => createNimchatClient(null as never), /must be an object of client options/],
  ])("%s", (_name, make, message) => {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(message);
    for (const secret of [USER_TOKEN, BOT_TOKEN, PLATFORM_TOKEN]) expect(secretsOf(error)).not.toContain(secret);
  });

  /** The message of the ValidationError `make` throws. */
  const refusal = (make: () => unknown): string => thrown(make, ValidationError).message;

  it.each([
    ["a null platform token is missing", () => createNimchatPlatformClient({ baseUrl: BASE, platformToken: null as never }), "Invalid Nimchat platform client options: platformToken: is required"],
    ["a null user token is missing", () => createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: null as never }), "Invalid Nimchat client options: userToken: is required"],
    ["both tokens, reported under userToken", () => createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, agentBotToken: BOT_TOKEN } as never), "Invalid Nimchat client options: userToken: pass either userToken or agentBotToken, not both"],
    ["a null inbox identifier is missing", () => createNimchatPublicClient({ baseUrl: BASE, inboxIdentifier: null as never }), "Invalid Nimchat public client options: inboxIdentifier: is required (the identifier of the API inbox)"],
    ["a numeric inbox identifier", () => createNimchatPublicClient({ baseUrl: BASE, inboxIdentifier: 42 as never }), "Invalid Nimchat public client options: inboxIdentifier: must be a string (got number)"],
    ["options that are a string (platform)", () => createNimchatPlatformClient(BASE as never), "Invalid Nimchat platform client options: must be an object of client options"],
    ["options that are a string (application)", () => createNimchatClient(BASE as never), "Invalid Nimchat client options: must be an object of client options"],
  ])("%s: the message names the client and the option", (_name, make, message) => {
    expect(refusal(make)).toBe(message);
  });

  it.each([
    ["agentBotTokn", () => createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, agentBotTokn: "x" } as never), "agentBotToken"],
    ["usertoken", () => createNimchatClient({ baseUrl: BASE, accountId: 3, agentBotToken: BOT_TOKEN, usertoken: "x" } as never), "userToken"],
    ["acountId", () => createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, acountId: 3 } as never), "accountId"],
    ["platformTokn", () => createNimchatPlatformClient({ baseUrl: BASE, platformToken: PLATFORM_TOKEN, platformTokn: "x" } as never), "platformToken"],
    ["inboxIdentifer", () => createNimchatPublicClient({ baseUrl: BASE, inboxIdentifier: "inbox-1", inboxIdentifer: "inbox-1" } as never), "inboxIdentifier"],
  ])("a misspelt Nimchat option (%s) is refused with the right name suggested", (typo, make, name) => {
    expect(refusal(make)).toContain(`${typo}: is not a known option; did you mean \`${name}\`?`);
  });

  it("several problems are reported together", () => {
    const error = (() => {
      try {
        createNimchatClient({ baseUrl: BASE, accountId: 0, userToken: "" });
      } catch (e) {
        return e as ValidationError;
      }
      return undefined;
    })();
    expect(error?.issues.map((i) => i.path)).toEqual(["userToken", "accountId"]);
  });

  it("http is accepted for loopback (local mocks)", () => {
    expect(() => createNimchatClient({ baseUrl: "http://127.0.0.1:4010", accountId: 3, userToken: USER_TOKEN })).not.toThrow();
  });
});

describe("errors and retries", () => {
  it("a 404 is a NotFoundError with the vendor's body and the request's ids, never the token", async () => {
    const api = scriptedFetch(() => json({ error: "Resource could not be found" }, 404));
    const nimchat = createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, fetch: api.fetch, ...noRetry });
    const error = await nimchat.conversations.get({ conversation_id: 999 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, body: { error: "Resource could not be found" }, request: { operationId: "application.conversations.get", params: { conversation_id: 999 } } });
    expect(inspect(error, { depth: 9 })).not.toContain(USER_TOKEN);
  });

  it("a 401 is an AuthenticationError whose body echoing the token is redacted", async () => {
    const api = scriptedFetch(() => json({ errors: [`Invalid token ${USER_TOKEN}`] }, 401));
    const nimchat = createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, fetch: api.fetch, ...noRetry });
    const error = await nimchat.teams.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify(error)).not.toContain(USER_TOKEN);
    expect(JSON.stringify((error as AuthenticationError).body)).toContain("[REDACTED]");
  });

  it("a platform 401 whose body echoes the platform token is redacted", async () => {
    const api = scriptedFetch(() => json({ error: `Invalid token ${PLATFORM_TOKEN}` }, 401));
    const platform = createNimchatPlatformClient({ baseUrl: BASE, platformToken: PLATFORM_TOKEN, fetch: api.fetch, ...noRetry });
    const error = await platform.users.get({ id: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).body).toEqual({ error: "Invalid token [REDACTED]" });
    expect(JSON.stringify(error)).not.toContain(PLATFORM_TOKEN);
  });

  it("a GET is retried after a 503; a message send is not", async () => {
    const api = scriptedFetch((_c, n) => (n === 1 ? json({}, 503) : json([{ id: 1, name: "Support" }])));
    const nimchat = createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, fetch: api.fetch, retry: { initialDelayMs: 1, maxDelayMs: 2 } });
    expect(await nimchat.teams.list()).toEqual([{ id: 1, name: "Support" }]);
    expect(api.calls).toHaveLength(2);
    const sends = scriptedFetch(() => json({}, 503));
    const sender = createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, fetch: sends.fetch, retry: { initialDelayMs: 1, maxDelayMs: 2 } });
    await expect(sender.messages.create({ conversation_id: 1, content: "once" })).rejects.toBeInstanceOf(ServerError);
    expect(sends.calls).toHaveLength(1);
  });
});

describe("paging to the last page", () => {
  const contact = (id: number) => ({ id, payload: { contact: { name: `c${id}` } } });
  const page = (call: { url: string }) => Number(new URL(call.url).searchParams.get("page"));

  it("contacts.list: pages of 15 until a short page", async () => {
    const api = scriptedFetch((call) => json(Array.from({ length: page(call) < 3 ? 15 : 4 }, (_, i) => contact(page(call) * 100 + i))));
    const nimchat = createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, fetch: api.fetch });
    const ids: number[] = [];
    for await (const c of nimchat.contacts.list.iterate({ sort: "-last_activity_at" })) ids.push(c.id as number);
    expect(ids).toEqual([...Array.from({ length: 15 }, (_, i) => 100 + i), ...Array.from({ length: 15 }, (_, i) => 200 + i), 300, 301, 302, 303]);
    expect(api.calls.map(line)).toEqual([1, 2, 3].map((p) => `GET /api/v1/accounts/3/contacts?sort=-last_activity_at&page=${p}`));
  });

  it("contacts.list: a full last page is followed by one empty page", async () => {
    const api = scriptedFetch((call) => json(page(call) === 1 ? Array.from({ length: 15 }, (_, i) => contact(i)) : []));
    const nimchat = createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, fetch: api.fetch });
    const pages = [];
    for await (const p of nimchat.contacts.list.pages()) pages.push({ page: p.page, items: p.items.length });
    expect(pages).toEqual([{ page: 1, items: 15 }, { page: 2, items: 0 }]);
    expect(api.calls.map(line)).toEqual(["GET /api/v1/accounts/3/contacts?page=1", "GET /api/v1/accounts/3/contacts?page=2"]);
  });

  it("conversations.filter (POST): pages of 25 under data.payload, the filter body on every page", async () => {
    const body = { payload: [{ attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: null }] };
    const api = scriptedFetch((call) => json({ data: { meta: { all_count: 27 }, payload: Array.from({ length: page(call) === 1 ? 25 : 2 }, (_, i) => ({ id: page(call) * 1000 + i })) } }));
    const nimchat = createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, fetch: api.fetch });
    const ids: number[] = [];
    for await (const c of nimchat.conversations.filter.iterate(body)) ids.push(c.id as number);
    expect(ids).toEqual([...Array.from({ length: 25 }, (_, i) => 1000 + i), 2000, 2001]);
    expect(api.calls.map(line)).toEqual(["POST /api/v1/accounts/3/conversations/filter?page=1", "POST /api/v1/accounts/3/conversations/filter?page=2"]);
    for (const call of api.calls) expect(bodyOf(call)).toEqual(body);
  });

  it("messages.list: cursor `before` = the oldest id seen, until an empty page", async () => {
    // Newest page first: each page is oldest-first, the next is fetched with before = its first id.
    const pages: Record<string, number[]> = { "": [7, 8, 9], "7": [4, 5, 6], "4": [1, 2, 3], "1": [] };
    const api = scriptedFetch((call) => json((pages[new URL(call.url).searchParams.get("before") ?? ""] ?? []).map((id) => ({ id, content: `m${id}` }))));
    const nimchat = createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, fetch: api.fetch });
    const ids: number[] = [];
    for await (const m of nimchat.messages.list.iterate({ conversation_id: 42 })) ids.push(m.id as number);
    expect(ids).toEqual([7, 8, 9, 4, 5, 6, 1, 2, 3]);
    expect(api.calls.map(line)).toEqual([
      "GET /api/v1/accounts/3/conversations/42/messages",
      "GET /api/v1/accounts/3/conversations/42/messages?before=7",
      "GET /api/v1/accounts/3/conversations/42/messages?before=4",
      "GET /api/v1/accounts/3/conversations/42/messages?before=1",
    ]);
  });
});
