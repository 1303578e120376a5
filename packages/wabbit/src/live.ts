/**
 * `connectWabbitLive`: the inbox's websocket feed (`wss://websockets-<inbox host>/`) with token
 * authentication, typed frames as an async iterator and as events, capped and jittered reconnects,
 * and a REST backfill after each reconnect so that no message is lost or repeated across drops.
 * Web APIs only: the global `WebSocket` (Node 22+, browsers, Deno, Bun) or an injected constructor
 * (`ws` on Node 18/20).
 * @module
 */
import {
  AbortError,
  APIError,
  backoffDelay,
  checkBaseUrl,
  ConnectionError,
  InboxKitError,
  isLoopback,
  onAbort,
  resolveRetry,
  ServerError,
  TimeoutError,
  validate,
  ValidationError,
  type ClientOptions,
  type ValidationIssue,
} from "@inboxkit/runtime";
import { createWabbitClient, type WabbitClient } from "./client.js";
import type { WabbitMessage } from "./events.js";
import { websocketServerMessages } from "./generated/client.js";
import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/**
 * The part of a WebSocket this client uses: the WHATWG `WebSocket` (browsers, Deno, Bun, Node 22+)
 * and the `ws` package's both fit.
 */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  /** Set to `"arraybuffer"` by the client, so binary frames arrive as bytes. */
  binaryType?: string;
  /** Sends a text frame (the client sends one: `{"token": …}`). */
  send(data: string): void;
  /** Closes the connection (the client uses 1000, and 4000 before a reconnect). */
  close(code?: number, reason?: string): void;
  /** Listens to `open`, `message` (`event.data`), `close` (`event.code`, `event.reason`) and `error`. */
  addEventListener(type: "open" | "message" | "close" | "error", listener: (event: any) => void): void;
}

/** A WebSocket constructor: the global `WebSocket`, or `ws`'s default export. */
export type WebSocketConstructorLike = new (url: string) => WebSocketLike;

/** A token authentication result (`{type: "token", status: "success" | "failed", message}`). */
export type WabbitLiveTokenMessage = Schemas["WsTokenResult"];
/** A server reply to a malformed client frame (`{type: "response", status: "bad_request", message}`). */
export type WabbitLiveResponseMessage = Schemas["WsResponse"];
/** A WABA webhook pushed over the socket (`{type: "waba_webhook", waba_payload}`); it does not mark messages received. */
export type WabbitLiveWebhookMessage = Schemas["WsWabaWebhook"];
/** The server frames the spec documents (`x-websocket` server messages), discriminated by `type`. */
export type WabbitLiveServerMessage = WabbitLiveTokenMessage | WabbitLiveResponseMessage | WabbitLiveWebhookMessage;

/**
 * A frame the spec does not document (e.g. the `getchat_webhook` the vendor's own web client also
 * handles), a documented type whose content does not match its schema, or a frame that is not JSON:
 * passed through as it came, never dropped.
 */
export interface WabbitLiveUntypedMessage {
  readonly type: "untyped";
  /** The frame's own `type`, when it is a JSON object with a string `type`. */
  readonly frameType: string | undefined;
  /** The frame: the parsed JSON, or the text when it is not JSON. */
  readonly data: unknown;
}

/** A message fetched over REST after a reconnect (it arrived while the socket was down), in `messages.list` format. */
export interface WabbitLiveBackfillMessage {
  readonly type: "backfill";
  readonly message: WabbitMessage;
}

/** What the feed yields: every server frame (typed or untyped) and every backfilled message, in arrival order. */
export type WabbitLiveItem = WabbitLiveServerMessage | WabbitLiveUntypedMessage | WabbitLiveBackfillMessage;

/** Why the feed failed. */
export type WabbitLiveErrorKind = "auth" | "gave-up" | "backfill" | "listener";

/**
 * The live feed failed. `kind` says how: `auth` (the server refused the token: never retried),
 * `gave-up` (`reconnect.maxAttempts` reconnects in a row that did not authenticate), `backfill` (the REST backfill after a reconnect
 * failed), `listener` (an event listener threw; the feed goes on). The token is never shown.
 */
