// The fault cases: what the server does, and what the client must make of it — for the safe call
// (idempotent, retried) and for the send (never sent twice once it may have reached the server).
// The clients run with maxRetries 2, so a fault on every attempt means 3 attempts of a safe call.
import type { ServerResponse } from "node:http";
import { cutAfterHeaders, html, redirect, reset, send, stallBody, truncatedJson, type Handler, type Received } from "./server.js";

/** What a call must come to. */
export interface Expectation {
  /** Requests the server saw (logins excluded). */
  readonly attempts: number;
  /** The error class name, or `undefined` for success. */
  readonly error?: string;
  /** Extra checks on the waits the client asked for (its injected sleep) or the error. */
  readonly check?: (run: { waits: readonly number[]; error: unknown }) => void;
}

export interface FaultCase {
  readonly name: string;
  /** The server's script, given the origin of the second ("other") server. */
  readonly handler: (other: string) => Handler;
  readonly safe: Expectation;
  readonly send: Expectation;
  /** The client's per-attempt timeout for this case (default 2000 ms; stalls use a short one). */
  readonly timeoutMs?: number;
}

/** The credential the request carried, echoed back in error bodies so that redaction is exercised. */
const echo = (req: Received): string => String(req.headers.authorization ?? req.headers["api_access_token"] ?? "");
const ok = (res: ServerResponse): void => send(res, 200, { status: "success", data: { id: 1, name: "ok" }, message: "ok" });
const failure = (req: Received, code: string) => ({ status: "error", message: `failed for ${echo(req)}`, error: { code, message: `credential ${echo(req)} was used` } });
const between = (low: number, high: number) => (run: { waits: readonly number[] }) => {
  const first = run.waits[0];
  if (first === undefined || first < low || first > high) throw new Error(`expected the first wait in [${low}, ${high}] ms, got ${JSON.stringify(run.waits)}`);
};
const firstThen = (fault: (req: Received, res: ServerResponse) => void): ((other: string) => Handler) => () => (req, res, n) => (n === 1 ? fault(req, res) : ok(res));
const always = (fault: (req: Received, res: ServerResponse) => void): ((other: string) => Handler) => () => (req, res) => fault(req, res);

const BAD_GATEWAY = (req: Received) => `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>upstream said ${echo(req)}</p></body></html>`;

export const FAULT_CASES: readonly FaultCase[] = [
  {
    name: "429 with Retry-After in seconds, then 200",
    handler: firstThen((req, res) => send(res, 429, failure(req, "too_many_requests"), { "retry-after": "1" })),
    safe: { attempts: 2, check: between(1000, 1000) },
    send: { attempts: 1, error: "RateLimitError" },
  },
  {
    name: "429 with Retry-After as an HTTP date, then 200",
    handler: firstThen((req, res) => send(res, 429, failure(req, "too_many_requests"), { "retry-after": new Date(Date.now() + 2000).toUTCString() })),
    safe: { attempts: 2, check: between(900, 2000) },
    send: { attempts: 1, error: "RateLimitError" },
  },
  {
    name: "429 with a reset epoch (X-RateLimit-Reset), then 200",
    handler: firstThen((req, res) => send(res, 429, failure(req, "too_many_requests"), { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3) })),
    safe: { attempts: 2, check: between(900, 3000) },
    send: { attempts: 1, error: "RateLimitError" },
  },
  {
    name: "503, then 200",
    handler: firstThen((req, res) => send(res, 503, failure(req, "unavailable"))),
    safe: { attempts: 2 },
    send: { attempts: 1, error: "ServerError" },
  },
  {
    name: "500 every time, the body echoing the credential",
    handler: always((req, res) => send(res, 500, failure(req, "server_error"))),
    safe: { attempts: 3, error: "ServerError" },
    send: { attempts: 1, error: "ServerError" },
  },
  {
    name: "connection reset before the response, then 200",
    handler: firstThen((_req, res) => reset(res)),
    safe: { attempts: 2 },
    send: { attempts: 1, error: "ConnectionError" },
  },
  {
    name: "connection reset before the response, every time",
    handler: always((_req, res) => reset(res)),
    safe: { attempts: 3, error: "ConnectionError" },
    send: { attempts: 1, error: "ConnectionError" },
  },
  {
    name: "connection reset after the headers, then 200",
    handler: firstThen((_req, res) => cutAfterHeaders(res)),
    safe: { attempts: 2 },
    send: { attempts: 1, error: "ConnectionError" },
  },
  {
    name: "stalled headers",
    handler: always(() => undefined),
    timeoutMs: 250,
    safe: { attempts: 3, error: "TimeoutError" },
    send: { attempts: 1, error: "TimeoutError" },
  },
  {
    name: "stalled body",
    handler: always((_req, res) => stallBody(res)),
    timeoutMs: 250,
    safe: { attempts: 3, error: "TimeoutError" },
    send: { attempts: 1, error: "TimeoutError" },
  },
  {
    name: "truncated JSON in a 200, then 200",
    handler: firstThen((_req, res) => truncatedJson(res)),
    safe: { attempts: 2 },
    send: { attempts: 1, error: "ResponseParseError" },
  },
  {
    name: "an HTML error page (502) every time",
    handler: always((req, res) => html(res, 502, BAD_GATEWAY(req))),
    safe: {
      attempts: 3,
      error: "ServerError",
      check: ({ error }) => {
        if (!/failed with 502: 502 Bad Gateway$/.test((error as Error).message)) throw new Error(`message: ${(error as Error).message}`);
      },
    },
    send: { attempts: 1, error: "ServerError" },
  },
  ...[302, 303, 307, 308].map(
    (status): FaultCase => ({
      name: `${status} to the same origin`,
      handler: () => (req, res, n) => (n === 1 ? redirect(res, status, "/moved/here") : ok(res)),
      safe: status >= 307 ? { attempts: 2 } : { attempts: 1, error: "RedirectError" },
      send: { attempts: 1, error: "RedirectError" },
    }),
  ),
  ...[302, 303, 307, 308].map(
    (status): FaultCase => ({
      name: `${status} to another origin`,
      handler: (other) => (_req, res) => redirect(res, status, `${other}/collect?from=redirect`),
      safe: { attempts: 1, error: "RedirectError" },
      send: { attempts: 1, error: "RedirectError" },
    }),
  ),
];

/** Inputs refused before anything is sent: each must be a ValidationError and reach no server. */
export const HOSTILE_CHARACTERS: readonly [string, string][] = [
  ["NUL", "\u0000"],
  ["DEL", "\u007f"],
  ["ESC", "\u001b"],
  ["CR LF", "\r\nX-Injected: 1"],
];
