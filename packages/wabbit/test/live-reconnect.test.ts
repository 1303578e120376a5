// The live feed against a scripted in-memory WebSocket (no network) and fake timers: exact
// reconnect delays (jitter through Math.random), the reasons and close codes of each drop, binary
// frames, auth failure messages, the backfill through an injected REST client, the iterator and
// listener contracts, and the option checks.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { APIError, ConnectionError, connectWabbitLive, ServerError, TimeoutError, ValidationError, WabbitLiveError, type WabbitClient, type WabbitLive, type WabbitLiveItem, type WabbitLiveOptions, type WabbitMessage, type WebSocketConstructorLike } from "../src/index.js";
import { message } from "./fake.js";

const TOKEN = "8aeb44f5a318542d32bb13019d68198467ee21f0";
/** The local clock of these tests, POSIX seconds. */
const NOW = 1_700_000_000;
const OK = JSON.stringify({ type: "token", status: "success", message: "Authenticated." });

type Listener = (event: any) => void;

/** A scripted socket: records what the client does, and lets the test open, answer and drop it. */
class FakeSocket {
  readyState = 0;
  binaryType: string | undefined;
  readonly sent: string[] = [];
  readonly closes: [number | undefined, string | undefined][] = [];
  readonly listeners = new Map<string, Listener[]>();
  sendError: Error | undefined;
  /** `silent`: close() does not report the close; `throws`: close() throws. */
  closeMode: "normal" | "silent" | "throws" = "normal";
  constructor(readonly url: string) {}
  send(data: string) {
    if (this.sendError) throw this.sendError;
    this.sent.push(data);
  }
  close(code?: number, reason?: string) {
    this.closes.push([code, reason]);
    if (this.closeMode === "throws") throw new Error("already closing");
    if (this.readyState === 3 || this.closeMode === "silent") return;
    this.readyState = 3;
    queueMicrotask(() => this.fire("close", { code, reason }));
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  fire(type: string, event: unknown) {
    // Like `ws` (an EventEmitter): an "error" nobody listens to throws.
    if (type === "error" && !this.listeners.get(type)?.length) throw new Error("unhandled 'error' event");
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
  open() {
    this.readyState = 1;
    this.fire("open", {});
  }
  receive(data: unknown) {
    this.fire("message", { data });
  }
  /** Opens and authenticates. */
  accept() {
    this.open();
    this.receive(OK);
  }
  /** The server (or the network) drops it. */
  drop(event: unknown) {
    this.readyState = 3;
    this.fire("close", event);
  }
}

let sockets: FakeSocket[];
let constructorError: Error | undefined;
let states: string[];
let live: WabbitLive | undefined;

function Socket(this: unknown, url: string) {
  states.push(live?.state ?? "(returning)");
  if (constructorError) throw constructorError;
  const s = new FakeSocket(url);
  sockets.push(s);
  return s;
}

const last = () => sockets[sockets.length - 1] as FakeSocket;

const connect = (options: Partial<WabbitLiveOptions> = {}) =>
  (live = connectWabbitLive({
    baseUrl: "https://inbox.example.com",
    token: TOKEN,
    WebSocket: Socket as unknown as WebSocketConstructorLike,
    reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
    backfill: false,
    ...options,
  }));

function consume(feed: WabbitLive) {
  const items: WabbitLiveItem[] = [];
  let error: unknown;
  const done = (async () => {
    try {
      for await (const item of feed) items.push(item);
    } catch (e) {
      error = e;
    }
  })();
  return { items, done, get error() { return error; } };
}

/** A REST client whose `messages.list.follow` answers each backfill from `pages` (and records `since_time`). */
function restClient(backfills: (WabbitMessage[] | Error | (() => Promise<WabbitMessage[]>))[], anchor: WabbitMessage[] | Error = []) {
  const sinces: unknown[] = [];
  const list = Object.assign(async () => {
    if (anchor instanceof Error) throw anchor;
    return { count: anchor.length, next: null, previous: null, results: anchor };
  }, {
    follow: async function* (query: { since_time: unknown }) {
      sinces.push(query.since_time);
      const next = backfills.shift() ?? [];
      const page = typeof next === "function" ? await next() : next;
      if (page instanceof Error) throw page;
      yield* page;
    },
  });
  return { client: { messages: { list } } as unknown as WabbitClient, sinces };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  sockets = [];
  constructorError = undefined;
  states = [];
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(NOW * 1000);
});
afterEach(async () => {
  vi.restoreAllMocks();
  const closing = live?.close();
  await vi.runAllTimersAsync();
  await closing;
  live = undefined;
  vi.useRealTimers();
});

describe("reconnect backoff", () => {
  it("waits initialDelayMs, doubling up to maxDelayMs, scaled by the jitter factor 1 - random * 0.25", async () => {
    const random = vi.spyOn(Math, "random").mockReturnValue(0);
    const delays: number[] = [];
    connect({ handshakeTimeoutMs: 1_000_000 });
    live?.on("reconnecting", ({ delayMs }) => delays.push(delayMs));
    for (let i = 0; i < 4; i++) {
      last().drop({ code: 1006 });
      await vi.advanceTimersByTimeAsync(delays.at(-1) ?? 0);
    }
    expect(delays).toEqual([100, 200, 400, 400]);
    random.mockReturnValue(1);
    last().drop({ code: 1006 });
    expect(delays.at(-1)).toBe(300); // 400 * 0.75
    expect(sockets).toHaveLength(5);
  });

  it("opens the next socket only once the delay has passed", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    connect();
    last().drop({ code: 1006 });
    await vi.advanceTimersByTimeAsync(87); // 100 * (1 - 0.125) = 88
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
  });

  it("an authenticated connection resets the count: the next drop is attempt 1 with the initial delay", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const events: { attempt: number; delayMs: number }[] = [];
    connect();
    live?.on("reconnecting", ({ attempt, delayMs }) => events.push({ attempt, delayMs }));
    last().drop({ code: 1006 });
    await vi.advanceTimersByTimeAsync(100);
    last().drop({ code: 1006 });
    await vi.advanceTimersByTimeAsync(200);
    last().accept();
    last().drop({ code: 1006 });
    expect(events).toEqual([{ attempt: 1, delayMs: 100 }, { attempt: 2, delayMs: 200 }, { attempt: 1, delayMs: 100 }]);
  });