export class WabbitLiveError extends InboxKitError {
  static {
    Object.defineProperty(this.prototype, "name", { value: "WabbitLiveError", writable: true, configurable: true, enumerable: false });
  }
  /** What failed. */
  readonly kind: WabbitLiveErrorKind;
  /** Whether the feed stopped because of it (`false`: it reconnects, or goes on). */
  readonly fatal: boolean;
  constructor(kind: WabbitLiveErrorKind, message: string, options: { fatal: boolean; cause?: unknown; secrets?: readonly string[] }) {
    super(message, { cause: options.cause, secrets: options.secrets });
    this.kind = kind;
    this.fatal = options.fatal;
  }
}

/** Reconnect policy: capped exponential backoff with jitter. */
export interface WabbitLiveReconnectOptions {
  /** Delay before the first reconnect, in ms (then doubling). Default 1000. */
  readonly initialDelayMs?: number;
  /** Cap of one delay, in ms. Default 30000. */
  readonly maxDelayMs?: number;
  /** Give up (a fatal `gave-up` error) after this many reconnects in a row that do not authenticate. Default: never. */
  readonly maxAttempts?: number;
}

/** Options of {@link connectWabbitLive}. */
export interface WabbitLiveOptions {
  /** Your inbox's REST URL (`https://inbox.example.com`): the socket is `wss://websockets-<host>/`, the backfill uses `<baseUrl>/api/v1/messages/`. */
  readonly baseUrl: string;
  /** The API token (`auth.token`, or `client.session.token`), sent as the first frame `{"token": …}`. */
  readonly token: string;
  /** The WebSocket constructor. Default: the global `WebSocket`; on Node 18/20 pass `ws`'s (`import WebSocket from "ws"`). */
  readonly WebSocket?: WebSocketConstructorLike;
  /** The socket URL, instead of the one derived from `baseUrl` (a self-hosted proxy, a local test server). `wss:` (or `ws:` on loopback). */
  readonly socketUrl?: string;
  /** Stops the feed like `close()`. */
  readonly signal?: AbortSignal;
  /** Fetch what arrived while disconnected over REST after each reconnect (default `true`). */
  readonly backfill?: boolean;
  /** The REST client of the backfill (default: a token client of `baseUrl`, with `fetch`). */
  readonly client?: WabbitClient;
  /** The fetch of the default backfill client. */
  readonly fetch?: ClientOptions["fetch"];
  /** Reconnect policy. */
  readonly reconnect?: WabbitLiveReconnectOptions;
  /** A connection that is not authenticated within this many ms is dropped and retried. Default 30000. */
  readonly handshakeTimeoutMs?: number;
}

/** Information of an `authenticated` event. */
export interface WabbitLiveAuthenticated {
  /** `false` for the first connection, `true` after a reconnect. */
  readonly reconnected: boolean;
}

/** Information of a `reconnecting` event. */
export interface WabbitLiveReconnecting {
  /** Failed connections in a row so far (1 for the first retry). */
  readonly attempt: number;
  /** The wait before the next connection, in ms. */
  readonly delayMs: number;
  /** The close code of the dropped socket, when it had one. */
  readonly code: number | undefined;
  /** Why it dropped. */
  readonly reason: string;
}

/** The events of a feed and their listeners' argument. */
export interface WabbitLiveEvents {
  /** Every server frame, typed or untyped. */
  message: WabbitLiveServerMessage | WabbitLiveUntypedMessage;
  /** Every message the backfill delivered. */
  backfill: WabbitMessage;
  /** The token was accepted (after each connection). */
  authenticated: WabbitLiveAuthenticated;
  /** The socket dropped; a reconnect is scheduled. */
  reconnecting: WabbitLiveReconnecting;
  /** A failure: `error.fatal` says whether the feed stopped. */
  error: WabbitLiveError;
  /** The feed stopped for good (after `close()`, the signal, or a fatal error). */
  close: { readonly error: WabbitLiveError | undefined };
}

