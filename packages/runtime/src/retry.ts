/**
 * Retry policy: which failures are retried, and how long to wait between attempts.
 *
 * Only requests that are safe to repeat (GET, or `x-idempotent: true`) are retried after the server
 * may have seen them: on 408, 409, 429 and 5xx, on a timeout, a reset connection or a cut or garbled
 * body. A request that is not safe to repeat is retried only when its connection failed before
 * anything was sent. The server has the last word: `x-should-retry: false` forbids any retry and
 * `x-should-retry: true` asks for one (of a safe request), and its `Retry-After` sets the wait.
 * @module
 */

/** How a client (or one call) retries failed requests. Pass `false` instead to turn retries off. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  readonly maxRetries?: number;
  /** Base delay of the exponential backoff, in ms. Default 500. */
  readonly initialDelayMs?: number;
  /** Cap of one computed backoff delay, in ms. Default 8000. */
  readonly maxDelayMs?: number;
  /** Cap of a server-requested wait (`Retry-After`, rate-limit reset), in ms. Default 60000. */
  readonly maxRetryAfterMs?: number;
  /** Statuses retried (for requests that are safe to repeat). Default 408, 409, 429 and every 5xx. */
  readonly statuses?: readonly number[];
}

/** A fully resolved {@link RetryOptions}. */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly statuses: ReadonlySet<number>;
}

/** The defaults: 2 retries, 0.5 s doubling up to 8 s, server waits capped at 60 s; 408, 409, 429, 5xx. */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
  statuses: new Set([408, 409, 429, ...Array.from({ length: 100 }, (_, i) => 500 + i)]),
});

/**
 * Resolves options (or `false` = no retries) against `base` (the client's policy for a per-call
 * override; {@link DEFAULT_RETRY} for the client's own).
 */
export function resolveRetry(options: RetryOptions | false | undefined, base: RetryPolicy = DEFAULT_RETRY): RetryPolicy {
  if (options === false) return { ...base, maxRetries: 0 };
  if (!options) return base;
  return {
    maxRetries: options.maxRetries ?? base.maxRetries,
    initialDelayMs: options.initialDelayMs ?? base.initialDelayMs,
    maxDelayMs: options.maxDelayMs ?? base.maxDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? base.maxRetryAfterMs,
    statuses: options.statuses ? new Set(options.statuses) : base.statuses,
  };
}

/**
 * Backoff before retry number `retry` (0-based): `min(maxDelay, initial * 2^retry)` scaled by a
 * random factor in [0.75, 1] so that many clients do not retry in lockstep.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** retry);
  return Math.round(base * (1 - random() * 0.25));
}

/** Epoch seconds (or milliseconds, for values past 1e12) to a wait from `now`. */
function untilEpoch(value: number, now: number): number | undefined {
  if (value > 1e12) return Math.max(0, value - now);
  if (value > 1e9) return Math.max(0, value * 1000 - now);
  return undefined;
}

/**
 * How long the server asked to wait, in ms: `Retry-After-Ms`, `Retry-After` (seconds or an HTTP
 * date), and — when `rateLimited` (a 429) — a reset header: `X-RateLimit-Reset` /
 * `X-Rate-Limit-Reset` in epoch seconds (or ms), or the IETF `RateLimit-Reset` in seconds from now.
 * `undefined` when the response says nothing usable.
 */
export function serverDelay(headers: Headers, now: number = Date.now(), rateLimited = true): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "" && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const after = headers.get("retry-after");
  if (after !== null && after.trim() !== "") {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (!rateLimited) return undefined;
  const reset = headers.get("x-ratelimit-reset") ?? headers.get("x-rate-limit-reset");
  if (reset !== null && reset.trim() !== "") {
    const wait = untilEpoch(Number(reset), now);
    if (wait !== undefined) return wait;
  }
  const delta = headers.get("ratelimit-reset");
  if (delta !== null && delta.trim() !== "" && Number.isFinite(Number(delta))) return Math.max(0, Number(delta) * 1000);
  return undefined;
}

/**
 * Whether a response with `status` is retried: never when the server sent `x-should-retry: false`
 * or the request is not safe to repeat; always (for a safe request) on `x-should-retry: true`;
 * otherwise when the policy lists the status.
 */
export function shouldRetryStatus(policy: RetryPolicy, status: number, headers: Headers, idempotent: boolean): boolean {
  const flag = headers.get("x-should-retry")?.trim().toLowerCase();
  if (flag === "false" || !idempotent) return false;
  return flag === "true" || policy.statuses.has(status);
}

/** Codes of network errors raised before any byte of the request was sent: always safe to retry. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * Whether a network error certainly happened before the request reached the server (so even a
 * non-idempotent send may be retried). Looks at the `code` of the error and of its causes.
 */
export function failedBeforeSending(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NOT_SENT_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