  it("the state is connecting for the first socket and reconnecting for every later one", async () => {
    connect();
    expect(live?.state).toBe("connecting");
    last().open();
    expect(live?.state).toBe("authenticating");
    last().drop({ code: 1006 });
    expect(live?.state).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(100);
    expect(states).toEqual(["(returning)", "reconnecting"]);
    expect(live?.state).toBe("reconnecting");
    last().accept();
    expect(live?.state).toBe("open");
  });
});

describe("why a connection dropped", () => {
  it("reports the close code and reason, or that there was no code", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const events: { code: number | undefined; reason: string }[] = [];
    connect();
    live?.on("reconnecting", ({ code, reason }) => events.push({ code, reason }));
    last().accept();
    last().drop({ code: 4001, reason: "going away" });
    await vi.advanceTimersByTimeAsync(100);
    last().drop({ code: 1006, reason: "" });
    await vi.advanceTimersByTimeAsync(200);
    last().drop({});
    await vi.advanceTimersByTimeAsync(400);
    last().drop(undefined);
    expect(events).toEqual([
      { code: 4001, reason: "closed (4001: going away)" },
      { code: 1006, reason: "closed (1006)" },
      { code: undefined, reason: "closed (no code)" },
      { code: undefined, reason: "closed (no code)" },
    ]);
  });

  it("a handshake that times out is dropped with code 4000 and retried, naming the timeout", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const reasons: string[] = [];
    connect({ handshakeTimeoutMs: 50 });
    live?.on("reconnecting", ({ reason }) => reasons.push(reason));
    const first = last();
    first.open();
    await vi.advanceTimersByTimeAsync(49);
    expect(reasons).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(reasons).toEqual(["not authenticated within 50 ms"]);
    expect(first.closes).toEqual([[4000, "reconnecting"]]);
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
    last().accept();
    await vi.advanceTimersByTimeAsync(1000);
    expect(reasons).toHaveLength(1); // the authenticated socket's handshake timer no longer fires
  });

  it("a drop does not close a socket that is already closed, nor the socket twice", async () => {
    connect();
    const first = last();
    first.accept();
    first.drop({ code: 1006 });
    expect(first.closes).toEqual([]);
    first.drop({ code: 1006 }); // a late duplicate close event is ignored
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
  });

  it("a constructor that throws and a send that throws are reconnect reasons", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const reasons: string[] = [];
    connect();
    live?.on("reconnecting", ({ reason, code }) => reasons.push(`${code} ${reason}`));
    last().drop({ code: 1006 });
    constructorError = new Error("ECONNREFUSED");
    await vi.advanceTimersByTimeAsync(100);
    expect(live?.state).toBe("reconnecting");
    constructorError = undefined;
    await vi.advanceTimersByTimeAsync(200);
    expect(sockets).toHaveLength(2);
    last().sendError = new Error("socket not open");
    last().open();
    expect(last().closes).toEqual([[4000, "reconnecting"]]);
    expect(reasons).toEqual(["1006 closed (1006)", "undefined could not open the socket: ECONNREFUSED", "undefined could not send the token frame: socket not open"]);
  });

  it("late events of a dropped socket are ignored", async () => {
    const feed = consume(connect());
    const first = last();
    first.open();
    first.drop({ code: 1006 });
    first.receive(OK);
    first.open();
    first.drop({ code: 1006 });
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
    expect(first.sent).toEqual([JSON.stringify({ token: TOKEN })]);
    expect(live?.state).toBe("reconnecting");
    last().accept();
    await flush();
    expect(feed.items).toEqual([JSON.parse(OK)]);
  });

  it("gives up after maxAttempts, naming the last reason; the error is fatal", async () => {
    const feed = consume(connect({ reconnect: { initialDelayMs: 10, maxDelayMs: 10, maxAttempts: 1 } }));
    const errors: WabbitLiveError[] = [];
    live?.on("error", (e) => errors.push(e));
    last().drop({ code: 4001, reason: "bye" });
    await vi.advanceTimersByTimeAsync(10);
    expect(sockets).toHaveLength(2);
    last().drop({ code: 1006 });
    await feed.done;
    expect(feed.error).toBeInstanceOf(WabbitLiveError);
    const error = feed.error as WabbitLiveError;
    expect([error.kind, error.fatal, error.name]).toEqual(["gave-up", true, "WabbitLiveError"]);
    expect(error.message).toBe("The wabbit websocket did not come back after 1 reconnect(s) in a row (last: closed (1006)); giving up (reconnect.maxAttempts)");
    expect(errors).toEqual([error]);
    expect(live?.state).toBe("closed");
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(2);
  });
});

