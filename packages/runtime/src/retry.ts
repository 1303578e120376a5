/**
 * Retry policy: which failures are retried, and how long to wait between attempts.
 * @module
 */

/** How a client retries failed requests. Pass `false` instead to turn retries off. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  readonly maxRetries?: number;
  /** Base delay of the exponential backoff, in ms. Default 500. */
  readonly initialDelayMs?: number;
  /** Cap of one computed backoff delay, in ms. Default 8000. */
  readonly maxDelayMs?: number;
  /** Cap of a server-requested wait (`Retry-After`, rate-limit reset), in ms. Default 60000. */
  readonly maxRetryAfterMs?: number;
  /** Statuses retried (for requests that are safe to repeat). Default 408, 429, 500, 502, 503, 504. */
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

/** The defaults: 2 retries, 0.5 s doubling up to 8 s, server waits capped at 60 s. */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
  statuses: new Set([408, 429, 500, 502, 503, 504]),
});

/** Resolves user options (or `false` = no retries) against {@link DEFAULT_RETRY}. */
export function resolveRetry(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { ...DEFAULT_RETRY, maxRetries: 0 };
  if (!options) return DEFAULT_RETRY;
  return {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY.maxRetries,
    initialDelayMs: options.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs,
    statuses: options.statuses ? new Set(options.statuses) : DEFAULT_RETRY.statuses,
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

/**
 * How long the server asked to wait, in ms, from `Retry-After` (seconds or an HTTP date),
 * `Retry-After-Ms`, or a reset header in epoch seconds (`X-RateLimit-Reset`, `X-Rate-Limit-Reset`).
 * `undefined` when the response says nothing usable.
 */
export function serverDelay(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "" && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const after = headers.get("retry-after");
  if (after !== null && after.trim() !== "") {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get("x-ratelimit-reset") ?? headers.get("x-rate-limit-reset");
  if (reset !== null) {
    const epoch = Number(reset);
    if (Number.isFinite(epoch) && epoch > 1e9) return Math.max(0, epoch * 1000 - now);
  }
  return undefined;
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
