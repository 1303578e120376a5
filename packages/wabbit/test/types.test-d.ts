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
