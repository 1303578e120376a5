/**
 * A client-side request budget: at most `requests` requests in any `intervalMs` window.
 * @module
 */

/** The budget a client keeps to, e.g. Desk360's documented 60 requests a minute. */
export interface RequestBudgetOptions {
  /** Requests allowed per window. */
  readonly requests: number;
  /** Window length in ms. */
  readonly intervalMs: number;
}

/**
 * A sliding-window limiter. `acquire()` resolves when a request may start; callers queue in order.
 * Because every window of `intervalMs` holds at most `requests` starts, a server counting fixed or
 * sliding windows of the same length never sees more than it allows.
 */
export class RequestBudget {
  readonly requests: number;
  readonly intervalMs: number;
  /** Start times of the most recent requests, oldest first (at most `requests`). */
  readonly #starts: number[] = [];
  #queue: Promise<void> = Promise.resolve();
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: RequestBudgetOptions, clock?: { now?: () => number; sleep?: (ms: number) => Promise<void> }) {
    if (!(options.requests >= 1) || !(options.intervalMs > 0)) throw new RangeError("requestBudget needs requests >= 1 and intervalMs > 0");
    this.requests = Math.floor(options.requests);
    this.intervalMs = options.intervalMs;
    this.#now = clock?.now ?? Date.now;
    this.#sleep = clock?.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Waits for a free slot in the window and takes it. */
  acquire(): Promise<void> {
    const turn = this.#queue.then(() => this.#take());
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #take(): Promise<void> {
    for (;;) {
      const now = this.#now();
      if (this.#starts.length < this.requests) {
        this.#starts.push(now);
        return;
      }
      const oldest = this.#starts[0] as number;
      const wait = oldest + this.intervalMs - now;
      if (wait <= 0) {
        this.#starts.shift();
        continue;
      }
      await this.#sleep(wait);
    }
  }
}