describe("frames", () => {
  it("sets binaryType to arraybuffer and decodes ArrayBuffer, typed-array and Blob frames as text", async () => {
    const feed = consume(connect());
    last().accept();
    expect(last().binaryType).toBe("arraybuffer");
    const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    last().receive(bytes({ type: "a" }).buffer);
    last().receive(bytes({ type: "b" }));
    last().receive(new DataView(bytes({ type: "c" }).buffer));
    last().receive(new Blob([JSON.stringify({ type: "d" })]));
    await flush();
    last().receive(42);
    await flush();
    expect(feed.items.slice(1)).toEqual([
      { type: "untyped", frameType: "a", data: { type: "a" } },
      { type: "untyped", frameType: "b", data: { type: "b" } },
      { type: "untyped", frameType: "c", data: { type: "c" } },
      { type: "untyped", frameType: "d", data: { type: "d" } },
      { type: "untyped", frameType: undefined, data: 42 },
    ]);
  });

  it("a Blob that cannot be read arrives as an empty untyped frame; one read after a drop is dropped", async () => {
    class BrokenBlob extends Blob {
      override text(): Promise<string> {
        return Promise.reject(new Error("unreadable"));
      }
    }
    const feed = consume(connect());
    last().accept();
    last().receive(new BrokenBlob(["x"]));
    await flush();
    let release!: (t: string) => void;
    class SlowBlob extends Blob {
      override text(): Promise<string> {
        return new Promise((resolve) => (release = resolve));
      }
    }
    last().receive(new SlowBlob(["y"]));
    last().drop({ code: 1006 });
    release(JSON.stringify({ type: "late" }));
    await flush();
    expect(feed.items.slice(1)).toEqual([{ type: "untyped", frameType: undefined, data: "" }]);
  });

  it("JSON that is not an object, and an object with a non-string type, pass through untyped", async () => {
    const feed = consume(connect());
    last().accept();
    last().receive("null");
    last().receive('"text"');
    last().receive("7");
    last().receive(JSON.stringify({ type: 7 }));
    await flush();
    expect(feed.items.slice(1)).toEqual([
      { type: "untyped", frameType: undefined, data: null },
      { type: "untyped", frameType: undefined, data: "text" },
      { type: "untyped", frameType: undefined, data: 7 },
      { type: "untyped", frameType: undefined, data: { type: 7 } },
    ]);
  });

  it("a token frame after authentication is an ordinary frame, not an auth failure", async () => {
    const feed = consume(connect());
    last().accept();
    last().receive(JSON.stringify({ type: "token", status: "failed", message: "Invalid token." }));
    last().receive(JSON.stringify({ type: "response", status: "bad_request", message: "Not JSON." }));
    await flush();
    expect(live?.state).toBe("open");
    expect(feed.items.map((i) => i.type)).toEqual(["token", "token", "response"]);
  });

  it("before authentication, a frame that is neither token nor response is delivered and the handshake goes on", async () => {
    const feed = consume(connect());
    last().open();
    last().receive(JSON.stringify({ type: "getchat_webhook" }));
    expect(live?.state).toBe("authenticating");
    last().receive(OK);
    await flush();
    expect(live?.state).toBe("open");
    expect(feed.items.map((i) => i.type)).toEqual(["untyped", "token"]);
  });
});

describe("auth failure messages", () => {
  it.each([
    ["a message", { type: "token", status: "failed", message: "Invalid token." }, "The wabbit websocket refused the token (token failed: Invalid token.); not reconnecting"],
    ["an empty message", { type: "token", status: "failed", message: "" }, "The wabbit websocket refused the token (token failed); not reconnecting"],
    ["no status", { type: "response", message: "Bad." }, "The wabbit websocket refused the token (response without status: Bad.); not reconnecting"],
  ])("names the frame's type, status and message (%s), never the token", async (_name, frame, text) => {
    const feed = consume(connect());
    const errors: WabbitLiveError[] = [];
    live?.on("error", (e) => errors.push(e));
    last().open();
    last().receive(JSON.stringify(frame));
    await feed.done;
    const error = feed.error as WabbitLiveError;
    expect(error).toBeInstanceOf(WabbitLiveError);
    expect([error.kind, error.fatal, error.message]).toEqual(["auth", true, text]);
    expect(errors).toEqual([error]);
    expect(last().closes).toEqual([[1000, "closed by the client"]]);
    expect(feed.items).toEqual([frame]);
    expect(`${error.message}${JSON.stringify(error)}`).not.toContain(TOKEN);
  });
});

/** Ids a consumer saw: live WABA (`messages` and the inbox's lists) and backfilled ones. */
const ids = (items: readonly WabbitLiveItem[]) =>
  items.flatMap((item) => {
    if (item.type === "backfill") return [`backfill:${item.message.waba_payload?.id ?? item.message.id}`];
    if (item.type !== "waba_webhook") return [];
    const p = item.waba_payload;
    return [...(p.messages ?? []).map((m) => m.id), ...[p.incoming_messages, p.outgoing_messages, p.assigned_messages].flatMap((l) => (l ?? []).map((m) => m.waba_payload?.id ?? m.id))].map((id) => `live:${id}`);
  });