/** A live feed: an async iterable of {@link WabbitLiveItem}s, with events. */
export interface WabbitLive extends AsyncIterable<WabbitLiveItem> {
  /**
   * Items from the moment the iterator is created (each iterator gets every item; none is buffered
   * for iterators that do not exist yet). It ends after `close()` or the signal, and throws the
   * fatal {@link WabbitLiveError} after the items received before it. Leaving the loop (`break`)
   * does not close the feed.
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<WabbitLiveItem>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof WabbitLiveEvents>(event: K, listener: (value: WabbitLiveEvents[K]) => void): () => void;
  /** Unsubscribes a listener. */
  off<K extends keyof WabbitLiveEvents>(event: K, listener: (value: WabbitLiveEvents[K]) => void): void;
  /** Resolves when the first connection is authenticated; rejects with the fatal error, or when the feed is closed first. */
  readonly ready: Promise<void>;
  /** `connecting`, `authenticating`, `open`, `reconnecting` or `closed`. */
  readonly state: "connecting" | "authenticating" | "open" | "reconnecting" | "closed";
  /** The WebSocket URL in use. */
  readonly url: string;
  /** Stops the feed: closes the socket, cancels timers and the backfill, ends the iterators. Resolves once the socket is closed. */
  close(): Promise<void>;
}

const SUBJECT = "connectWabbitLive options";
/** Message ids remembered for de-duplication (the newest ones). */
const MAX_REMEMBERED = 10_000;
const CLOSED = 3;

/** A frame's message ids with their times: WABA's `messages`, and the inbox's message lists. */
function messagesOf(payload: Schemas["WabaWebhookPayload"]): { id: string; time: number | undefined }[] {
  const out: { id: string; time: number | undefined }[] = [];
  const time = (t: unknown): number | undefined => (typeof t === "number" ? t : typeof t === "string" && /^\d+$/.test(t) ? Number(t) : undefined);
  for (const m of payload.messages ?? []) if (typeof m.id === "string") out.push({ id: m.id, time: time(m.timestamp) });
  for (const list of [payload.incoming_messages, payload.outgoing_messages, payload.assigned_messages]) {
    for (const m of list ?? []) {
      const id = m.waba_payload?.id ?? m.id;
      if (typeof id === "string") out.push({ id, time: time(m.waba_payload?.timestamp) });
    }
  }
  return out;
}

/** A message's POSIX time (`waba_payload.timestamp`, a number or a string of digits). */
function timeOfMessage(m: WabbitMessage): number | undefined {
  const t = m.waba_payload?.timestamp;
  return typeof t === "number" ? t : typeof t === "string" && /^\d+$/.test(t) ? Number(t) : undefined;
}

/** The typed form of a frame, or the untyped pass-through. */
function classify(data: unknown): WabbitLiveServerMessage | WabbitLiveUntypedMessage {
  let frame: unknown = data;
  if (typeof data === "string") {
    try {
      frame = JSON.parse(data);
    } catch {
      return { type: "untyped", frameType: undefined, data };
    }
  }
  if (frame === null || typeof frame !== "object" || Array.isArray(frame)) return { type: "untyped", frameType: undefined, data: frame };
  const frameType = typeof (frame as { type?: unknown }).type === "string" ? ((frame as { type: string }).type) : undefined;
  // The frames the spec documents (x-websocket.serverMessages), told apart by `type`; anything else,
  // or a documented type that does not match its schema, passes through untyped.
  const known = websocketServerMessages.find((m) => m.name === frameType);
  if (!known || validate(known.schema, frame).length > 0) return { type: "untyped", frameType, data: frame };
  return frame as WabbitLiveServerMessage;
}

/** Text of a frame's data (string, bytes), or a promise of it for a Blob. */
function frameText(data: unknown): string | Promise<string> {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  if (typeof Blob !== "undefined" && data instanceof Blob) return data.text();
  return String(data);
}

