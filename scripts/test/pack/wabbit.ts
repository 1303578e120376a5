// How the pack test exercises the installed @inboxkit/wabbit (see ./types.ts).
import type { VendorFixture } from "./types.js";

export const fixture: VendorFixture = {
  credentials: { token: "pack-test-token" },
  call: {
    op: "messages.create",
    params: { wa_id: "48123456789", type: "text", text: { body: "Hello!" } },
    okBody: { waba_response: { messages: [{ id: "gBGGSFEBeRJ_AgnJkfda1iRwQteM" }] } },
    expected: { waba_response: { messages: [{ id: "gBGGSFEBeRJ_AgnJkfda1iRwQteM" }] } },
  },
  invalidParams: { wa_id: "48123456789", type: "text" },
  typed: `
  const sent = await client.messages.create({ wa_id: "48123456789", type: "text", text: { body: "Hi" } });
  const sentIsNotAny: IsAny<typeof sent> = false;
  // @ts-expect-error a text message needs its text
  await client.messages.create({ wa_id: "48123456789", type: "text" });
  // @ts-expect-error wabbit has no default host: baseUrl is required
  createWabbitClient({ token: "t" });
  // @ts-expect-error one credential only
  createWabbitClient({ baseUrl: "https://inbox.example.com", token: "t", apiKey: "k" });
  for await (const chat of client.chats.list.iterate({ limit: 100 })) {
    const newMessages: number = chat.new_messages;
    // ids chain: a chat's wa_id, a user's and a tagging's integer ids go into the next calls as they are
    await client.chatAssignment.get({ wa_id: chat.contact.wa_id });
    void newMessages;
  }
  const me = await client.users.current();
  if (me.id !== undefined) await client.users.get({ id: me.id });
  const tagging = await client.messageTagging.create({ tag: 1, message: "gBGGSFEBeRJ_AgnJkfda1iRwQteM" });
  if (tagging.id !== undefined) await client.messageTagging.get({ id: tagging.id });
  for await (const message of client.messages.list.iterateHistory({ wa_id: "48123456789", before_time: 1612544982 })) {
    const id: string | undefined = message.waba_payload?.id;
    void id;
  }
  // @ts-expect-error since_time is a POSIX timestamp (a number)
  client.messages.list.follow({ since_time: "yesterday" });
  const file = await client.media.get({ id: "20854d67-189e-4e78-a8ac-1234567890ab" });
  const bytes: Uint8Array = file.bytes;
  await client.media.create({ file_encoded: new Uint8Array([1, 2, 3]) });
  const { parseWabbitWebhook, createRuleEngineHandler, connectWabbitLive, WabbitWebhookAuthError } = await import("@inboxkit/wabbit");
  const hook = await parseWabbitWebhook({ url: "/hook?auth=s3cret", body: "{}" }, { secret: "s3cret" });
  for (const event of hook.events) if (event.kind === "incoming_messages") void event.messages.length;
  // @ts-expect-error the shared secret (or an explicit false) is required
  await parseWabbitWebhook({ url: "/hook", body: "{}" }, {});
  const handle: (request: Request) => Promise<Response> = createRuleEngineHandler((event) =>
    event.kind === "incoming_messages" ? event.messages.map((m) => ({ message_id: m.waba_payload?.id ?? "", user: 42 })) : [],
  );
  // @ts-expect-error a group assignment needs its group_assign_method
  createRuleEngineHandler(() => [{ message_id: "m", group: 23 }]);
  const live = connectWabbitLive({ baseUrl: "https://inbox.example.com", token: "t" });
  for await (const item of live) {
    if (item.type === "waba_webhook") void item.waba_payload.statuses;
    else if (item.type === "backfill") void item.message.customer_wa_id;
    else if (item.type === "untyped") void item.frameType;
  }
  const isAuthError: boolean = new Error() instanceof WabbitWebhookAuthError;
  void [sentIsNotAny, bytes, handle, isAuthError];`,
};