/** A waba_webhook frame of one WABA message. */
const incomingFrame = (id: string, time: number) => ({ type: "waba_webhook", waba_payload: { messages: [{ from: "48123123123", id, timestamp: String(time), type: "text" }] } });

/** Drops the current socket, waits for the reconnect and authenticates the new one. */
async function reconnect() {
  last().drop({ code: 1006 });
  await vi.advanceTimersByTimeAsync(100);
  last().accept();
  await flush();
}

describe("backfill", () => {
  beforeEach(() => void vi.spyOn(Math, "random").mockReturnValue(0));

  it("starts from the newest valid message time of every live list, and skips every id delivered live", async () => {
    const { client, sinces } = restClient([
      [message("x1", 200), message("w1", 150), { id: "o1", from_us: true }, message("o2", 155), message("a1", 160), message("x3", 2), message("n1", 210), { id: "o9", from_us: true }, message("n2", 0, { waba_payload: { id: "n2", timestamp: 400 as never, type: "text" } })],
      [],
    ]);
    const feed = consume(connect({ backfill: true, client }));
    const backfills: string[] = [];
    live?.on("backfill", (m) => backfills.push(String(m.waba_payload?.id ?? m.id)));
    last().accept();
    await flush();
    last().receive(JSON.stringify({
      type: "waba_webhook",
      waba_payload: {
        messages: [
          { id: "x1", timestamp: "200", type: "text" },
          { id: "x2", timestamp: "99999999999999999999", type: "text" }, // not a safe integer
          { timestamp: "300", type: "text" }, // no id
          { id: "x3", timestamp: "2", type: "text" },
        ],
        incoming_messages: [message("w1", 150), { waba_payload: { timestamp: "250", type: "text" } }], // the second: no id
        outgoing_messages: [{ id: "o1", from_us: true }, { waba_payload: { to: "48123123123", id: "o2", timestamp: 155, type: "text" }, from_us: true }], // an outbound timestamp may be a number
        assigned_messages: [message("a1", 160)],
      },
    }));
    await reconnect();
    expect(sinces).toEqual([200]);
    expect(ids(feed.items)).toEqual(["live:x1", "live:x2", "live:undefined", "live:x3", "live:w1", "live:undefined", "live:o1", "live:o2", "live:a1", "backfill:n1", "backfill:o9", "backfill:n2"]);
    expect(feed.items.filter((i) => i.type === "backfill").map((i) => i.type)).toEqual(["backfill", "backfill", "backfill"]);
    expect(backfills).toEqual(["n1", "o9", "n2"]);
    await reconnect(); // the next backfill starts from the newest backfilled message (a number there)
    expect(sinces).toEqual([200, 400]);
    last().receive(JSON.stringify({ type: "waba_webhook", waba_payload: { outgoing_messages: [{ waba_payload: { to: "48123123123", id: "o3", timestamp: 500, type: "text" }, from_us: true }] } }));
    await reconnect();
    expect(sinces).toEqual([200, 400, 500]);
  });

  it("before any message, starts from the newest message of the anchor page, skipping the anchor's messages", async () => {
    const { client, sinces } = restClient([[message("m80", 80), message("m90", 90)]], [message("m50", 50), message("m80", 80), { id: "m-none", from_us: false }, message("m60", 60)]);
    const feed = consume(connect({ backfill: true, client }));
    last().accept();
    await flush();
    await reconnect();
    expect(sinces).toEqual([80]);
    expect(ids(feed.items)).toEqual(["backfill:m90"]);
  });

  it("remembers the newest 10 000 live message ids: an older one comes again from the backfill", async () => {
    const { client } = restClient([[message("m0", 1), message("m1", 1), message("m10000", 1)]]);
    const feed = consume(connect({ backfill: true, client }));
    last().accept();
    last().receive(JSON.stringify({ type: "waba_webhook", waba_payload: { messages: Array.from({ length: 10_001 }, (_, i) => ({ id: `m${i}`, timestamp: "1", type: "text" })) } }));
    await reconnect();
    expect(ids(feed.items.filter((i) => i.type === "backfill"))).toEqual(["backfill:m0"]);
  });

  it("an anchor message without waba_payload counts by its id", async () => {
    const { client, sinces } = restClient([[{ id: "m1", from_us: false }, message("m3", 60)]], [{ id: "m1", from_us: false }, message("m2", 50)]);
    const feed = consume(connect({ backfill: true, client }));
    last().accept();
    await flush();
    await reconnect();
    expect(sinces).toEqual([50]);
    expect(ids(feed.items)).toEqual(["backfill:m3"]);
  });

  it.each([
    ["fails", new Error("boom")],
    ["has no message times", [{ id: "m1", from_us: false }]],
  ])("before any message, starts from the local time of the first authentication when the anchor %s", async (_name, anchor) => {
    const { client, sinces } = restClient([[]], anchor as never);
    consume(connect({ backfill: true, client }));
    last().accept();
    await flush();
    vi.setSystemTime((NOW + 500) * 1000);
    await reconnect();
    expect(sinces).toEqual([NOW]);
  });

  it("an anchor answered after a drop is not used, not even for a later backfill", async () => {
    let release!: () => void;
    const { client, sinces } = restClient([[], []]);
    const list = client.messages.list as unknown as { follow: unknown };
    const slow = Object.assign(() => new Promise((resolve) => (release = () => resolve({ count: 1, next: null, previous: null, results: [message("m50", 50)] }))), { follow: list.follow });
    const feed = consume(connect({ backfill: true, client: { messages: { list: slow } } as unknown as WabbitClient }));
    last().accept();
    await reconnect();
    release();
    await flush();
    await reconnect();
    expect(sinces).toEqual([NOW, NOW]);
    expect(ids(feed.items)).toEqual([]);
  });

  it("live frames held during the backfill are delivered at once when the socket drops, and a stopped backfill delivers nothing more", async () => {
    let release!: () => void;
    const { client, sinces } = restClient([() => new Promise((resolve) => (release = () => resolve([message("m1", 10)]))), [message("m1", 10)]]);
    const feed = consume(connect({ backfill: true, client }));
    const errors: WabbitLiveError[] = [];
    live?.on("error", (e) => errors.push(e));
    last().accept();
    await reconnect();
    last().receive(JSON.stringify(incomingFrame("m2", 20)));
    await flush();
    expect(ids(feed.items)).toEqual([]);
    last().drop({ code: 1006 });
    await flush();
    expect(ids(feed.items)).toEqual(["live:m2"]);
    release();
    await flush();
    expect(feed.items.map((i) => i.type)).toEqual(["token", "token", "waba_webhook"]);
    await vi.advanceTimersByTimeAsync(100);
    last().accept();
    await flush();
    expect(sinces).toEqual([NOW, NOW]);
    expect(ids(feed.items)).toEqual(["live:m2", "backfill:m1"]);
    expect(errors).toEqual([]);
  });

  it("live frames during the backfill lose the inbox-list entries it delivered; a frame with only their contacts left is dropped", async () => {
    let release!: () => void;
    const { client } = restClient([() => new Promise((resolve) => (release = () => resolve([message("b1", 10), { id: "b2", from_us: true }, message("b3", 11)])))]);
    const feed = consume(connect({ backfill: true, client }));
    last().accept();
    await reconnect();
    const contacts = [{ profile: { name: "Konrad Tester" }, wa_id: "48123123123" }];
    last().receive(JSON.stringify({ type: "waba_webhook", waba_payload: { contacts, incoming_messages: [message("b1", 10)], outgoing_messages: [{ id: "b2", from_us: true }] } }));
    last().receive(JSON.stringify({ type: "waba_webhook", waba_payload: { contacts, messages: [{ id: "b3", timestamp: "11", type: "text" }, { id: "l1", timestamp: "12", type: "text" }], incoming_messages: [message("b3", 11), { waba_payload: { timestamp: "12", type: "text" } }] } }));
    last().receive(JSON.stringify({ type: "waba_webhook", waba_payload: { contacts, statuses: [{ id: "b1", status: "read" }] } }));
    last().receive(JSON.stringify({ type: "waba_webhook", waba_payload: { contacts } })); // nothing was removed from it: kept
    release();
    await flush();
    expect(feed.items.slice(2)).toEqual([
      { type: "backfill", message: message("b1", 10) },
      { type: "backfill", message: { id: "b2", from_us: true } },
      { type: "backfill", message: message("b3", 11) },
      { type: "waba_webhook", waba_payload: { contacts, messages: [{ id: "l1", timestamp: "12", type: "text" }], incoming_messages: [{ waba_payload: { timestamp: "12", type: "text" } }] } },
      { type: "waba_webhook", waba_payload: { contacts, statuses: [{ id: "b1", status: "read" }] } },
      { type: "waba_webhook", waba_payload: { contacts } },
    ]);
  });

  it("a backfill that fails after the socket dropped reports nothing and closes nothing", async () => {
    let fail!: () => void;
    const { client, sinces } = restClient([() => new Promise((_resolve, reject) => (fail = () => reject(new ServerError("Service unavailable", { status: 503 })))), []]);
    consume(connect({ backfill: true, client }));
    const errors: WabbitLiveError[] = [];
    live?.on("error", (e) => errors.push(e));
    last().accept();
    await reconnect();
    last().drop({ code: 1006 });
    await vi.advanceTimersByTimeAsync(100);
    const third = last();
    fail();
    await flush();
    expect(errors).toEqual([]);
    expect(third.closes).toEqual([]);
    third.accept();
    await flush();
    expect(sinces).toEqual([NOW, NOW]);
    expect(live?.state).toBe("open");
  });

  it.each([
    ["a 429", new APIError("Too many requests", { status: 429 }), true],
    ["a 408", new APIError("Request timeout", { status: 408 }), true],
    ["a 503", new ServerError("Service unavailable", { status: 503 }), true],
    ["a network error", new ConnectionError("ECONNRESET"), true],
    ["a timeout", new TimeoutError("timed out"), true],
    ["a 401", new APIError("Invalid token.", { status: 401 }), false],
    ["a 404", new APIError("Not found.", { status: 404 }), false],
    ["a thrown string", "weird", false],
  ] as const)("a backfill that fails with %s: retryable ones reconnect, the others stop the feed", async (_name, cause, retryable) => {
    const { client, sinces } = restClient([() => Promise.reject(cause), [message("m1", 10)]]);
    const feed = consume(connect({ backfill: true, client }));
    const errors: WabbitLiveError[] = [];
    live?.on("error", (e) => errors.push(e));
    last().accept();
    last().drop({ code: 1006 });
    await vi.advanceTimersByTimeAsync(100);
    const second = last();
    second.accept();
    second.receive(JSON.stringify(incomingFrame("h1", 5))); // held during the backfill
    await flush();
    const text = cause instanceof Error ? cause.message : String(cause);
    expect(errors).toHaveLength(1);
    const error = errors[0] as WabbitLiveError;
    expect([error.kind, error.fatal]).toEqual(["backfill", !retryable]);
    expect(error.cause instanceof Error ? [error.cause.name, error.cause.message] : error.cause).toEqual(cause instanceof Error ? [cause.name, cause.message] : cause);
    expect(error.message).toBe(`The wabbit backfill after a reconnect failed${retryable ? "; reconnecting to try again" : ""}: ${text}`);
    expect(ids(feed.items)).toEqual(["live:h1"]);
    if (retryable) {
      expect(second.closes).toEqual([[4000, "backfill failed"]]);
      await vi.advanceTimersByTimeAsync(0);
      await vi.advanceTimersByTimeAsync(200);
      last().accept();
      await flush();
      expect(sinces).toEqual([NOW, NOW]);
      expect(ids(feed.items)).toEqual(["live:h1", "backfill:m1"]);
      expect(live?.state).toBe("open");
    } else {
      await feed.done;
      expect(feed.error).toBe(error);
      expect(live?.state).toBe("closed");
      expect(second.closes).toEqual([[1000, "closed by the client"]]);
    }
  });

  it("close() during a backfill aborts it; how it fails afterwards is not reported", async () => {
    let settle!: () => void;
    let signal: AbortSignal | undefined;
    const list = Object.assign(async () => ({ count: 0, next: null, previous: null, results: [] }), {
      follow: async function* (_query: unknown, options: { signal?: AbortSignal }) {
        signal = options.signal;
        await new Promise<void>((resolve) => (settle = resolve));
        throw new ServerError("Service unavailable", { status: 503 });
      },
    });
    const feed = consume(connect({ backfill: true, client: { messages: { list } } as unknown as WabbitClient }));
    const errors: WabbitLiveError[] = [];
    live?.on("error", (e) => errors.push(e));
    last().accept();
    await reconnect();
    expect(signal?.aborted).toBe(false);
    const closing = live?.close();
    expect(signal?.aborted).toBe(true);
    settle();
    await flush();
    await closing;
    await feed.done;
    expect(feed.items.map((i) => i.type)).toEqual(["token", "token"]);
    expect(errors).toEqual([]);
  });
});