/** The socket host of an inbox: `websockets-<host>`, as the doc describes. */
function derivedSocketUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (isLoopback(url.hostname) || /^[\d.]+$/.test(url.hostname) || url.hostname.startsWith("[")) {
    throw new ValidationError([{ path: "socketUrl", message: `is required when baseUrl's host is an address (${url.hostname}): the socket host websockets-<host> only exists for an inbox's DNS name` }], { subject: SUBJECT });
  }
  return `wss://websockets-${url.host}/`;
}

function checkSocketUrl(socketUrl: unknown): string {
  const fail = (message: string): never => {
    throw new ValidationError([{ path: "socketUrl", message }], { subject: SUBJECT });
  };
  if (typeof socketUrl !== "string") return fail("must be a string");
  let url: URL | undefined;
  try {
    url = new URL(socketUrl);
  } catch {
    /* reported below */
  }
  if (!url) return fail("is not an absolute URL");
  if (url.username || url.password) fail("must not contain a user name or password");
  if (url.protocol !== "wss:" && !(url.protocol === "ws:" && isLoopback(url.hostname))) fail("must use wss: (plain ws: only for localhost / 127.0.0.1 / [::1]): the token travels over it");
  return url.href;
}

/**
 * Connects to an inbox's live websocket feed. Returns at once; the first connection starts
 * immediately (see `ready`).
 *
 * After the socket opens, the client sends `{"token": …}`. A `token` frame with `status: "failed"`
 * (or a `response` frame to the token) is a fatal `WabbitLiveError` of kind `auth`: the feed stops
 * instead of retrying a bad token. Every other drop reconnects with capped, jittered exponential
 * backoff. After a reconnect, the messages that arrived meanwhile are fetched over REST
 * (`messages.list.follow({ since_time })` from the newest message seen, or from the first
 * connection) and delivered as `{ type: "backfill", message }`, skipping every message id already
 * delivered; live frames that arrive during the backfill are held until it is done, and their
 * new-message entries already delivered by it are removed. A message thus reaches the consumer once
 * across drops. Frames of undocumented types pass through as `{ type: "untyped", frameType, data }`.
 *
 * ```ts
 * const live = connectWabbitLive({ baseUrl: "https://inbox.example.com", token });
 * for await (const item of live) {
 *   if (item.type === "waba_webhook") for (const m of item.waba_payload.messages ?? []) console.log(m.from, m.text?.body);
 *   else if (item.type === "backfill") console.log("while away:", item.message.waba_payload?.id);
 * }
 * ```
 * Frames delivered over the socket do not mark messages as received (unlike HTTP webhooks).
 * @throws {ValidationError} at once for a missing token, an unsafe `baseUrl` or `socketUrl`, or no WebSocket implementation.
 */
