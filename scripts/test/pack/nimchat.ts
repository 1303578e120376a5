// How the pack test exercises the installed @inboxkit/nimchat (see ./types.ts). Nimchat's spec holds
// three APIs: the pack test's factory (`createNimchatClient`) is the Application API's, whose table
// is `applicationOperationTable` and whose client binds `account_id` from `accountId`: `table` and
// `boundParams` say so.
import type { VendorFixture } from "./types.js";

export const fixture: VendorFixture = {
  credentials: { userToken: "pack-test-token", accountId: 3 },
  table: "applicationOperationTable",
  boundParams: { account_id: 3 },
  call: {
    op: "messages.create",
    params: { conversation_id: 42, content: "Hello" },
    okBody: { id: 501, content: "Hello", message_type: "outgoing", conversation_id: 42 },
    expected: { id: 501, content: "Hello", message_type: "outgoing", conversation_id: 42 },
  },
  // message_type is outgoing or incoming.
  invalidParams: { conversation_id: 42, content: "Hello", message_type: "sideways" },
  typed: `
  const sent = await client.messages.create({ conversation_id: 42, content: "Hi", private: true });
  const sentIsNotAny: IsAny<typeof sent> = false;
  const messageId: number | undefined = sent.id;
  // @ts-expect-error account_id is bound by the client, not passed per call
  await client.contacts.get({ id: 1, account_id: 3 });
  // @ts-expect-error message_type is outgoing or incoming
  await client.messages.create({ conversation_id: 42, content: "Hi", message_type: "sideways" });
  for await (const contact of client.contacts.list.iterate({ sort: "-last_activity_at" })) {
    const contactId: number | undefined = contact.id;
    // ids chain: a contact's id goes into the next call as it is
    if (contact.id !== undefined) await client.contacts.listConversations({ id: contact.id });
    void contactId;
  }
  const [inbox] = await client.inboxes.list();
  if (inbox?.id !== undefined) await client.conversations.create({ source_id: "s", inbox_id: inbox.id });
  const bot = createNimchatClient({ baseUrl: "http://127.0.0.1:9", accountId: 3, agentBotToken: "bot-token" });
  await bot.conversations.toggleStatus({ conversation_id: 42, status: "resolved" });
  // @ts-expect-error an agent-bot token may not list contacts (user-only operation)
  await bot.contacts.list();
  // @ts-expect-error baseUrl is required: Nimchat is self-hosted
  createNimchatClient({ accountId: 3, userToken: "t" });
  // @ts-expect-error a user token or an agent-bot token, not both
  createNimchatClient({ baseUrl: "http://127.0.0.1:9", accountId: 3, userToken: "t", agentBotToken: "b" });
  const { createNimchatPublicClient, identityHash } = await import("@inboxkit/nimchat/public");
  const chat = createNimchatPublicClient({ baseUrl: "http://127.0.0.1:9", inboxIdentifier: "inbox" });
  const me = chat.contactSession("source-id");
  const conversations = await me.conversations.list();
  const firstConversation: number | undefined = conversations[0]?.id;
  const [publicMessage] = await me.messages.list({ conversation_id: 42 });
  // the public API's message ids are strings in the doc; the path parameters take them as they are
  if (publicMessage?.id !== undefined && publicMessage.conversation_id !== undefined) await me.messages.update({ conversation_id: publicMessage.conversation_id, message_id: publicMessage.id });
  const hash: string = await identityHash("user-1", "hmac-secret");
  // @ts-expect-error the public client has no application operations
  void chat.contacts.list;
  const { createNimchatPlatformClient } = await import("@inboxkit/nimchat/platform");
  const platform = createNimchatPlatformClient({ baseUrl: "http://127.0.0.1:9", platformToken: "p" });
  const account = await platform.accounts.create({ name: "Acme" });
  const accountName: string | undefined = account.name;
  const { nimchatFilter, parseNimchatWebhook } = await import("@inboxkit/nimchat/application");
  await client.conversations.filter(nimchatFilter().where("status", "equal_to", ["open"]).body());
  // @ts-expect-error is_present takes no values
  nimchatFilter().where("email", "is_present", ["x"]);
  const event = parseNimchatWebhook("{}");
  if (event.event === "message_created") {
    const content: string | undefined = event.content;
    void content;
  }
  void [sentIsNotAny, messageId, firstConversation, hash, accountName];`,
};
