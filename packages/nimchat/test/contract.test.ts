// Contract tests: every operation of specs/nimchat/openapi.yaml (92, over the three APIs), called
// through the generated methods of the three clients against a Prism mock of the spec, each result
// compared with the spec's own 200 example (read from the YAML here). Request bodies are the spec's
// request examples where it has them, so the documented samples are also checked against the
// client's validation and Prism's. The four avatar operations are also sent as multipart (with a
// file), which the harness routes through the bracket proxy (scripts/vitest/prism-setup.ts).
import { afterAll, describe, expect, inject, it } from "vitest";
import { operationRecorder } from "../../../scripts/vitest/coverage.js";
import {
  AuthenticationError,
  BadRequestError,
  createNimchatClient,
  createNimchatPlatformClient,
  createNimchatPublicClient,
  identityHash,
  nimchatFilter,
  operationCount,
  ValidationError,
} from "../src/index.js";
import { operationIds, requestExample, responseExample } from "./spec.js";

const recorder = operationRecorder();
const baseUrl = inject("prismUrl");
const common = { baseUrl, logger: recorder.logger, retry: false } as const;
const platform = createNimchatPlatformClient({ ...common, platformToken: "platform-token" });
const nimchat = createNimchatClient({ ...common, accountId: 1, userToken: "user-token" });
const bot = createNimchatClient({ ...common, accountId: 1, agentBotToken: "bot-token" });
const chat = createNimchatPublicClient({ ...common, inboxIdentifier: "inbox-identifier" });
const png = () => new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], "avatar.png", { type: "image/png" });
/** The spec's request example of an operation (typed loosely: it is the spec's, checked at run time). */
const body = (id: string): any => requestExample(id);

afterAll(() => recorder.save(new URL("..", import.meta.url).pathname));