export function connectWabbitLive(options: WabbitLiveOptions): WabbitLive {
  const issues: ValidationIssue[] = [];
  const opts = (options ?? {}) as Partial<WabbitLiveOptions>;
  const token = opts.token;
  const secrets = typeof token === "string" && token ? [token] : [];
  if (typeof token !== "string" || token.trim() === "") issues.push({ path: "token", message: "must be a non-empty string (the API token)" });
  if (typeof opts.baseUrl !== "string") issues.push({ path: "baseUrl", message: "is required: the URL of your inbox" });
  const Socket = opts.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructorLike }).WebSocket;
  if (typeof Socket !== "function") issues.push({ path: "WebSocket", message: "this runtime has no built-in WebSocket (Node < 22): pass one, e.g. `import WebSocket from \"ws\"` and `{ WebSocket }`" });
  const reconnect = opts.reconnect ?? {};
  for (const [name, value] of [["reconnect.initialDelayMs", reconnect.initialDelayMs], ["reconnect.maxDelayMs", reconnect.maxDelayMs], ["handshakeTimeoutMs", opts.handshakeTimeoutMs]] as const) {
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value >= 0)) issues.push({ path: name, message: "must be a finite number >= 0" });
  }
  const signal = opts.signal as { aborted?: unknown; addEventListener?: unknown } | undefined;
  if (signal !== undefined && (signal === null || typeof signal.aborted !== "boolean" || typeof signal.addEventListener !== "function")) issues.push({ path: "signal", message: "must be an AbortSignal" });
  if (reconnect.maxAttempts !== undefined && !(Number.isInteger(reconnect.maxAttempts) && reconnect.maxAttempts >= 1)) issues.push({ path: "reconnect.maxAttempts", message: "must be an integer >= 1" });
  if (issues.length) throw new ValidationError(issues, { subject: SUBJECT, secrets });
  const baseUrl = checkBaseUrl(opts.baseUrl as string);
  const url = opts.socketUrl !== undefined ? checkSocketUrl(opts.socketUrl) : derivedSocketUrl(baseUrl);
  const Constructor = Socket as WebSocketConstructorLike;
  const policy = resolveRetry({ initialDelayMs: reconnect.initialDelayMs ?? 1000, maxDelayMs: reconnect.maxDelayMs ?? 30_000 });
  const maxAttempts = reconnect.maxAttempts ?? Number.POSITIVE_INFINITY;
  const handshakeTimeoutMs = opts.handshakeTimeoutMs ?? 30_000;
  const backfillEnabled = opts.backfill !== false;

  // ----- state -----
  type State = WabbitLive["state"];
  let state: State = "connecting";
  let socket: WebSocketLike | undefined;
  let generation = 0;
  let attempts = 0;
  let everAuthenticated = false;
  let handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let fatal: WabbitLiveError | undefined;
  /** The newest message time seen (POSIX seconds, the server's clock). */
  let lastTime: number | undefined;
  /** Where a backfill starts when no message was seen: the newest message when the feed started, else the local time then. */
  let anchorTime: number | undefined;
  /** The time the next backfill starts from; set at a drop, cleared when a backfill completes. */
  let backfillFrom: number | undefined;
  let backfilling: AbortController | undefined;
  let anchoring: AbortController | undefined;
  /** Live frames held while a backfill runs. */
  let held: (WabbitLiveServerMessage | WabbitLiveUntypedMessage)[] | undefined;
  /** Ids of messages delivered live (any list) and by the backfill. */
  const seenLive = new Map<string, true>();
  const backfilled = new Map<string, true>();
  let restClient: WabbitClient | undefined = opts.client;
  let closedResolve: (() => void) | undefined;
  let closedPromise: Promise<void> | undefined;

  const remember = (map: Map<string, true>, id: string): void => {
    map.delete(id);
    map.set(id, true);
    if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value as string);
  };
  const noteTime = (time: number | undefined): void => {
    if (time !== undefined && Number.isSafeInteger(time) && (lastTime === undefined || time > lastTime)) lastTime = time;
  };

  // ----- events -----
  type Listener = (value: unknown) => void;
  const listeners = new Map<keyof WabbitLiveEvents, Set<Listener>>();
  function emit<K extends keyof WabbitLiveEvents>(event: K, value: WabbitLiveEvents[K]): void {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(value);
      } catch (cause) {
        if (event !== "error") emit("error", new WabbitLiveError("listener", `A wabbit live "${event}" listener threw; the feed goes on`, { fatal: false, cause, secrets }));
      }
    }
  }

  // ----- iterators -----
  interface Subscriber {
    readonly items: WabbitLiveItem[];
    readonly waiters: (() => void)[];
    ended: boolean;
  }
  const subscribers = new Set<Subscriber>();
  const wake = (sub: Subscriber): void => {
    for (const resolve of sub.waiters.splice(0)) resolve();
  };
  const push = (item: WabbitLiveItem): void => {
    for (const sub of subscribers) {
      sub.items.push(item);
      wake(sub);
    }
  };
  const wakeAll = (): void => {
    for (const sub of subscribers) wake(sub);
  };

  function deliverFrame(frame: WabbitLiveServerMessage | WabbitLiveUntypedMessage): void {
    if (frame.type === "waba_webhook") {
      const stripped = stripBackfilled(frame);
      if (!stripped) return;
      frame = stripped;
      for (const { id, time } of messagesOf(frame.waba_payload)) {
        remember(seenLive, id);
        noteTime(time);
      }
    }
    push(frame);
    emit("message", frame);
  }

  /** The frame without the new-message entries the backfill already delivered (`undefined`: nothing left). */
  function stripBackfilled(frame: WabbitLiveWebhookMessage): WabbitLiveWebhookMessage | undefined {
    if (backfilled.size === 0) return frame;
    const payload = { ...frame.waba_payload } as Record<string, unknown>;
    let changed = false;
    const idOf = (key: string, m: unknown): unknown => (key === "messages" ? (m as { id?: unknown }).id : ((m as { waba_payload?: { id?: unknown } }).waba_payload?.id ?? (m as { id?: unknown }).id));
    for (const key of ["messages", "incoming_messages", "outgoing_messages"]) {
      const list = payload[key];
      if (!Array.isArray(list)) continue;
      const kept = list.filter((m) => {
        const id = idOf(key, m);
        return !(typeof id === "string" && backfilled.has(id));
      });
      if (kept.length === list.length) continue;
      changed = true;
      if (kept.length) payload[key] = kept;
      else delete payload[key];
    }
    if (!changed) return frame;
    // What is left only described the senders of the removed messages: nothing new for the consumer.
    if (Object.keys(payload).every((key) => key === "contacts")) return undefined;
    return { ...frame, waba_payload: payload as Schemas["WabaWebhookPayload"] };
  }

  function onFrame(gen: number, data: unknown): void {
    if (gen !== generation || state === "closed") return;
    const text = frameText(data);
    if (typeof text !== "string") {
      // A Blob (a runtime that ignored binaryType) is read first, so it may come after frames that
      // arrived later; the protocol itself sends no binary frames.
      text.then(
        (t) => onFrame(gen, t),
        () => onFrame(gen, ""),
      );
      return;
    }
    const frame = classify(text);
    if (state === "authenticating" && (frame.type === "token" || frame.type === "response")) {
      if (frame.type === "token" && frame.status === "success") {
        authenticated(gen, frame);
        return;
      }
      const said = typeof frame.message === "string" && frame.message ? `: ${frame.message}` : "";
      deliverFrame(frame);
      fail(new WabbitLiveError("auth", `The wabbit websocket refused the token (${frame.type} ${frame.status ?? "without status"}${said}); not reconnecting`, { fatal: true, secrets }));
      return;
    }
    if (held) held.push(frame);
    else deliverFrame(frame);
  }

  function authenticated(gen: number, frame: WabbitLiveTokenMessage): void {
    clearTimeout(handshakeTimer);
    handshakeTimer = undefined;
    state = "open";
    attempts = 0;
    const reconnected = everAuthenticated;
    if (!everAuthenticated) {
      everAuthenticated = true;
      anchorTime = Math.floor(Date.now() / 1000);
      if (backfillEnabled) void anchor();
      readyResolve();
    }
    deliverFrame(frame);
    emit("authenticated", { reconnected });
    if (reconnected && backfillEnabled && backfillFrom !== undefined) void runBackfill(gen, backfillFrom);
  }

  function rest(): WabbitClient {
    restClient ??= createWabbitClient({ baseUrl, token: token as string, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
    return restClient;
  }

  /**
   * Anchors the backfill on the server's clock: the newest messages when the feed started (not
   * delivered, only remembered), so that a backfill before any live message starts from the newest
   * message the server had rather than from the local time. Best effort: on failure, or when the
   * socket dropped before the answer, the local time of the first authentication stays the anchor.
   */
  async function anchor(): Promise<void> {
    const gen = generation;
    const controller = new AbortController();
    anchoring = controller;
    try {
      const page = await rest().messages.list({ limit: 50 }, { signal: controller.signal });
      // Only an answer given while this first connection is up: after a drop, the page could hold
      // messages that arrived while disconnected, which must come from the backfill.
      if (gen !== generation || state !== "open") return;
      let newest: number | undefined;
      for (const m of page.results) {
        const id = m.waba_payload?.id ?? m.id;
        if (typeof id === "string") remember(seenLive, id);
        const t = timeOfMessage(m);
        if (t !== undefined && (newest === undefined || t > newest)) newest = t;
      }
      if (newest !== undefined) anchorTime = newest;
    } catch {
      /* the local time of the first connection stays the anchor */
    } finally {
      if (anchoring === controller) anchoring = undefined;
    }
  }

  async function runBackfill(gen: number, since: number): Promise<void> {
    const controller = new AbortController();
    backfilling = controller;
    held = [];
    try {
      for await (const message of rest().messages.list.follow({ since_time: since, limit: 100 }, { signal: controller.signal })) {
        if (controller.signal.aborted) break;
        const id = message.waba_payload?.id ?? message.id;
        if (typeof id === "string") {
          if (seenLive.has(id) || backfilled.has(id)) continue;
          remember(backfilled, id);
        }
        noteTime(timeOfMessage(message));
        const item: WabbitLiveBackfillMessage = { type: "backfill", message };
        push(item);
        emit("backfill", message);
      }
      if (!controller.signal.aborted) backfillFrom = undefined;
    } catch (cause) {
      if (controller.signal.aborted || gen !== generation || state === "closed") return;
      const retryable = ServerError.is(cause) || ConnectionError.is(cause) || TimeoutError.is(cause) || (APIError.is(cause) && (cause.status === 429 || cause.status === 408));
      const error = new WabbitLiveError("backfill", `The wabbit backfill after a reconnect failed${retryable ? "; reconnecting to try again" : ""}: ${cause instanceof Error ? cause.message : String(cause)}`, { fatal: !retryable, cause, secrets });
      if (!retryable) {
        flushHeld();
        fail(error);
        return;
      }
      emit("error", error);
      flushHeld();
      // A new connection brings a new backfill from the same time.
      socket?.close(4000, "backfill failed");
      return;
    } finally {
      if (backfilling === controller) backfilling = undefined;
    }
    flushHeld();
  }

  function flushHeld(): void {
    const frames = held ?? [];
    held = undefined;
    for (const frame of frames) deliverFrame(frame);
  }

  // ----- connections -----
  function connect(): void {
    const gen = ++generation;
    state = everAuthenticated || attempts > 0 ? "reconnecting" : "connecting";
    let ws: WebSocketLike;
    try {
      ws = new Constructor(url);
    } catch (cause) {
      dropped(gen, undefined, `could not open the socket: ${cause instanceof Error ? cause.message : String(cause)}`);
      return;
    }
    socket = ws;
    try {
      ws.binaryType = "arraybuffer";
    } catch {
      /* not settable: Blobs are read as text */
    }
    ws.addEventListener("open", () => {
      if (gen !== generation || state === "closed") return;
      state = "authenticating";
      try {
        ws.send(JSON.stringify({ token }));
      } catch (cause) {
        dropped(gen, undefined, `could not send the token frame: ${cause instanceof Error ? cause.message : String(cause)}`);
      }
    });
    ws.addEventListener("message", (event: { data?: unknown }) => onFrame(gen, event?.data));
    // Errors are followed by a close event; the listener stays so that `ws` never throws an unhandled 'error'.
    ws.addEventListener("error", () => {});
    ws.addEventListener("close", (event: { code?: number; reason?: string }) => {
      if (gen === generation && closedResolve && state === "closed") {
        closedResolve();
        return;
      }
      dropped(gen, event?.code, event?.reason ? `closed (${event.code}: ${event.reason})` : `closed (${event?.code ?? "no code"})`);
    });
    clearTimeout(handshakeTimer);
    handshakeTimer = setTimeout(() => {
      if (gen !== generation || state === "open" || state === "closed") return;
      dropped(gen, undefined, `not authenticated within ${handshakeTimeoutMs} ms`);
    }, handshakeTimeoutMs);
  }

  function dropped(gen: number, code: number | undefined, reason: string): void {
    if (gen !== generation || state === "closed") return;
    generation++; // late events of this socket are ignored from now on
    clearTimeout(handshakeTimer);
    handshakeTimer = undefined;
    const old = socket;
    socket = undefined;
    if (old && old.readyState !== CLOSED) {
      try {
        old.close(4000, "reconnecting");
      } catch {
        /* already closing */
      }
    }
    if (backfilling) {
      backfilling.abort();
      backfilling = undefined;
      flushHeld();
    }
    if (everAuthenticated && backfillFrom === undefined) backfillFrom = lastTime ?? anchorTime;
    attempts++;
    if (attempts > maxAttempts) {
      fail(new WabbitLiveError("gave-up", `The wabbit websocket did not come back after ${maxAttempts} reconnect(s) in a row (last: ${reason}); giving up (reconnect.maxAttempts)`, { fatal: true, secrets }));
      return;
    }
    const delayMs = backoffDelay(policy, attempts - 1);
    state = "reconnecting";
    emit("reconnecting", { attempt: attempts, delayMs, code, reason });
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      if (state !== "closed") connect();
    }, delayMs);
  }

  // ----- ending -----
  let readyResolve!: () => void;
  let readyReject!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  ready.catch(() => {}); // awaited or not, it never becomes an unhandled rejection

  function stop(error: WabbitLiveError | undefined): Promise<void> {
    if (state === "closed") return closedPromise ?? Promise.resolve();
    state = "closed";
    fatal = error;
    unlinkSignal();
    clearTimeout(handshakeTimer);
    clearTimeout(reconnectTimer);
    handshakeTimer = reconnectTimer = undefined;
    if (backfilling) {
      backfilling.abort();
      backfilling = undefined;
    }
    anchoring?.abort();
    anchoring = undefined;
    if (held) flushHeld();
    const ws = socket;
    socket = undefined;
    closedPromise =
      ws && ws.readyState !== CLOSED
        ? new Promise<void>((resolve) => {
            // A socket that never reports its close (a broken implementation) does not hold the caller forever.
            const fallback = setTimeout(resolve, 5000);
            closedResolve = () => {
              clearTimeout(fallback);
              resolve();
            };
            try {
              ws.close(1000, "closed by the client");
            } catch {
              closedResolve();
            }
          })
        : Promise.resolve();
    if (!everAuthenticated) readyReject(error ?? new AbortError("The wabbit live feed was closed before it was authenticated"));
    for (const sub of subscribers) sub.ended = true;
    wakeAll();
    if (error) emit("error", error);
    emit("close", { error });
    return closedPromise;
  }

  function fail(error: WabbitLiveError): void {
    void stop(error);
  }

  let unlinkSignal = (): void => {};

  const live: WabbitLive = {
    get state() {
      return state;
    },
    url,
    ready,
    close: () => stop(undefined),
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = set;
      entry.add(listener as Listener);
      return () => void entry.delete(listener as Listener);
    },
    off(event, listener) {
      listeners.get(event)?.delete(listener as Listener);
    },
    [Symbol.asyncIterator](): AsyncIterableIterator<WabbitLiveItem> {
      const sub: Subscriber = { items: [], waiters: [], ended: state === "closed" };
      let thrown = false;
      if (!sub.ended) subscribers.add(sub);
      const iterator: AsyncIterableIterator<WabbitLiveItem> = {
        async next(): Promise<IteratorResult<WabbitLiveItem>> {
          for (;;) {
            const item = sub.items.shift();
            if (item !== undefined) return { value: item, done: false };
            if (sub.ended) {
              subscribers.delete(sub);
              if (fatal && !thrown) {
                thrown = true;
                throw fatal;
              }
              return { value: undefined, done: true };
            }
            await new Promise<void>((resolve) => sub.waiters.push(resolve));
          }
        },
        async return(): Promise<IteratorResult<WabbitLiveItem>> {
          sub.ended = true;
          sub.items.length = 0;
          thrown = true;
          subscribers.delete(sub);
          wake(sub);
          return { value: undefined, done: true };
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    },
  };

  if (opts.signal?.aborted) {
    void stop(undefined);
    return live;
  }
  unlinkSignal = onAbort(opts.signal, () => void stop(undefined));
  connect();
  return live;
}
