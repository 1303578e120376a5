// Type tests: the public signatures of the wabbit client, the webhook receiver, the Rule Engine
// handler and the live feed.
import { describe, expectTypeOf, it } from "vitest";
import WS from "ws";
import {
  connectWabbitLive,
  createRuleEngineHandler,
  createWabbitClient,
  parseWabbitWebhook,
  type BinaryResult,
  type Page,
  type WabbitEvent,
  type WabbitLiveItem,
  type WabbitMessage,
  type WabbitRuleEngineAssignment,
  type WabbitSchema,
  type WabbitWebhook,
} from "../src/index.js";

const baseUrl = "https://inbox.example.com";
const wabbit = createWabbitClient({ baseUrl, token: "t" });

describe("client options", () => {
  it("take a baseUrl and exactly one kind of credential", () => {
    createWabbitClient({ baseUrl, username: "peter", password: "secret" });
    createWabbitClient({ baseUrl, apiKey: "key" });
    // @ts-expect-error baseUrl is required (every inbox has its own host)
    createWabbitClient({ token: "t" });
    // @ts-expect-error one credential only
    createWabbitClient({ baseUrl, token: "t", apiKey: "key" });
    // @ts-expect-error username needs its password
    createWabbitClient({ baseUrl, username: "peter" });
  });
});

describe("generated methods", () => {
  it("messages are a union told apart by type", async () => {
    await wabbit.messages.create({ wa_id: "48123456789", type: "text", text: { body: "Hello!" } });
    await wabbit.messages.create({ wa_id: "48123456789", type: "image", image: { id: "497f6eca" } });
    // @ts-expect-error a text message needs its text
    await wabbit.messages.create({ wa_id: "48123456789", type: "text" });
    // @ts-expect-error wa_id is required
    await wabbit.messages.create({ type: "text", text: { body: "x" } });
  });

  it("lists page (next) and messages also page by time", () => {
    expectTypeOf(wabbit.tags.list.iterate()).toEqualTypeOf<AsyncIterableIterator<WabbitSchema<"Tag">>>();
    expectTypeOf(wabbit.messages.list.iterateHistory({ wa_id: "1", before_time: 1 })).toEqualTypeOf<AsyncIterableIterator<WabbitMessage>>();
    expectTypeOf(wabbit.messages.list.follow({ since_time: 1 })).toEqualTypeOf<AsyncIterableIterator<WabbitMessage>>();
    expectTypeOf(wabbit.chats.list.pages()).toEqualTypeOf<AsyncIterableIterator<Page<WabbitSchema<"ChatPage">, WabbitSchema<"Chat">>>>();
    // @ts-expect-error since_time is a POSIX timestamp (a number)
    void wabbit.messages.list.follow({ since_time: "yesterday" });
  });

  it("files are Blob or Uint8Array in, bytes and a content type out", async () => {
    expectTypeOf(wabbit.media.create).parameter(0).toHaveProperty("file_encoded").toEqualTypeOf<Blob | Uint8Array>();
    expectTypeOf(await wabbit.media.get({ id: "x" })).toEqualTypeOf<BinaryResult>();
  });

  it("the session says how the client authenticates", () => {
    expectTypeOf(wabbit.session.scheme).toEqualTypeOf<"token" | "d360ApiKey">();
    expectTypeOf(wabbit.session.token).toEqualTypeOf<string | undefined>();
  });
});

describe("webhooks and the Rule Engine", () => {
  it("parseWabbitWebhook takes a Request or { url, body } and a secret", async () => {
    const hook = await parseWabbitWebhook(new Request(baseUrl), { secret: "s" });
    expectTypeOf(hook).toEqualTypeOf<WabbitWebhook>();
    await parseWabbitWebhook({ url: "/hook?auth=s", body: "{}" }, { secret: false });
    // @ts-expect-error the secret (or an explicit false) is required
    await parseWabbitWebhook(new Request(baseUrl), {});
    const event = hook.events[0] as WabbitEvent;
    if (event.kind === "chat_assignment") expectTypeOf(event.event).toEqualTypeOf<WabbitSchema<"ChatAssignmentEvent">>();
    if (event.kind === "incoming_messages") expectTypeOf(event.messages).toEqualTypeOf<readonly WabbitMessage[]>();
  });

  it("the Rule Engine handler is a fetch handler with typed events and checked answers", () => {
    const handle = createRuleEngineHandler((event) => {
      if (event.kind === "message_tagging") expectTypeOf(event.event.message).toEqualTypeOf<string | undefined>();
      return [{ message_id: "m", group: 23, group_assign_method: "round_robin" }];
    });
    expectTypeOf(handle).toEqualTypeOf<(request: Request) => Promise<Response>>();
    const ok: WabbitRuleEngineAssignment = { message_id: "m", user: 42 };
    // @ts-expect-error a group needs its group_assign_method
    const noMethod: WabbitRuleEngineAssignment = { message_id: "m", group: 23 };
    // @ts-expect-error the sample code's chat_id is not part of the documented answer
    const chatId: WabbitRuleEngineAssignment = { chat_id: "48123123123", user: 42 };
    void [ok, noMethod, chatId];
  });
});

