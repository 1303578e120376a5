// Type tests: the public signatures of the three Nimchat clients, the filter builder and webhooks.
import { webcrypto } from "node:crypto";
import { describe, expectTypeOf, it } from "vitest";
import {
  createNimchatClient,
  createNimchatPlatformClient,
  createNimchatPublicClient,
  nimchatFilter,
  otherOperator,
  parseNimchatWebhook,
  identityHash,
  type IdentityHashSubtle,
  type NimchatAgentBotClient,
  type NimchatApplicationClient,
  type NimchatSchema,
} from "../src/index.js";

const baseUrl = "https://chat.example.com";
const nimchat = createNimchatClient({ baseUrl, accountId: 3, userToken: "t" });
const bot = createNimchatClient({ baseUrl, accountId: 3, agentBotToken: "b" });
const platform = createNimchatPlatformClient({ baseUrl, platformToken: "p" });
const chat = createNimchatPublicClient({ baseUrl, inboxIdentifier: "i" });

describe("factories", () => {
  it("return the user client or the agent-bot client by token kind", () => {
    expectTypeOf(nimchat).toEqualTypeOf<NimchatApplicationClient>();
    expectTypeOf(bot).toEqualTypeOf<NimchatAgentBotClient>();
  });

  it("take one token kind, a numeric account id and a required baseUrl", () => {
    // @ts-expect-error both tokens
    createNimchatClient({ baseUrl, accountId: 3, userToken: "t", agentBotToken: "b" });
    // @ts-expect-error no token
    createNimchatClient({ baseUrl, accountId: 3 });
    // @ts-expect-error accountId is a number
    createNimchatClient({ baseUrl, accountId: "3", userToken: "t" });
    // @ts-expect-error baseUrl is required (self-hosted)
    createNimchatPlatformClient({ platformToken: "p" });
    // @ts-expect-error inboxIdentifier is required
    createNimchatPublicClient({ baseUrl });
  });
});

describe("application client", () => {
  it("binds account_id: calls never take it", async () => {
    const contact = await nimchat.contacts.get({ id: 7 });
    expectTypeOf(contact).toEqualTypeOf<NimchatSchema<"Contact">>();
    // @ts-expect-error account_id is bound by the client
    void nimchat.contacts.get({ id: 7, account_id: 3 });
  });

  it("an agent bot has only the operations its token may call", async () => {
    const sent = await bot.messages.create({ conversation_id: 1, content: "Hi" });
    expectTypeOf(sent).toEqualTypeOf<NimchatSchema<"Message">>();
    await bot.conversations.toggleStatus({ conversation_id: 1, status: "resolved" });
    // @ts-expect-error contacts.list is for user tokens only
    void bot.contacts.list();
    // @ts-expect-error messages.list is for user tokens only
    void bot.messages.list({ conversation_id: 1 });
    // @ts-expect-error conversations.get is for user tokens only
    void bot.conversations.get({ conversation_id: 1 });
  });

  it("lists page with typed items", () => {
    expectTypeOf(nimchat.contacts.list.iterate()).toEqualTypeOf<AsyncIterableIterator<NimchatSchema<"Contact">>>();
    expectTypeOf(nimchat.messages.list.iterate({ conversation_id: 1 })).toEqualTypeOf<AsyncIterableIterator<NimchatSchema<"Message">>>();
    expectTypeOf(nimchat.conversations.list.iterate()).toEqualTypeOf<AsyncIterableIterator<NimchatSchema<"Conversation">>>();
  });
});

describe("platform and public clients", () => {
  it("platform calls are typed", async () => {
    expectTypeOf(await platform.accounts.create({ name: "Acme" })).toEqualTypeOf<NimchatSchema<"Account">>();
    // @ts-expect-error the platform client has no application operations
    void platform.contacts;
  });

  it("a contact session binds contact_identifier", async () => {
    const me = await chat.startContactSession({ name: "Ada" });
    expectTypeOf(me.contactIdentifier).toEqualTypeOf<string>();
    expectTypeOf(me.pubsubToken).toEqualTypeOf<string | undefined>();
    const message = await me.messages.create({ conversation_id: 1, content: "Hi" });
    expectTypeOf(message).toEqualTypeOf<NimchatSchema<"PublicMessage">>();
    // @ts-expect-error conversation_id is required
    void me.messages.create({ content: "Hi" });
    // @ts-expect-error inbox_identifier is bound by the client
    void chat.contacts.get({ contact_identifier: "s", inbox_identifier: "other" });
  });
});

describe("identityHash", () => {
  it("takes the browser's, Deno's or Node's WebCrypto", () => {
    expectTypeOf(globalThis.crypto.subtle).toExtend<IdentityHashSubtle>();
    expectTypeOf(webcrypto.subtle).toExtend<IdentityHashSubtle>();
    expectTypeOf(identityHash("id", "secret", { subtle: webcrypto.subtle })).toEqualTypeOf<Promise<string>>();
  });
});

describe("filters", () => {
  it("operators are typed, and their values by operator", () => {
    nimchatFilter().where("email", "is_present").and("created_at", "days_before", [3]).or("name", "contains", ["a", "b"]);
    nimchatFilter().where("email", otherOperator("starts_with"), ["a"]);
    // @ts-expect-error not a known operator (use otherOperator)
    nimchatFilter().where("email", "starts_with", ["a"]);
    // @ts-expect-error is_present takes no values
    nimchatFilter().where("email", "is_present", ["a"]);
    // @ts-expect-error equal_to needs at least one value
    nimchatFilter().where("status", "equal_to", []);
    // @ts-expect-error days_before takes one number
    nimchatFilter().where("created_at", "days_before", ["3"]);
  });

  it("produce the spec's condition type", () => {
    expectTypeOf(nimchatFilter().where("status", "eq", ["open"]).payload()).toEqualTypeOf<NimchatSchema<"FilterCondition">[]>();
  });
});

describe("webhooks", () => {
  it("are a union discriminated by event", () => {
    const event = parseNimchatWebhook("{}");
    expectTypeOf(event.event).toEqualTypeOf<"conversation_created" | "conversation_status_changed" | "conversation_updated" | "message_created" | "message_updated" | "webwidget_triggered">();
    if (event.event === "message_created") expectTypeOf(event.content).toEqualTypeOf<string | undefined>();
    if (event.event === "conversation_updated") expectTypeOf(event.messages).toEqualTypeOf<NimchatSchema<"Message">[] | undefined>();
  });
});