describe("late and unusual socket events", () => {
  it("frames and closes of a socket replaced by a reconnect are ignored", async () => {
    const feed = consume(connect());
    const first = last();
    first.accept();
    first.drop({ code: 1006 });
    await vi.advanceTimersByTimeAsync(100);
    last().accept();
    first.receive(JSON.stringify(incomingFrame("old", 1)));
    first.drop({ code: 1006 });
    last().receive(JSON.stringify(incomingFrame("new", 2)));
    await flush();
    expect(ids(feed.items)).toEqual(["live:new"]);
    expect(live?.state).toBe("open");
    expect(sockets).toHaveLength(2);
  });

  it("a socket error (followed by its close) is a reconnect, never an unhandled error", async () => {
    connect();
    last().accept();
    expect(() => last().fire("error", { message: "ECONNRESET" })).not.toThrow();
    last().drop({ code: 1006 });
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
  });

  it("a socket that opens after close() gets no token", async () => {
    connect();
    const first = last();
    first.closeMode = "silent";
    void live?.close();
    first.open();
    expect(first.sent).toEqual([]);
    expect(live?.state).toBe("closed");
  });
});

describe("events", () => {
  it("several listeners of an event all get it; on() returns the unsubscribe function, off() unsubscribes", async () => {
    connect();
    const a: string[] = [];
    const b: string[] = [];
    const offA = live?.on("message", (m) => a.push(m.type));
    const listenerB = (m: { type: string }) => b.push(m.type);
    live?.on("message", listenerB);
    live?.off("backfill", () => {}); // never subscribed: nothing happens
    last().accept();
    offA?.();
    live?.off("message", listenerB);
    last().receive(JSON.stringify(incomingFrame("m1", 1)));
    expect([a, b]).toEqual([["token"], ["token"]]);
  });

  it("a listener that throws is reported once as a listener error naming the event, with its cause; a throwing error listener is not", async () => {
    connect();
    const bug = new Error("listener bug");
    const errors: WabbitLiveError[] = [];
    live?.on("authenticated", () => {
      throw bug;
    });
    live?.on("error", () => {
      throw new Error("error listener bug");
    });
    live?.on("error", (e) => errors.push(e));
    last().accept();
    expect(errors).toHaveLength(1);
    const error = errors[0] as WabbitLiveError;
    expect([error.name, error.kind, error.fatal, error.message]).toEqual(["WabbitLiveError", "listener", false, 'A wabbit live "authenticated" listener threw; the feed goes on']);
    expect((error.cause as Error).message).toBe("listener bug");
    expect(live?.state).toBe("open");
  });

  it("close() emits close once with no error, and no error event", async () => {
    connect();
    const events: unknown[] = [];
    live?.on("error", (e) => events.push(["error", e]));
    live?.on("close", (e) => events.push(["close", e]));
    last().accept();
    await live?.close();
    await live?.close();
    expect(events).toEqual([["close", { error: undefined }]]);
  });
});