describe("the live feed", () => {
  it("accepts the global WebSocket and ws's", () => {
    connectWabbitLive({ baseUrl, token: "t" });
    connectWabbitLive({ baseUrl, token: "t", WebSocket: globalThis.WebSocket });
    connectWabbitLive({ baseUrl, token: "t", WebSocket: WS });
    // @ts-expect-error the token is required
    connectWabbitLive({ baseUrl });
  });

  it("items are typed frames, untyped pass-throughs and backfilled messages", async () => {
    const live = connectWabbitLive({ baseUrl, token: "t" });
    for await (const item of live) {
      expectTypeOf(item).toEqualTypeOf<WabbitLiveItem>();
      if (item.type === "waba_webhook") expectTypeOf(item.waba_payload.statuses).toEqualTypeOf<WabbitSchema<"WabaStatus">[] | undefined>();
      if (item.type === "token") expectTypeOf(item.status).toEqualTypeOf<"success" | "failed" | undefined>();
      if (item.type === "untyped") expectTypeOf(item.frameType).toEqualTypeOf<string | undefined>();
      if (item.type === "backfill") expectTypeOf(item.message).toEqualTypeOf<WabbitMessage>();
    }
    live.on("reconnecting", (info) => expectTypeOf(info.delayMs).toEqualTypeOf<number>());
    // @ts-expect-error not an event of the feed
    live.on("nope", () => {});
  });
});

// "Types that chain": an id a response returns is passed to the next operation as it is, with no
// cast (`!` only asserts an element or optional field is present). Each `it` is one resource. The
// integer ids of path parameters (typed `string` by the doc) take either form.
describe("ids chain from one operation to the next", () => {
  it("chats and persons: a chat's wa_id opens its contact, messages and assignment", async () => {
    const { results: [chat] } = await wabbit.chats.list();
    expectTypeOf(chat!.contact.wa_id).toEqualTypeOf<string>();
    await wabbit.chats.get({ wa_id: chat!.contact.wa_id });
    await wabbit.persons.get({ wa_id: chat!.contact.wa_id });
    await wabbit.contacts.get({ wa_id: chat!.contact.wa_id });
    await wabbit.messages.list({ wa_id: chat!.contact.wa_id });
    await wabbit.chatAssignment.get({ wa_id: chat!.contact.wa_id });
    await wabbit.chatTaggingEvents.list({ wa_id: chat!.contact.wa_id });
    for await (const person of wabbit.persons.list.iterate()) await wabbit.chats.get({ wa_id: person.wa_id });
  });

  it("users and groups: a user's integer id goes into its paths and into assignments", async () => {
    const { results: [user] } = await wabbit.users.list();
    expectTypeOf(user!.id).toEqualTypeOf<number | undefined>();
    await wabbit.users.get({ id: user!.id! });
    await wabbit.users.changeUserPassword({ id: user!.id!, password: "n3w-Secret" });
    const me = await wabbit.users.current();
    await wabbit.users.partialUpdate({ id: me.id!, email: "peter@example.org" });
    const created = await wabbit.users.create({ username: "bot1", email: "bot@example.org" });
    await wabbit.users.get({ id: created.id! });
    const { results: [group] } = await wabbit.groups.list();
    await wabbit.chatAssignment.partialUpdate({ wa_id: "48123123123", assigned_to_user: user!.id!, assigned_group: group!.id! });
    await wabbit.chats.list({ assigned_group: group!.id! });
    await wabbit.messages.list({ assigned_group: me.groups[0]!.id! });
    // The doc's string form still works.
    expectTypeOf<WabbitSchema<"PathId">>().toEqualTypeOf<number | string>();
    await wabbit.users.get({ id: "2" });
  });

  it("tags and taggings: a tag's id tags a message, and the tagging's id reads it back", async () => {
    const { results: [tag] } = await wabbit.tags.list();
    const { results: [message] } = await wabbit.messages.list({ wa_id: "48123123123" });
    const tagging = await wabbit.messageTagging.create({ tag: tag!.id!, message: message!.id! });
    await wabbit.messageTagging.get({ id: tagging.id! });
    await wabbit.messageTagging.get({ id: message!.tags![0]!.tagging_id! });
    await wabbit.messageTaggingEvents.list({ message_id: message!.id! });
    const chatTagging = await wabbit.chatTagging.create({ tag: tag!.id!, chat: message!.customer_wa_id! });
    await wabbit.chatTagging.get({ id: chatTagging.id! });
    const created = await wabbit.tags.create({ name: "vip" });
    await wabbit.chatTagging.create({ tag: created.id!, chat: "48123123123" });
  });

  it("messages: a message's customer and id mark it received", async () => {
    for await (const message of wabbit.messages.list.iterate({ wa_id: "48123123123" })) {
      await wabbit.messages.markAsReceived({ customer_wa_id: message.customer_wa_id!, timestamp: 1612544982 });
      await wabbit.messages.create({ wa_id: message.customer_wa_id!, type: "text", text: { body: "Thanks!" } });
    }
  });

  it("media: an uploaded file's id is sent and downloaded", async () => {
    const media = await wabbit.media.create({ file_encoded: new Uint8Array([1]) });
    expectTypeOf(media.id).toEqualTypeOf<string | undefined>();
    await wabbit.media.get({ id: media.id! });
    await wabbit.messages.create({ wa_id: "48123123123", type: "image", image: { id: media.id! } });
  });

  it("webhooks: a WABA webhook's integer id reads and updates it", async () => {
    const { results: [hook] } = await wabbit.webhooks.list();
    expectTypeOf(hook!.id).toEqualTypeOf<number | undefined>();
    await wabbit.webhooks.get({ id: hook!.id! });
    const created = await wabbit.webhooks.create({ url: "https://example.org/hook" });
    await wabbit.webhooks.update({ id: created.id!, url: "https://example.org/hook2" });
  });
});
