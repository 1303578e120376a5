// Nimchat's part of the cross-runtime scenario (see ../scenario.mjs): the three APIs of one spec.
// A platform call (platform token), an application call with the bound account id (user token),
// contacts paged to the last page, an agent-bot client refusing a user-only call with 0 requests,
// a public contact session (no token) that starts a conversation and sends a message, and the
// identity hash through the runtime's WebCrypto.

/**
 * identityHash's `subtle` for this runtime: the global WebCrypto, or on Node 18 (no global
 * `crypto` in modules) the `webcrypto` of node:crypto, as the package's README tells Node 18 users.
 * The import is never reached in a browser, Deno, Bun or Node >= 20.
 */
async function webCrypto() {
  if (globalThis.crypto?.subtle) return {};
  return { subtle: (await import("node:crypto")).webcrypto.subtle };
}

export async function scenario({ url, lib, step, base, requestCounts }) {
  const { createNimchatClient, createNimchatPlatformClient, createNimchatPublicClient, identityHash, nimchatFilter, ValidationError } = lib;
  const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
  const result = {};

  result.platform = await step(async () => {
    const platform = createNimchatPlatformClient({ baseUrl: url, platformToken: "nc-platform-token" });
    const account = await platform.accounts.create({ name: "Acme" });
    return { id: account.id, name: account.name };
  });

  const nimchat = createNimchatClient({ baseUrl: url, accountId: 3, userToken: "nc-user-token" });
  result.application = await step(async () => {
    const sent = await nimchat.messages.create({ conversation_id: 42, content: "Your order has shipped" });
    const ids = [];
    for await (const contact of nimchat.contacts.list.iterate({ sort: "name" })) ids.push(contact.id);
    const filtered = await nimchat.conversations.filter(nimchatFilter().where("status", "equal_to", ["open"]).body());
    return { messageId: sent.id, contacts: ids.length, lastContact: ids[ids.length - 1], filtered: filtered.data.payload.map((c) => c.id) };
  });

  result.agentBotRefusal = await step(async () => {
    const bot = createNimchatClient({ baseUrl: url, accountId: 3, agentBotToken: "nc-bot-token" });
    const before = total(await requestCounts(base));
    let outcome;
    try {
      await bot.contacts.list();
      outcome = { thrown: null };
    } catch (error) {
      outcome = { thrown: error?.name, isValidationError: error instanceof ValidationError };
    }
    const toggled = await bot.conversations.toggleStatus({ conversation_id: 42, status: "resolved" });
    const after = total(await requestCounts(base));
    return { ...outcome, status: toggled.payload?.current_status, requestsSeen: after - before };
  });

  result.publicSession = await step(async () => {
    const chat = createNimchatPublicClient({ baseUrl: url, inboxIdentifier: "inbox-abc" });
    const identifier_hash = await identityHash("user-42", "inbox-hmac-secret", await webCrypto());
    const me = await chat.startContactSession({ identifier: "user-42", identifier_hash, name: "Ada" });
    const conversation = await me.conversations.create();
    const message = await me.messages.create({ conversation_id: conversation.id, content: "Hi!", echo_id: "tmp-1" });
    return { contactIdentifier: me.contactIdentifier, pubsubToken: me.pubsubToken, conversationId: conversation.id, messageId: message.id };
  });

  result.identityHash = await step(async () => identityHash("what do ya want for nothing?", "Jefe", await webCrypto()));
  return result;
}
