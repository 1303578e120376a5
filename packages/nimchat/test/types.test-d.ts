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

// "Types that chain": an id a response returns is passed to the next operation as it is, with no
// cast (`!` only asserts an element or optional field is present). Each `it` is one resource. Ids the
// doc gives both ways (a string here, an integer there) take either form in parameters.
describe("ids chain from one operation to the next", () => {
  it("platform: accounts, users, account users and agent bots", async () => {
    const account = await platform.accounts.create({ name: "Acme" });
    await platform.accounts.update({ account_id: account.id!, name: "Acme Inc" });
    const user = await platform.users.create({ name: "Ada", email: "ada@example.com" });
    await platform.users.get({ id: user.id! });
    await platform.accountUsers.create({ account_id: account.id!, user_id: user.id!, role: "agent" });
    await platform.accountUsers.delete({ account_id: user.accounts![0]!.id!, user_id: user.id! });
    const agentBot = await platform.agentBots.create({ name: "Bot" });
    await platform.agentBots.update({ id: agentBot.id!, name: "Bot 2" });
    // An integration hook's account_id is a string in the doc: it still passes.
    const hook = await nimchat.integrations.createHook({ app_id: "slack" });
    expectTypeOf(hook.account_id).toEqualTypeOf<string | undefined>();
    await platform.accounts.update({ account_id: hook.account_id!, name: "Acme" });
  });

  it("agents: an agent's id assigns, joins inboxes and teams, and filters reports", async () => {
    const [agent] = await nimchat.agents.list();
    expectTypeOf(agent!.id).toEqualTypeOf<number | undefined>();
    await nimchat.agents.update({ id: agent!.id!, role: "agent" });
    await nimchat.conversations.assign({ conversation_id: 1, assignee_id: agent!.id! });
    await nimchat.conversations.create({ source_id: "s", inbox_id: 1, assignee_id: agent!.id! });
    await nimchat.inboxMembers.add({ inbox_id: 1, user_ids: [agent!.id!] });
    await nimchat.teamMembers.add({ team_id: 1, user_ids: [agent!.id!] });
    await nimchat.reports.agentConversationMetrics({ type: "agent", user_id: agent!.id! });
    await nimchat.reports.get({ metric: "conversations_count", type: "agent", id: agent!.id! });
    await nimchat.articles.create({ id: 1, title: "FAQ", author_id: agent!.id! });
  });

  it("agent bots: an agent bot's id is read back and attached to an inbox", async () => {
    const [agentBot] = await nimchat.agentBots.list();
    await nimchat.agentBots.get({ id: agentBot!.id! });
    await nimchat.inboxes.setAgentBot({ id: 1, agent_bot: agentBot!.id! });
  });

  it("contacts: a contact's id and source id open its conversations", async () => {
    const [contact] = await nimchat.contacts.list();
    expectTypeOf(contact!.id).toEqualTypeOf<number | undefined>();
    await nimchat.contacts.get({ id: contact!.id! });
    await nimchat.contacts.listConversations({ id: contact!.id! });
    const where = contact!.payload!.contact!.contact_inboxes![0]!;
    await nimchat.conversations.create({ source_id: where.source_id!, inbox_id: where.inbox!.id!, contact_id: contact!.id! });
    const created = await nimchat.contacts.create({ inbox_id: where.inbox!.id!, name: "Ada" });
    await nimchat.contacts.update({ id: created.id!, name: "Ada L." });
  });

  it("conversations: a conversation's ids reach its messages, inbox, contact and assignee", async () => {
    const list = await nimchat.conversations.list({ status: "open" });
    const conversation = list.data!.payload![0]!;
    await nimchat.conversations.get({ conversation_id: conversation.id! });
    await nimchat.conversations.toggleStatus({ conversation_id: conversation.id!, status: "resolved" });
    await nimchat.conversations.listLabels({ conversation_id: conversation.id! });
    await nimchat.inboxes.get({ id: conversation.inbox_id! });
    await nimchat.contacts.get({ id: conversation.meta!.sender!.id! });
    await nimchat.conversations.assign({ conversation_id: conversation.id!, assignee_id: conversation.meta!.assignee!.id! });
    const created = await nimchat.conversations.create({ source_id: "s", inbox_id: "1" });
    await nimchat.messages.create({ conversation_id: created.id!, content: "Hello" });
    await nimchat.inboxes.get({ id: created.inbox_id! });
  });

  it("messages: a message's id and conversation_id delete it", async () => {
    const [message] = await nimchat.messages.list({ conversation_id: 1 });
    await nimchat.messages.delete({ conversation_id: message!.conversation_id!, message_id: message!.id! });
    const sent = await nimchat.messages.create({ conversation_id: 1, content: "Hi" });
    await nimchat.messages.delete({ conversation_id: sent.conversation_id!, message_id: sent.id! });
  });

  it("inboxes: an inbox's id (integer, or string from hooks and public conversations)", async () => {
    const [inbox] = await nimchat.inboxes.list();
    expectTypeOf(inbox!.id).toEqualTypeOf<number | undefined>();
    await nimchat.inboxes.get({ id: inbox!.id! });
    await nimchat.inboxes.getAgentBot({ id: inbox!.id! });
    await nimchat.inboxMembers.list({ inbox_id: inbox!.id! });
    await nimchat.inboxMembers.update({ inbox_id: inbox!.id!, user_ids: [1] });
    await nimchat.conversations.list({ inbox_id: inbox!.id! });
    await nimchat.conversations.getCounts({ inbox_id: inbox!.id! });
    await nimchat.reports.summary({ type: "inbox", id: inbox!.id! });
    const hook = await nimchat.integrations.createHook({ app_id: "dialogflow", inbox_id: inbox!.id! });
    await nimchat.inboxes.get({ id: hook.inbox_id! });
    expectTypeOf<NimchatSchema<"InboxId">>().toEqualTypeOf<number | string>();
  });

  it("teams: a team's id", async () => {
    const [team] = await nimchat.teams.list();
    await nimchat.teams.get({ team_id: team!.id! });
    await nimchat.teamMembers.list({ team_id: team!.id! });
    await nimchat.conversations.list({ team_id: team!.id! });
    await nimchat.conversations.assign({ conversation_id: 1, team_id: team!.id! });
    await nimchat.conversations.create({ source_id: "s", inbox_id: 1, team_id: team!.id! });
    await nimchat.reports.summary({ type: "team", id: team!.id! });
  });

  it("integrations: an app's id creates a hook, whose string id updates it", async () => {
    const [app] = await nimchat.integrations.listApps();
    const hook = await nimchat.integrations.createHook({ app_id: app!.id! });
    expectTypeOf(hook.id).toEqualTypeOf<string | undefined>();
    await nimchat.integrations.updateHook({ hook_id: hook.id!, settings: {} });
  });

  it("custom attributes, custom filters, webhooks and automation rules", async () => {
    const [attribute] = await nimchat.customAttributes.list({ attribute_model: "1" });
    await nimchat.customAttributes.get({ id: attribute!.id! });
    const [filter] = await nimchat.customFilters.list();
    await nimchat.customFilters.get({ custom_filter_id: filter!.id! });
    const [webhook] = await nimchat.webhooks.list();
    await nimchat.webhooks.update({ webhook_id: webhook!.id!, url: "https://example.org/hook" });
    const [rule] = await nimchat.automationRules.list();
    await nimchat.automationRules.get({ id: rule!.id! });
  });

  it("portals: a portal's, category's and article's ids", async () => {
    const [portal] = await nimchat.portals.list();
    await nimchat.portals.update({ id: portal!.id!, name: "Help" });
    const category = await nimchat.categories.create({ id: portal!.id!, portal_id: portal!.id!, name: "Billing" });
    await nimchat.categories.create({ id: portal!.id!, name: "Invoices", parent_category_id: category.id!, associated_category_id: category.id! });
    const article = await nimchat.articles.create({ id: portal!.id!, title: "Refunds", category_id: category.id! });
    await nimchat.articles.create({ id: portal!.id!, title: "Refunds (fr)", associated_article_id: article.id! });
  });

  it("public API: a conversation's id and a public message's string ids", async () => {
    const me = await chat.startContactSession({ name: "Ada" });
    const conversation = await me.conversations.create();
    const sent = await me.messages.create({ conversation_id: conversation.id!, content: "Hi" });
    expectTypeOf(sent.id).toEqualTypeOf<string | undefined>();
    await me.messages.update({ conversation_id: sent.conversation_id!, message_id: sent.id!, submitted_values: {} });
    const [listed] = await me.messages.list({ conversation_id: conversation.id! });
    await me.messages.update({ conversation_id: listed!.conversation_id!, message_id: listed!.id! });
    await chat.contacts.get({ contact_identifier: me.contact!.source_id! });
    await nimchat.inboxes.get({ id: conversation.inbox_id! });
  });
});
