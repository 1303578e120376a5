// A scripted wabbit inbox for the unit tests: a fetch that records every request and answers with
// the handler's Response, plus a DRF-style message store that pages by time like the real API
// (newest first, `before_time` exclusive, `since_time` inclusive, `offset`/`limit`).
import type { WabbitMessage } from "../src/index.js";

export const BASE = "https://inbox.example.com";

export interface Call {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null | undefined;
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** A fetch that records each call and answers with `handle` (a 404 when it returns nothing). */
export function scripted(handle: (call: Call) => Response | undefined | Promise<Response | undefined>) {
  const calls: Call[] = [];
  const fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const call: Call = { url: new URL(input), method: init.method ?? "GET", headers: new Headers(init.headers), body: init.body };
    calls.push(call);
    return (await handle(call)) ?? json({ detail: "Not found." }, 404);
  };
  return { fetch, calls };
}

/** A message of the store: its WABA id and POSIX time. */
export function message(id: string, timestamp: number, extra: Partial<WabbitMessage> = {}): WabbitMessage {
  return {
    waba_payload: { from: "48123123123", id, timestamp: String(timestamp), type: "text", text: { body: `message ${id}` } },
    customer_wa_id: "48123123123",
    from_us: false,
    received: false,
    sender: null,
    ...extra,
  };
}

/**
 * The `GET /api/v1/messages/` of a real inbox over `messages`: newest first (ties in a stable order),
 * `before_time` exclusive, `since_time` inclusive, then `offset` and `limit` (default 20), with DRF's
 * `{count, next, previous, results}` envelope.
 */
export function messagesPage(messages: readonly WabbitMessage[], query: URLSearchParams, base = BASE): Response {
  const time = (m: WabbitMessage) => Number(m.waba_payload?.timestamp);
  const before = query.get("before_time");
  const since = query.get("since_time");
  const offset = Number(query.get("offset") ?? 0);
  const limit = Number(query.get("limit") ?? 20);
  const matching = messages
    .map((m, index) => ({ m, index }))
    .filter(({ m }) => (before === null || time(m) < Number(before)) && (since === null || time(m) >= Number(since)))
    .sort((a, b) => time(b.m) - time(a.m) || a.index - b.index)
    .map(({ m }) => m);
  const results = matching.slice(offset, offset + limit);
  const nextQuery = new URLSearchParams(query);
  nextQuery.set("offset", String(offset + limit));
  const next = offset + limit < matching.length ? `${base}/api/v1/messages/?${nextQuery}` : null;
  return json({ count: matching.length, next, previous: null, results });
}