describe("close()", () => {
  const settled = (p: Promise<unknown> | undefined) => {
    let done = false;
    void p?.then(() => (done = true));
    return () => done;
  };

  it("resolves once the socket reports its close (or after 5 s without it); a second close() waits as well", async () => {
    connect();
    last().accept();
    last().closeMode = "silent";
    const first = settled(live?.close());
    const second = settled(live?.close());
    await flush();
    expect([first(), second()]).toEqual([false, false]);
    await vi.advanceTimersByTimeAsync(4999);
    expect([first(), second()]).toEqual([false, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect([first(), second()]).toEqual([true, true]);
    expect(last().closes).toEqual([[1000, "closed by the client"]]);
  });

  it("a late close of a replaced socket does not end the wait for the current one", async () => {
    connect({ handshakeTimeoutMs: 50 });
    const first = last();
    first.closeMode = "silent";
    first.open();
    await vi.advanceTimersByTimeAsync(50); // handshake timeout: first.close(4000), no close event yet
    await vi.advanceTimersByTimeAsync(100);
    const second = last();
    second.accept();
    second.closeMode = "silent";
    const closed = settled(live?.close());
    first.drop({ code: 4000, reason: "reconnecting" });
    await flush();
    expect(closed()).toBe(false);
    second.drop({ code: 1000, reason: "closed by the client" });
    await flush();
    expect(closed()).toBe(true);
  });

  it.each([
    ["already closed (its close not reported yet)", (s: FakeSocket): void => void (s.readyState = 3), []],
    ["throwing on close()", (s: FakeSocket): void => void (s.closeMode = "throws"), [[1000, "closed by the client"]]],
  ] as const)("resolves at once for a socket %s", async (_name, setup, closes) => {
    connect();
    last().accept();
    setup(last());
    const closed = settled(live?.close());
    await flush();
    expect(closed()).toBe(true);
    expect(last().closes).toEqual(closes);
  });

  it("frames that arrive after close() are not delivered", async () => {
    const feed = consume(connect());
    const messages: string[] = [];
    live?.on("message", (m) => messages.push(m.type));
    last().accept();
    last().closeMode = "silent";
    void live?.close();
    last().receive(JSON.stringify(incomingFrame("late", 1)));
    await feed.done;
    expect(feed.items.map((i) => i.type)).toEqual(["token"]);
    expect(messages).toEqual(["token"]);
  });

  it("before authentication, ready rejects with an AbortError", async () => {
    connect();
    void live?.close();
    const error = await live?.ready.catch((e: unknown) => e);
    expect([(error as Error).name, (error as Error).message]).toEqual(["AbortError", "The wabbit live feed was closed before it was authenticated"]);
  });

  it("delivers the live frames held by a backfill before the iterators end", async () => {
    const { client } = restClient([() => new Promise(() => {})]);
    const feed = consume(connect({ backfill: true, client }));
    last().accept();
    await reconnect();
    last().receive(JSON.stringify(incomingFrame("h1", 1)));
    await live?.close();
    await feed.done;
    expect(ids(feed.items)).toEqual(["live:h1"]);
  });
});

describe("iterators", () => {
  it("throw the fatal error once after the items before it, then are done", async () => {
    connect();
    const iterator = (live as WabbitLive)[Symbol.asyncIterator]();
    last().open();
    last().receive(JSON.stringify({ type: "token", status: "failed", message: "Invalid token." }));
    expect(await iterator.next()).toEqual({ value: { type: "token", status: "failed", message: "Invalid token." }, done: false });
    const error = await iterator.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WabbitLiveError);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it("are async iterables of themselves", async () => {
    connect();
    const iterator = (live as WabbitLive)[Symbol.asyncIterator]();
    last().accept();
    await live?.close();
    const items: string[] = [];
    for await (const item of iterator[Symbol.asyncIterator]()) items.push(item.type);
    expect(items).toEqual(["token"]);
  });

  it("end without throwing after close(), also when created afterwards", async () => {
    connect();
    const iterator = (live as WabbitLive)[Symbol.asyncIterator]();
    last().accept();
    await live?.close();
    expect(await iterator.next()).toEqual({ value: expect.objectContaining({ type: "token" }), done: false });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(await (live as WabbitLive)[Symbol.asyncIterator]().next()).toEqual({ value: undefined, done: true });
  });

  it("return() ends that iterator only: a waiting next() and later ones are done, even after a fatal error", async () => {
    connect();
    const iterator = (live as WabbitLive)[Symbol.asyncIterator]();
    const other = consume(live as WabbitLive);
    last().accept();
    expect((await iterator.next()).value).toMatchObject({ type: "token" });
    const waiting = iterator.next();
    expect(await iterator.return?.()).toEqual({ value: undefined, done: true });
    expect(await waiting).toEqual({ value: undefined, done: true });
    last().receive(JSON.stringify({ type: "token", status: "failed" })); // not an auth failure any more: an ordinary frame
    const failing = (live as WabbitLive)[Symbol.asyncIterator]();
    const gaveUp = new Promise<void>((resolve) => live?.on("close", () => resolve()));
    await failing.return?.();
    await live?.close();
    await gaveUp;
    const next = await Promise.race([iterator.next(), flush().then(() => "pending")]);
    expect(next).toEqual({ value: undefined, done: true });
    expect(await failing.next()).toEqual({ value: undefined, done: true });
    await other.done;
    expect(other.items.map((i) => i.type)).toEqual(["token", "token"]);
  });

  it("return() after a fatal error that was not read yet: next() is done, not the error", async () => {
    connect({ reconnect: { initialDelayMs: 10, maxAttempts: 1 } });
    const iterator = (live as WabbitLive)[Symbol.asyncIterator]();
    last().drop({ code: 1006 });
    await vi.advanceTimersByTimeAsync(10);
    last().drop({ code: 1006 });
    expect(live?.state).toBe("closed");
    await iterator.return?.();
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});

describe("options", () => {
  const base = { baseUrl: "https://inbox.example.com", token: TOKEN, WebSocket: Socket as unknown as WebSocketConstructorLike };
  it.each([
    ["no baseUrl", { baseUrl: undefined }, "baseUrl: is required: the URL of your inbox"],
    ["a blank token", { token: "   " }, "token: must be a non-empty string (the API token)"],
    ["a token that is not a string", { token: 5 }, "token: must be a non-empty string (the API token)"],
    ["a negative initialDelayMs", { reconnect: { initialDelayMs: -1 } }, "reconnect.initialDelayMs: must be a finite number >= 0"],
    ["an infinite maxDelayMs", { reconnect: { maxDelayMs: Number.POSITIVE_INFINITY } }, "reconnect.maxDelayMs: must be a finite number >= 0"],
    ["a NaN handshakeTimeoutMs", { handshakeTimeoutMs: Number.NaN }, "handshakeTimeoutMs: must be a finite number >= 0"],
    ["a string handshakeTimeoutMs", { handshakeTimeoutMs: "5" }, "handshakeTimeoutMs: must be a finite number >= 0"],
    ["a signal that is not an object", { signal: null }, "signal: must be an AbortSignal"],
    ["a signal without addEventListener", { signal: { aborted: false } }, "signal: must be an AbortSignal"],
    ["a signal without aborted", { signal: { addEventListener() {} } }, "signal: must be an AbortSignal"],
    ["a fractional maxAttempts", { reconnect: { maxAttempts: 1.5 } }, "reconnect.maxAttempts: must be an integer >= 1"],
    ["a socketUrl that is not a string", { socketUrl: 5 }, "socketUrl: must be a string"],
    ["a socketUrl that is not absolute", { socketUrl: "/ws" }, "socketUrl: is not an absolute URL"],
    ["a socketUrl with credentials", { socketUrl: "wss://user:pw@proxy.example.org/" }, "socketUrl: must not contain a user name or password"],
    ["a socketUrl with a user name", { socketUrl: "wss://user@proxy.example.org/" }, "socketUrl: must not contain a user name or password"],
    ["a socketUrl with a password", { socketUrl: "wss://:pw@proxy.example.org/" }, "socketUrl: must not contain a user name or password"],
    ["an http: socketUrl on loopback", { socketUrl: "http://127.0.0.1:8080/" }, "socketUrl: must use wss: (plain ws: only for localhost / 127.0.0.1 / [::1]): the token travels over it"],
    ["a baseUrl with an IPv4 address", { baseUrl: "https://10.0.0.1" }, "socketUrl: is required when baseUrl's host is an address (10.0.0.1): the socket host websockets-<host> only exists for an inbox's DNS name"],
    ["a baseUrl with an IPv6 address", { baseUrl: "https://[2001:db8::1]" }, "socketUrl: is required when baseUrl's host is an address ([2001:db8::1]): the socket host websockets-<host> only exists for an inbox's DNS name"],
  ])("rejects %s with the exact problem", (_name, options, problem) => {
    expect(() => connectWabbitLive({ ...base, ...options } as never)).toThrow(ValidationError);
    expect(() => connectWabbitLive({ ...base, ...options } as never)).toThrow(`Invalid connectWabbitLive options: ${problem}`);
    expect(sockets).toHaveLength(0);
  });

  it.each([
    ["zero delays and timeout, maxAttempts 1", { reconnect: { initialDelayMs: 0, maxDelayMs: 0, maxAttempts: 1 }, handshakeTimeoutMs: 0 }, "wss://websockets-inbox.example.com/"],
    ["a real AbortSignal", { signal: new AbortController().signal }, "wss://websockets-inbox.example.com/"],
    ["a host starting with a digit", { baseUrl: "https://1inbox.example.com" }, "wss://websockets-1inbox.example.com/"],
    ["a host ending with a digit", { baseUrl: "https://inbox-2" }, "wss://websockets-inbox-2/"],
    ["a single-label host", { baseUrl: "https://inbox" }, "wss://websockets-inbox/"],
  ])("accepts %s", async (_name, options, url) => {
    const feed = connectWabbitLive({ ...base, ...options } as never);
    expect(feed.url).toBe(url);
    expect(sockets.map((s) => s.url)).toEqual([url]);
    await Promise.all([feed.close(), vi.runAllTimersAsync()]);
  });

  it("the token is scrubbed from error messages, even when the server echoes it", async () => {
    const feed = consume(connect({ reconnect: { initialDelayMs: 10, maxAttempts: 1 } }));
    last().drop({ code: 4001, reason: `bad token ${TOKEN}` });
    await vi.advanceTimersByTimeAsync(10);
    last().drop({ code: 4001, reason: `bad token ${TOKEN}` });
    await feed.done;
    const error = feed.error as WabbitLiveError;
    expect(error.message).toMatch(/^The wabbit websocket did not come back after 1 reconnect\(s\) in a row \(last: closed \(4001: bad token .+\)\); giving up/);
    expect(error.message).not.toContain(TOKEN);
  });
});
