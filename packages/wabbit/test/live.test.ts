// The live websocket feed against a real local websocket server (`ws`'s WebSocketServer on
// 127.0.0.1, a free port, started and stopped here), which also serves the REST messages list for
// the backfill: token authentication, typed and untyped frames, drops and reconnects, the backfill
// after a reconnect (every message exactly once), auth failure, close and abort.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WebSocket, WebSocketServer, type WebSocket as ServerSocket } from "ws";
import { AbortError, connectWabbitLive, ValidationError, WabbitLiveError, type WabbitLive, type WabbitLiveItem, type WabbitMessage, type WebSocketConstructorLike } from "../src/index.js";
import { message, messagesPage } from "./fake.js";

const GOOD = "8aeb44f5a318542d32bb13019d68198467ee21f0";

interface Inbox {
  readonly base: string;
  readonly socketUrl: string;
  /** Every websocket connection so far, in order, with the frames each sent. */
  readonly connections: { socket: ServerSocket; received: unknown[]; closed: boolean }[];
  /** The REST message store (what `messages.list` serves). */
  readonly store: WabbitMessage[];
  /** The REST requests (`path?query`). */
  readonly rest: string[];
  /** How the server answers a token frame (default: success for GOOD, failed otherwise; `silent`: never). */
  answer: (token: unknown) => "success" | "failed" | "bad_request" | "silent";
  /** A status the REST list answers instead of the page, once per entry. */
  restFailures: number[];
  send(frame: unknown): void;
  dropAll(): void;
  stop(): Promise<void>;
}

