/**
 * Rate-limit state read from response headers, and the optional wait it enables.
 * @module
 */

/** The rate-limit budget as the API last reported it. */
export interface RateLimitState {
  /** The ceiling of the current window (`X-RateLimit-Limit` / `X-Rate-Limit-Limit`). */
  readonly limit: number | undefined;
  /** Requests left in the window (`…-Remaining`). */
  readonly remaining: number | undefined;
  /** When the window resets (`…-Reset`, epoch seconds), as epoch milliseconds. */
  readonly resetAt: number | undefined;
  /** Until when the API asked us to pause (`Retry-After` on a 429), as epoch milliseconds. */
  readonly blockedUntil: number | undefined;
}

function num(headers: Headers, a: string, b: string): number | undefined {
  const raw = headers.get(a) ?? headers.get(b);
  if (raw === null || raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Tracks the latest rate-limit headers of one client. */
export class RateLimitTracker {
  #state: RateLimitState = { limit: undefined, remaining: undefined, resetAt: undefined, blockedUntil: undefined };

  /** The latest state (a fresh object; safe to keep). */
  get state(): RateLimitState {
    return { ...this.#state };
  }

  /** Reads `X-RateLimit-*` / `X-Rate-Limit-*` headers from a response; `false` when it had none (the state is kept). */
  update(headers: Headers): boolean {
    const remaining = num(headers, "x-ratelimit-remaining", "x-rate-limit-remaining");
    if (remaining === undefined) return false;
    const reset = num(headers, "x-ratelimit-reset", "x-rate-limit-reset");
    this.#state = {
      limit: num(headers, "x-ratelimit-limit", "x-rate-limit-limit"),
      remaining,
      resetAt: reset !== undefined && reset > 1e9 ? reset * 1000 : undefined,
      blockedUntil: this.#state.blockedUntil,
    };
    return true;
  }

  /**
   * How long the API's own report says to hold every request: until the reset when `remaining` is 0
   * and a reset time is known (0 otherwise). Unlike {@link waitMs}, ignores `blockedUntil`.
   */
  exhaustedMs(now: number = Date.now()): number {
    const s = this.#state;
    return s.remaining === 0 && s.resetAt !== undefined && s.resetAt > now ? s.resetAt - now : 0;
  }

  /** Records that the API asked to pause for `ms` (a 429's `Retry-After`). */
  block(ms: number, now: number = Date.now()): void {
    const until = now + ms;
    if (!this.#state.blockedUntil || until > this.#state.blockedUntil) this.#state = { ...this.#state, blockedUntil: until };
  }

  /**
   * How long to wait before the next request so as not to provoke a 429: until `blockedUntil`, or
   * until the reset when the remaining budget is 0. 0 when nothing is known or the wait is over.
   */
  waitMs(now: number = Date.now()): number {
    const s = this.#state;
    let wait = 0;
    if (s.blockedUntil !== undefined && s.blockedUntil > now) wait = s.blockedUntil - now;
    if (s.remaining === 0 && s.resetAt !== undefined && s.resetAt > now) wait = Math.max(wait, s.resetAt - now);
    return wait;
  }
}