/** One call per operation of the spec, keyed by operationId. */
const calls: Record<string, () => Promise<unknown>> = {
  // Platform API
  "platform.accounts.create": () => platform.accounts.create(body("platform.accounts.create")),
  "platform.accounts.update": () => platform.accounts.update({ account_id: 1, ...body("platform.accounts.update") }),
  "platform.accountUsers.create": () => platform.accountUsers.create({ account_id: 1, user_id: 2, role: "administrator" }),
  "platform.accountUsers.delete": () => platform.accountUsers.delete({ account_id: 1, ...body("platform.accountUsers.delete") }),
  "platform.agentBots.create": () => platform.agentBots.create(body("platform.agentBots.create")),
  "platform.agentBots.get": () => platform.agentBots.get({ id: 1 }),
  "platform.agentBots.update": () => platform.agentBots.update({ id: 1, ...body("platform.agentBots.update") }),
  "platform.users.create": () => platform.users.create(body("platform.users.create")),
  "platform.users.get": () => platform.users.get({ id: 1 }),
  "platform.users.update": () => platform.users.update({ id: 1, ...body("platform.users.update") }),
  // Application API
  "application.agentBots.list": () => nimchat.agentBots.list(),
  "application.agentBots.create": () => nimchat.agentBots.create(body("application.agentBots.create")),
  "application.agentBots.get": () => nimchat.agentBots.get({ id: 1 }),
  "application.agentBots.update": () => nimchat.agentBots.update({ id: 1, ...body("application.agentBots.update") }),
  "application.agents.list": () => nimchat.agents.list(),
  "application.agents.create": () => nimchat.agents.create(body("application.agents.create")),
  "application.agents.update": () => nimchat.agents.update({ id: 1, ...body("application.agents.update") }),
  "application.cannedResponses.list": () => nimchat.cannedResponses.list(),
  "application.cannedResponses.create": () => nimchat.cannedResponses.create(body("application.cannedResponses.create")),
  "application.contacts.list": () => nimchat.contacts.list({ sort: "-last_activity_at", page: 1 }),
  "application.contacts.create": () => nimchat.contacts.create(body("application.contacts.create")),
  "application.contacts.get": () => nimchat.contacts.get({ id: 1 }),
  "application.contacts.update": () => nimchat.contacts.update({ id: 1, ...body("application.contacts.update") }),
  "application.contacts.listConversations": () => nimchat.contacts.listConversations({ id: 1 }),
  "application.contacts.search": () => nimchat.contacts.search({ q: "ada@example.com", sort: "name", page: 1 }),
  "application.contacts.filter": () => nimchat.contacts.filter({ ...nimchatFilter().where("name", "equal_to", ["en"]).and("country_code", "equal_to", ["us"]).body(), page: 1 }),
  "application.conversations.assign": () => nimchat.conversations.assign({ conversation_id: 1, ...body("application.conversations.assign") }),
  "application.conversations.listLabels": () => nimchat.conversations.listLabels({ conversation_id: 1 }),
  "application.conversations.setLabels": () => nimchat.conversations.setLabels({ conversation_id: 1, ...body("application.conversations.setLabels") }),
  "application.conversations.getCounts": () => nimchat.conversations.getCounts({ status: "open", inbox_id: 1 }),
  "application.conversations.list": () => nimchat.conversations.list({ assignee_type: "all", status: "open", page: 1 }),
  "application.conversations.create": () => nimchat.conversations.create(body("application.conversations.create")),
  "application.conversations.filter": () => nimchat.conversations.filter({ ...body("application.conversations.filter"), page: 1 }),
  "application.conversations.get": () => nimchat.conversations.get({ conversation_id: 1 }),
  "application.conversations.toggleStatus": () => nimchat.conversations.toggleStatus({ conversation_id: 1, ...body("application.conversations.toggleStatus") }),
  "application.conversations.togglePriority": () => nimchat.conversations.togglePriority({ conversation_id: 1, ...body("application.conversations.togglePriority") }),
  "application.messages.list": () => nimchat.messages.list({ conversation_id: 1 }),
  "application.messages.create": () => nimchat.messages.create({ conversation_id: 1, ...body("application.messages.create") }),
  "application.messages.delete": () => nimchat.messages.delete({ conversation_id: 1, message_id: 2 }),
  "application.customAttributes.list": () => nimchat.customAttributes.list({ attribute_model: "1" }),
  "application.customAttributes.create": () => nimchat.customAttributes.create(body("application.customAttributes.create")),
  "application.customAttributes.get": () => nimchat.customAttributes.get({ id: 1 }),
  "application.customAttributes.update": () => nimchat.customAttributes.update({ id: 1, ...body("application.customAttributes.update") }),
  "application.customFilters.list": () => nimchat.customFilters.list({ filter_type: "conversation" }),
  "application.customFilters.create": () => nimchat.customFilters.create({ filter_type: "conversation", ...body("application.customFilters.create") }),
  "application.customFilters.get": () => nimchat.customFilters.get({ custom_filter_id: 1 }),
  "application.customFilters.update": () => nimchat.customFilters.update({ custom_filter_id: 1, name: "Open", type: "conversation", query: nimchatFilter().where("status", "equal_to", ["open"]).query() }),
  "application.inboxes.list": () => nimchat.inboxes.list(),
  "application.inboxes.create": () => nimchat.inboxes.create(body("application.inboxes.create")),
  "application.inboxes.get": () => nimchat.inboxes.get({ id: 1 }),
  "application.inboxes.update": () => nimchat.inboxes.update({ id: 1, ...body("application.inboxes.update") }),
  "application.inboxes.getAgentBot": () => nimchat.inboxes.getAgentBot({ id: 1 }),
  "application.inboxes.setAgentBot": () => nimchat.inboxes.setAgentBot({ id: 1, ...body("application.inboxes.setAgentBot") }),
  "application.inboxMembers.list": () => nimchat.inboxMembers.list({ inbox_id: 1 }),
  "application.inboxMembers.add": () => nimchat.inboxMembers.add(body("application.inboxMembers.add")),
  "application.inboxMembers.update": () => nimchat.inboxMembers.update(body("application.inboxMembers.update")),
  "application.inboxMembers.remove": () => nimchat.inboxMembers.remove(body("application.inboxMembers.remove")),
  "application.integrations.listApps": () => nimchat.integrations.listApps(),
  "application.integrations.createHook": () => nimchat.integrations.createHook(body("application.integrations.createHook")),
  "application.integrations.updateHook": () => nimchat.integrations.updateHook({ hook_id: 1, ...body("application.integrations.updateHook") }),
  "application.reports.get": () => nimchat.reports.get({ metric: "conversations_count", type: "account", since: "1700000000", until: "1700086400" }),
  "application.reports.summary": () => nimchat.reports.summary({ type: "agent", id: "1", since: "1700000000", until: "1700086400" }),
  "application.reports.accountConversationMetrics": () => nimchat.reports.accountConversationMetrics({ type: "account" }),
  "application.reports.agentConversationMetrics": () => nimchat.reports.agentConversationMetrics({ type: "agent", user_id: "1" }),
  "application.teams.list": () => nimchat.teams.list(),
  "application.teams.create": () => nimchat.teams.create(body("application.teams.create")),
  "application.teams.get": () => nimchat.teams.get({ team_id: 1 }),
  "application.teams.update": () => nimchat.teams.update({ team_id: 1, ...body("application.teams.update") }),
  "application.teamMembers.list": () => nimchat.teamMembers.list({ team_id: 1 }),
  "application.teamMembers.add": () => nimchat.teamMembers.add({ team_id: 1, ...body("application.teamMembers.add") }),
  "application.teamMembers.update": () => nimchat.teamMembers.update({ team_id: 1, ...body("application.teamMembers.update") }),
  "application.teamMembers.remove": () => nimchat.teamMembers.remove({ team_id: 1, ...body("application.teamMembers.remove") }),
  "application.webhooks.list": () => nimchat.webhooks.list(),
  "application.webhooks.create": () => nimchat.webhooks.create({ url: "https://example.com/hooks/nimchat?secret=abc", subscriptions: ["conversation_created", "message_created"] }),
  "application.webhooks.update": () => nimchat.webhooks.update({ webhook_id: 1, ...body("application.webhooks.update") }),
  "application.automationRules.list": () => nimchat.automationRules.list({ page: 1 }),
  "application.automationRules.create": () => nimchat.automationRules.create(body("application.automationRules.create")),
  "application.automationRules.get": () => nimchat.automationRules.get({ id: 1 }),
  "application.automationRules.update": () => nimchat.automationRules.update({ id: 1, ...body("application.automationRules.update"), conditions: nimchatFilter().where("content", "contains", ["help"]).conditions() }),
  "application.portals.create": () => nimchat.portals.create(body("application.portals.create")),
  "application.portals.list": () => nimchat.portals.list(),
  "application.portals.update": () => nimchat.portals.update({ id: 1, ...body("application.portals.update") }),
  "application.categories.create": () => nimchat.categories.create({ id: 1, ...body("application.categories.create") }),
  "application.articles.create": () => nimchat.articles.create({ id: 1, ...body("application.articles.create") }),
  // Public client API
  "public.contacts.create": () => chat.contacts.create(body("public.contacts.create")),
  "public.contacts.get": () => chat.contacts.get({ contact_identifier: "source-id" }),
  "public.contacts.update": () => chat.contacts.update({ contact_identifier: "source-id", ...body("public.contacts.update") }),
  "public.conversations.create": () => chat.conversations.create({ contact_identifier: "source-id", ...body("public.conversations.create") }),
  "public.conversations.list": () => chat.conversations.list({ contact_identifier: "source-id" }),
  "public.messages.create": () => chat.messages.create({ contact_identifier: "source-id", conversation_id: 1, ...body("public.messages.create") }),
  "public.messages.list": () => chat.messages.list({ contact_identifier: "source-id", conversation_id: 1 }),
  "public.messages.update": () => chat.messages.update({ contact_identifier: "source-id", conversation_id: 1, message_id: 2, ...body("public.messages.update") }),
};