async function startInbox(): Promise<Inbox> {
  const connections: Inbox["connections"] = [];
  const store: WabbitMessage[] = [];
  const rest: string[] = [];
  let base = "";
  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", base);
    rest.push(`${url.pathname}${url.search}`);
    const failure = inbox.restFailures.shift();
    if (failure) {
      res.writeHead(failure, { "content-type": "application/json" }).end(JSON.stringify({ detail: "Try again later." }));
      return;
    }
    if (req.headers.authorization !== `Token ${GOOD}`) {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ detail: "Invalid token." }));
      return;
    }
    if (url.pathname !== "/api/v1/messages/") {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ detail: "Not found." }));
      return;
    }
    const page = messagesPage(store, url.searchParams, base);
    void page.text().then((text) => res.writeHead(200, { "content-type": "application/json" }).end(text));
  });
  const wss = new WebSocketServer({ server: http });
  wss.on("connection", (socket) => {
    const entry = { socket, received: [] as unknown[], closed: false };
    connections.push(entry);
    socket.on("close", () => (entry.closed = true));
    socket.on("message", (data) => {
      const frame = JSON.parse(String(data)) as { token?: unknown };
      entry.received.push(frame);
      if (entry.received.length > 1) return;
      const verdict = inbox.answer(frame.token);
      if (verdict === "silent") return;
      if (verdict === "bad_request") socket.send(JSON.stringify({ type: "response", status: "bad_request", message: "Token authentication payload is not valid JSON." }));
      else socket.send(JSON.stringify({ type: "token", status: verdict, message: verdict === "success" ? "Authenticated." : "Invalid token." }));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  const inbox: Inbox = {
    base,
    socketUrl: `ws://127.0.0.1:${port}/`,
    connections,
    store,
    rest,
    answer: (token) => (token === GOOD ? "success" : "failed"),
    restFailures: [],
    send(frame) {
      for (const c of connections) if (!c.closed) c.socket.send(typeof frame === "string" || frame instanceof Uint8Array ? frame : JSON.stringify(frame));
    },
    dropAll() {
      for (const c of connections) if (!c.closed) c.socket.terminate();
    },
    async stop() {
      for (const c of connections) c.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return inbox;
}

/** A waba_webhook frame announcing WABA messages `[id, time]`. */
const incoming = (...messages: [string, number][]) => ({
  type: "waba_webhook",
  waba_payload: {
    contacts: [{ profile: { name: "Konrad Tester" }, wa_id: "48123123123" }],
    messages: messages.map(([id, time]) => ({ from: "48123123123", id, timestamp: String(time), type: "text", text: { body: `message ${id}` } })),
  },
});

async function until(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Consumes the feed in the background. */
function consume(live: WabbitLive) {
  const items: WabbitLiveItem[] = [];
  let error: unknown;
  let ended = false;
  const done = (async () => {
    try {
      for await (const item of live) items.push(item);
    } catch (e) {
      error = e;
    } finally {
      ended = true;
    }
  })();
  return { items, done, get error() { return error; }, get ended() { return ended; } };
}

/** The message ids a consumer saw, in order: live WABA messages and backfilled ones. */
const messageIds = (items: readonly WabbitLiveItem[]) =>
  items.flatMap((item) => (item.type === "waba_webhook" ? (item.waba_payload.messages ?? []).map((m) => `live:${m.id}`) : item.type === "backfill" ? [`backfill:${item.message.waba_payload?.id}`] : []));

const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

let inbox: Inbox;
let live: WabbitLive | undefined;
const connect = (options: Partial<Parameters<typeof connectWabbitLive>[0]> = {}) =>
  (live = connectWabbitLive({ baseUrl: inbox.base, socketUrl: inbox.socketUrl, token: GOOD, WebSocket, reconnect: { initialDelayMs: 20, maxDelayMs: 50 }, ...options }));

beforeEach(async () => {
  inbox = await startInbox();
});
afterEach(async () => {
  await live?.close();
  live = undefined;
  await inbox.stop();
});

describe("connecting", () => {
  it("sends {token} as its first and only frame, then yields the token result and typed frames", async () => {
    const feed = consume(connect());
    const events: string[] = [];
    live?.on("authenticated", (info) => events.push(`authenticated reconnected=${info.reconnected}`));
    live?.on("message", (m) => events.push(`message ${m.type}`));
    await live?.ready;
    expect(live?.state).toBe("open");
    expect(inbox.connections).toHaveLength(1);
    expect(inbox.connections[0]?.received).toEqual([{ token: GOOD }]);
    inbox.send(incoming(["ABGGSFEBeRJ_AhD8o8zP9ulNeUPgdK123456", 1612544982]));
    inbox.send({ type: "waba_webhook", waba_payload: { statuses: [{ id: "gBGGSFEBeRJ_AglpKKJ1s123123", recipient_id: "48123123123", status: "delivered", timestamp: "1612372700" }] } });
    await until(() => feed.items.length === 3, "three items");
    const [token, first, second] = feed.items;
    expect(token).toEqual({ type: "token", status: "success", message: "Authenticated." });
    expect(first?.type === "waba_webhook" && first.waba_payload.messages?.[0]?.text?.body).toBe("message ABGGSFEBeRJ_AhD8o8zP9ulNeUPgdK123456");
    expect(second?.type === "waba_webhook" && second.waba_payload.statuses?.[0]?.status).toBe("delivered");
    expect(events).toEqual(["message token", "authenticated reconnected=false", "message waba_webhook", "message waba_webhook"]);
    expect(inbox.connections[0]?.received).toHaveLength(1);
  });

  it("passes undocumented frame types (getchat_webhook), malformed documented ones and non-JSON frames through, in order", async () => {
    const feed = consume(connect());
    await live?.ready;
    inbox.send({ type: "getchat_webhook", payload: { chat: "48123123123" } });
    inbox.send("plain text, not JSON");
    inbox.send({ type: "waba_webhook", waba_payload: "not an object" });
    inbox.send(new TextEncoder().encode(JSON.stringify({ type: "getchat_webhook", binary: true })));
    inbox.send([1, 2, 3]);
    inbox.send(incoming(["m-after", 1700000000]));
    await until(() => feed.items.length === 7, "seven items");
    expect(feed.items.slice(1)).toEqual([
      { type: "untyped", frameType: "getchat_webhook", data: { type: "getchat_webhook", payload: { chat: "48123123123" } } },
      { type: "untyped", frameType: undefined, data: "plain text, not JSON" },
      { type: "untyped", frameType: "waba_webhook", data: { type: "waba_webhook", waba_payload: "not an object" } },
      { type: "untyped", frameType: "getchat_webhook", data: { type: "getchat_webhook", binary: true } },
      { type: "untyped", frameType: undefined, data: [1, 2, 3] },
      incoming(["m-after", 1700000000]),
    ]);
  });

  it("every iterator gets every item from its creation on; leaving a loop does not close the feed", async () => {
    connect();
    const a = consume(live as WabbitLive);
    const iterator = (live as WabbitLive)[Symbol.asyncIterator]();
    await live?.ready;
    inbox.send(incoming(["m1", 1]));
    expect((await iterator.next()).value).toMatchObject({ type: "token" });
    expect((await iterator.next()).value).toMatchObject({ type: "waba_webhook" });
    await iterator.return?.();
    inbox.send(incoming(["m2", 2]));
    await until(() => a.items.length === 3, "the second message");
    expect(messageIds(a.items)).toEqual(["live:m1", "live:m2"]);
    expect(live?.state).toBe("open");
  });
});

describe("drops, reconnects and the backfill", () => {
  it("reconnects with backoff after a drop and authenticates again", async () => {
    const reconnecting: { attempt: number; delayMs: number }[] = [];
    connect({ reconnect: { initialDelayMs: 40, maxDelayMs: 40 } });
    live?.on("reconnecting", ({ attempt, delayMs }) => reconnecting.push({ attempt, delayMs }));
    const authenticated: boolean[] = [];
    live?.on("authenticated", ({ reconnected }) => authenticated.push(reconnected));
    await live?.ready;
    inbox.dropAll();
    await until(() => authenticated.length === 2, "the second authentication");
    expect(inbox.connections).toHaveLength(2);
    expect(inbox.connections[1]?.received).toEqual([{ token: GOOD }]);
    expect(reconnecting).toHaveLength(1);
    expect(reconnecting[0]?.attempt).toBe(1);
    expect(reconnecting[0]?.delayMs).toBeGreaterThanOrEqual(30); // 40 ms with up to 25 % jitter
    expect(reconnecting[0]?.delayMs).toBeLessThanOrEqual(40);
    expect(authenticated).toEqual([false, true]);
  });

  it("backoff doubles up to the cap while the server is unreachable, and resets after a success", async () => {
    const delays: number[] = [];
    inbox.answer = () => "silent"; // never authenticates: each attempt times out
    connect({ reconnect: { initialDelayMs: 10, maxDelayMs: 40 }, handshakeTimeoutMs: 30 });
    live?.on("reconnecting", ({ delayMs }) => delays.push(delayMs));
    await until(() => delays.length >= 4, "four reconnects");
    expect(delays[0]).toBeLessThanOrEqual(10);
    expect(delays[1]).toBeGreaterThan(10);
    expect(delays[2]).toBeGreaterThan(20);
    expect(delays[3]).toBeLessThanOrEqual(40);
    expect(delays[3]).toBeGreaterThanOrEqual(30);
    inbox.answer = () => "success";
    await live?.ready;
    const before = delays.length;
    inbox.dropAll();
    await until(() => delays.length > before, "the reconnect after a success");
    expect(delays.at(-1)).toBeLessThanOrEqual(10);
  });

  it("a message sent while the client was disconnected arrives exactly once, through the backfill", async () => {
    // In the store (REST) and announced live: m1 (t=100) and m2 (t=100, same second).
    inbox.store.push(message("m1", 100), message("m2", 100));
    const feed = consume(connect());
    await live?.ready;
    inbox.send(incoming(["m1", 100], ["m2", 100]));
    await until(() => messageIds(feed.items).length === 2, "the live messages");
    // The socket drops; before the client is back, m3 (t=100, the same second) and m4 (t=130) arrive.
    const authenticated = new Promise<void>((resolve) => {
      const off = live?.on("authenticated", ({ reconnected }) => reconnected && (off?.(), resolve()));
    });
    inbox.dropAll();
    inbox.store.push(message("m3", 100), message("m4", 130));
    await authenticated;
    expect(inbox.connections).toHaveLength(2);
    await until(() => messageIds(feed.items).length === 4, "the backfill");
    // A late duplicate push of m4 and a new live message m5.
    inbox.send(incoming(["m4", 130]));
    inbox.send(incoming(["m5", 140]));
    await until(() => messageIds(feed.items).includes("live:m5"), "m5");
    expect(messageIds(feed.items)).toEqual(["live:m1", "live:m2", "backfill:m3", "backfill:m4", "live:m5"]);
    // The anchor at the start (the newest messages, remembered, not delivered), then the backfill.
    expect(inbox.rest).toEqual(["/api/v1/messages/?limit=50", "/api/v1/messages/?since_time=100&limit=100"]);
    expect(feed.items.filter((i) => i.type === "backfill")).toEqual([
      { type: "backfill", message: message("m3", 100) },
      { type: "backfill", message: message("m4", 130) },
    ]);
  }, 10_000);

  it("live frames during the backfill wait for it, and lose the messages it already delivered", async () => {
    inbox.store.push(message("m1", 200));
    let release: (() => void) | undefined;
    const slowFetch = async (input: string, init: RequestInit) => {
      if (input.includes("since_time")) await new Promise<void>((resolve) => (release = resolve));
      return fetch(input, init);
    };
    const feed = consume(connect({ fetch: slowFetch }));
    await live?.ready;
    inbox.send(incoming(["m1", 200]));
    await until(() => messageIds(feed.items).length === 1, "m1");
    inbox.dropAll();
    inbox.store.push(message("m2", 210));
    await until(() => release !== undefined, "the backfill request");
    // While the backfill is in flight: m2 (also in the backfill) with a status, then m3.
    inbox.send({ type: "waba_webhook", waba_payload: { ...incoming(["m2", 210]).waba_payload, statuses: [{ id: "m1", status: "read" }] } });
    inbox.send(incoming(["m3", 220]));
    await new Promise((r) => setTimeout(r, 50));
    expect(messageIds(feed.items)).toEqual(["live:m1"]);
    release?.();
    await until(() => messageIds(feed.items).includes("live:m3"), "m3");
    expect(messageIds(feed.items)).toEqual(["live:m1", "backfill:m2", "live:m3"]);
    const statusFrame = feed.items.find((i) => i.type === "waba_webhook" && i.waba_payload.statuses);
    expect(statusFrame).toEqual({ type: "waba_webhook", waba_payload: { contacts: incoming(["m2", 210]).waba_payload.contacts, statuses: [{ id: "m1", status: "read" }] } });
  });

  it("a backfill that fails with a 503 reconnects and backfills again from the same time", async () => {
    inbox.store.push(message("m1", 300));
    const errors: WabbitLiveError[] = [];
    const feed = consume(connect());
    live?.on("error", (e) => errors.push(e));
    await live?.ready;
    inbox.send(incoming(["m1", 300]));
    await until(() => messageIds(feed.items).length === 1 && inbox.rest.length === 1, "m1 and the anchor request");
    inbox.store.push(message("m2", 310));
    inbox.restFailures.push(503, 503, 503); // the backfill's GET and its two retries
    inbox.dropAll();
    await until(() => messageIds(feed.items).includes("backfill:m2"), "m2 after the second backfill", 8000);
    expect(errors.map((e) => [e.kind, e.fatal])).toEqual([["backfill", false]]);
    const backfills = inbox.rest.filter((r) => r.includes("since_time"));
    expect(backfills.length).toBe(4); // three 503s of the first backfill, then the second
    expect(backfills.every((r) => r === "/api/v1/messages/?since_time=300&limit=100")).toBe(true);
    expect(messageIds(feed.items)).toEqual(["live:m1", "backfill:m2"]);
  }, 10_000);

  it("before any live message, the backfill starts from the newest message the server had at the start (its clock, not ours)", async () => {
    inbox.store.push(message("m0", 50)); // long before the feed started, by the server's clock
    const feed = consume(connect());
    await live?.ready;
    await until(() => inbox.rest.length === 1, "the anchor request");
    const back = new Promise<void>((resolve) => live?.on("authenticated", ({ reconnected }) => reconnected && resolve()));
    inbox.dropAll();
    inbox.store.push(message("m1", 60));
    await back;
    await until(() => messageIds(feed.items).length === 1, "the backfill");
    expect(messageIds(feed.items)).toEqual(["backfill:m1"]);
    expect(inbox.rest).toEqual(["/api/v1/messages/?limit=50", "/api/v1/messages/?since_time=50&limit=100"]);
  });

  it("an anchor answered after a drop is ignored: what arrived while disconnected still comes from the backfill", async () => {
    const now = Math.floor(Date.now() / 1000);
    inbox.store.push(message("m0", now - 100));
    let release: (() => void) | undefined;
    const slowAnchor = async (input: string, init: RequestInit) => {
      if (!input.includes("since_time")) await new Promise<void>((resolve) => (release = resolve));
      return fetch(input, init);
    };
    const feed = consume(connect({ fetch: slowAnchor }));
    await live?.ready;
    await until(() => release !== undefined, "the anchor request");
    const back = new Promise<void>((resolve) => live?.on("authenticated", ({ reconnected }) => reconnected && resolve()));
    inbox.dropAll();
    inbox.store.push(message("m1", now + 1)); // while disconnected
    await until(() => live?.state === "reconnecting", "the drop");
    release?.(); // the anchor's page now holds m1 too
    await back;
    await until(() => messageIds(feed.items).length === 1, "the backfill");
    expect(messageIds(feed.items)).toEqual(["backfill:m1"]);
  });

  it("backfill: false never calls the REST API", async () => {
    const feed = consume(connect({ backfill: false }));
    await live?.ready;
    const back = new Promise<void>((resolve) => live?.on("authenticated", ({ reconnected }) => reconnected && resolve()));
    inbox.dropAll();
    await back;
    inbox.send(incoming(["m9", 9]));
    await until(() => messageIds(feed.items).length === 1, "m9");
    expect(inbox.rest).toEqual([]);
  });

  it("gives up after reconnect.maxAttempts failed connections", async () => {
    inbox.answer = () => "silent";
    const feed = consume(connect({ reconnect: { initialDelayMs: 5, maxDelayMs: 5, maxAttempts: 2 }, handshakeTimeoutMs: 20 }));
    await feed.done;
    expect(feed.error).toBeInstanceOf(WabbitLiveError);
    expect((feed.error as WabbitLiveError).kind).toBe("gave-up");
    expect(inbox.connections).toHaveLength(3);
    expect(live?.state).toBe("closed");
  });
});

describe("auth failure", () => {
  it.each([
    ["a failed token result", "failed", /refused the token \(token failed: Invalid token\.\)/],
    ["a bad_request response", "bad_request", /refused the token \(response bad_request: Token authentication payload is not valid JSON\.\)/],
  ] as const)("%s is a fatal error, not a reconnect loop", async (_name, verdict, message) => {
    inbox.answer = () => verdict;
    const closes: unknown[] = [];
    const feed = consume(connect({ token: "wrong-token-value" }));
    live?.on("close", ({ error }) => closes.push(error));
    const ready = await (live as WabbitLive).ready.catch((e) => e);
    await feed.done;
    expect(ready).toBeInstanceOf(WabbitLiveError);
    expect(ready.kind).toBe("auth");
    expect(ready.fatal).toBe(true);
    expect(ready.message).toMatch(message);
    expect(feed.error).toBe(ready);
    expect(feed.items).toHaveLength(1); // the server's answer itself
    expect(closes).toEqual([ready]);
    await new Promise((r) => setTimeout(r, 100));
    expect(inbox.connections).toHaveLength(1);
    await until(() => inbox.connections[0]?.closed === true, "the socket to close");
    expect(`${ready.message}${JSON.stringify(ready)}`).not.toContain("wrong-token-value");
  });
});

describe("close and abort", () => {
  it("close() closes the socket, ends the iterators and leaves no timer behind", async () => {
    const before = timeouts();
    const feed = consume(connect());
    await live?.ready;
    await live?.close();
    await feed.done;
    expect(feed.error).toBeUndefined();
    expect(live?.state).toBe("closed");
    await until(() => inbox.connections[0]?.closed === true, "the server to see the close");
    expect(timeouts()).toBeLessThanOrEqual(before);
    inbox.send(incoming(["late", 1]));
    await new Promise((r) => setTimeout(r, 50));
    expect(inbox.connections).toHaveLength(1);
    expect(feed.items).toHaveLength(1);
  });

  it("close() cancels the REST requests in flight (the anchor) too", async () => {
    let requested = false;
    let aborted = false;
    const hanging = (_input: string, init: RequestInit) => {
      requested = true;
      return new Promise<Response>((_resolve, reject) => init.signal?.addEventListener("abort", () => ((aborted = true), reject(init.signal?.reason))));
    };
    const before = timeouts();
    connect({ fetch: hanging });
    await live?.ready;
    await until(() => requested, "the anchor request");
    await live?.close();
    await until(() => aborted, "the anchor request to be aborted");
    await new Promise((r) => setTimeout(r, 10));
    expect(timeouts()).toBeLessThanOrEqual(before);
  });

  it("close() while a reconnect is scheduled cancels it", async () => {
    connect({ reconnect: { initialDelayMs: 200, maxDelayMs: 200 }, backfill: false }); // no REST request (and its timeout timer) in flight
    await live?.ready;
    const before = timeouts();
    const scheduled = new Promise<void>((resolve) => live?.on("reconnecting", () => resolve()));
    inbox.dropAll();
    await scheduled;
    expect(timeouts()).toBe(before + 1); // the reconnect timer
    await live?.close();
    expect(timeouts()).toBeLessThanOrEqual(before);
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.connections).toHaveLength(1);
  });

  it("an AbortSignal stops the feed like close(); ready rejects with an AbortError when it was never authenticated", async () => {
    const controller = new AbortController();
    inbox.answer = () => "silent";
    const feed = consume(connect({ signal: controller.signal }));
    await until(() => inbox.connections.length === 1, "the connection");
    controller.abort();
    await feed.done;
    expect(feed.error).toBeUndefined();
    expect(await (live as WabbitLive).ready.catch((e) => e)).toBeInstanceOf(AbortError);
    await until(() => inbox.connections[0]?.closed === true, "the server to see the close");
  });

  it("an already aborted signal opens no socket", async () => {
    const feed = consume(connect({ signal: AbortSignal.abort() }));
    await feed.done;
    expect(live?.state).toBe("closed");
    await new Promise((r) => setTimeout(r, 50));
    expect(inbox.connections).toHaveLength(0);
  });

  it("a listener that throws is reported, and the feed goes on", async () => {
    const errors: WabbitLiveError[] = [];
    const feed = consume(connect());
    live?.on("message", () => {
      throw new Error("listener bug");
    });
    live?.on("error", (e) => errors.push(e));
    await live?.ready;
    inbox.send(incoming(["m1", 1]));
    await until(() => feed.items.length === 2, "the message");
    expect(errors.map((e) => [e.kind, e.fatal])).toEqual([["listener", false], ["listener", false]]);
  });
});

describe("options", () => {
  it("derives wss://websockets-<inbox host>/ from baseUrl; socketUrl overrides it", async () => {
    const opened: string[] = [];
    class Recorder {
      readyState = 0;
      readonly listeners = new Map<string, (event: unknown) => void>();
      constructor(url: string) {
        opened.push(url);
      }
      send() {}
      close(code: number) {
        this.readyState = 3;
        queueMicrotask(() => this.listeners.get("close")?.({ code }));
      }
      addEventListener(type: string, listener: (event: unknown) => void) {
        this.listeners.set(type, listener);
      }
    }
    const a = connectWabbitLive({ baseUrl: "https://inbox.example.com", token: GOOD, WebSocket: Recorder as unknown as WebSocketConstructorLike });
    const b = connectWabbitLive({ baseUrl: "https://inbox.example.com:8443/some/path", token: GOOD, WebSocket: Recorder as unknown as WebSocketConstructorLike });
    const c = connectWabbitLive({ baseUrl: "https://inbox.example.com", socketUrl: "wss://proxy.example.org/ws", token: GOOD, WebSocket: Recorder as unknown as WebSocketConstructorLike });
    expect([a.url, b.url, c.url]).toEqual(["wss://websockets-inbox.example.com/", "wss://websockets-inbox.example.com:8443/", "wss://proxy.example.org/ws"]);
    expect(opened).toEqual([a.url, b.url, c.url]);
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it.each([
    ["no token", { token: "" }, /token: must be a non-empty string/],
    ["no WebSocket in this runtime (Node < 22) and none passed", { WebSocket: undefined }, /WebSocket: this runtime has no built-in WebSocket/],
    ["a plain ws: socket to another host", { socketUrl: "ws://inbox.example.com/" }, /socketUrl: must use wss:/],
    ["a loopback baseUrl without socketUrl", { socketUrl: undefined }, /socketUrl: is required when baseUrl's host is an address/],
    ["an http baseUrl", { baseUrl: "http://inbox.example.com" }, /baseUrl: must use https/],
    ["a bad reconnect option", { reconnect: { maxAttempts: 0 } }, /reconnect\.maxAttempts: must be an integer >= 1/],
  ])("rejects %s at once", (_name, options, message) => {
    vi.stubGlobal("WebSocket", undefined); // as on Node 18/20
    expect(() => connectWabbitLive({ baseUrl: inbox.base, socketUrl: inbox.socketUrl, token: GOOD, WebSocket, ...options } as never)).toThrow(ValidationError);
    expect(() => connectWabbitLive({ baseUrl: inbox.base, socketUrl: inbox.socketUrl, token: GOOD, WebSocket, ...options } as never)).toThrow(message);
    expect(inbox.connections).toHaveLength(0);
    vi.unstubAllGlobals();
  });
});