describe("every operation returns the spec's example", () => {
  it("the table covers exactly the spec's operations", () => {
    expect(Object.keys(calls).sort()).toEqual([...operationIds].sort());
    expect(operationIds).toHaveLength(operationCount);
  });

  it.each(operationIds)("%s", async (id) => {
    const call = calls[id];
    if (!call) throw new Error(`no contract call for ${id}`);
    const result = await call();
    // Operations without a response body (the doc shows none) resolve to undefined.
    expect(result).toEqual(responseExample(id) ?? undefined);
  });
});

describe("multipart avatars (through the bracket proxy)", () => {
  const bodies: unknown[] = [];
  const uploader = createNimchatClient({ ...common, accountId: 1, userToken: "user-token", fetch: (url, init) => (bodies.push(init.body), fetch(url, init)) });
  it.each([
    ["application.contacts.create", () => uploader.contacts.create({ inbox_id: 1, name: "Ada", avatar: png(), custom_attributes: { plan: "pro" } })],
    ["application.contacts.update", () => uploader.contacts.update({ id: 1, name: "Ada", avatar: png() })],
    ["application.inboxes.create", () => uploader.inboxes.create({ name: "Website", avatar: png(), channel: { type: "web_widget", website_url: "https://example.com" } })],
    ["application.inboxes.update", () => uploader.inboxes.update({ id: 1, enable_auto_assignment: false, avatar: png() })],
  ] as const)("%s with a file is sent as multipart and answered with the example", async (id, call) => {
    bodies.length = 0;
    expect(await call()).toEqual(responseExample(id));
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toBeInstanceOf(FormData);
    expect((bodies[0] as FormData).get("avatar")).toBeInstanceOf(File);
  });

  it("a multipart body that breaks the schema is refused by the mock (the proxy really validates)", async () => {
    const unchecked = createNimchatClient({ ...common, accountId: 1, userToken: "user-token", validate: false });
    const error = await unchecked.contacts.create({ name: "no inbox id", avatar: png() } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
  });
});

describe("sessions, agent bots and paging against the mock", () => {
  it("a contact session with an HMAC identity: contact, conversation, message", async () => {
    const identifier_hash = await identityHash("user-42", "inbox-hmac-secret");
    const me = await chat.startContactSession({ identifier: "user-42", identifier_hash, name: "Ada" });
    const contact = responseExample("public.contacts.create") as { source_id: string; pubsub_token: string };
    expect(me.contactIdentifier).toBe(contact.source_id);
    expect(me.pubsubToken).toBe(contact.pubsub_token);
    expect(await me.get()).toEqual(responseExample("public.contacts.get"));
    expect(await me.conversations.create()).toEqual(responseExample("public.conversations.create"));
    expect(await me.conversations.list()).toEqual(responseExample("public.conversations.list"));
    expect(await me.messages.create({ conversation_id: 1, content: "Hello" })).toEqual(responseExample("public.messages.create"));
    expect(await me.messages.list({ conversation_id: 1 })).toEqual(responseExample("public.messages.list"));
    expect(await me.messages.update({ conversation_id: 1, message_id: 2, submitted_values: { csat_survey_response: { rating: 4 } } })).toEqual(responseExample("public.messages.update"));
    expect(await me.update({ email: "ada@example.com" })).toEqual(responseExample("public.contacts.update"));
  });

  it("an agent bot calls its five operations; a user-only one is refused before sending", async () => {
    expect(await bot.conversations.create(body("application.conversations.create"))).toEqual(responseExample("application.conversations.create"));
    expect(await bot.conversations.assign({ conversation_id: 1, assignee_id: 2 })).toEqual(responseExample("application.conversations.assign"));
    expect(await bot.conversations.toggleStatus({ conversation_id: 1, status: "pending" })).toEqual(responseExample("application.conversations.toggleStatus"));
    expect(await bot.conversations.togglePriority({ conversation_id: 1, priority: "high" })).toBeUndefined();
    expect(await bot.messages.create({ conversation_id: 1, content: "On it", message_type: "outgoing" })).toEqual(responseExample("application.messages.create"));
    const requests: string[] = [];
    const watched = createNimchatClient({ ...common, accountId: 1, agentBotToken: "bot-token", fetch: (url, init) => (requests.push(url), fetch(url, init)) });
    const refused = await (watched as unknown as typeof nimchat).contacts.list().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(requests).toEqual([]);
  });

  it("iterators stop at the mock's last page: contacts (page), conversations (page), messages (cursor)", async () => {
    const contacts = [];
    for await (const contact of nimchat.contacts.list.iterate()) contacts.push(contact);
    expect(contacts).toEqual(responseExample("application.contacts.list"));
    const conversations = [];
    for await (const conversation of nimchat.conversations.list.iterate()) conversations.push(conversation);
    expect(conversations).toEqual((responseExample("application.conversations.list") as { data: { payload: unknown[] } }).data.payload);
    // The mock answers every `before` with the same page: the cursor does not move, so iteration ends after it.
    const pages = [];
    for await (const page of nimchat.messages.list.pages({ conversation_id: 1 })) pages.push(page.items);
    expect(pages).toEqual([responseExample("application.messages.list"), responseExample("application.messages.list")]);
  });
});

describe("errors from the mock", () => {
  it("a request without api_access_token is a typed AuthenticationError", async () => {
    const stripToken = (url: string, init: RequestInit) => {
      const headers = new Headers(init.headers);
      headers.delete("api_access_token");
      return fetch(url, { ...init, headers });
    };
    const anonymous = createNimchatClient({ ...common, accountId: 1, userToken: "user-token", fetch: stripToken });
    const error = await anonymous.teams.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, request: { operationId: "application.teams.list" } });
  });

  it("an invalid body the client did not check is refused by the mock as a BadRequestError", async () => {
    const unchecked = createNimchatClient({ ...common, accountId: 1, userToken: "user-token", validate: false });
    const error = await unchecked.agents.create({ name: "Ada" } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ request: { operationId: "application.agents.create" } });
  });

  it("the client catches the same mistake before sending", async () => {
    await expect(nimchat.agents.create({ name: "Ada" } as never)).rejects.toThrow(/email: is required; role: is required/);
  });
});

describe("coverage", () => {
  it("every operation of the spec was called (run last)", () => {
    expect(operationIds.filter((id) => !recorder.called.has(id))).toEqual([]);
    expect(recorder.called.size).toBe(92);
  });
});
