/**
 * A client-side request budget: at most `requests` requests in any `intervalMs` window, as the
 * server counts them.
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
 * A limiter with `requests` slots. A request takes a slot before it is sent and gives it back when
 * its response (or failure) arrives; the slot is free again `intervalMs` after that. Because a
 * request reaches the server before its response reaches us, any two requests that use the same
 * slot arrive at the server more than `intervalMs` apart, so the server never counts more than
 * `requests` in any window of that length, whatever the latency. Callers are served in order.
 */
export class RequestBudget {
  readonly requests: number;
  readonly intervalMs: number;
  /** For each slot: when it becomes free (ms); `Infinity` while its request is in flight. */
  readonly #freeAt: number[];
  #queue: Promise<void> = Promise.resolve();
  #wake: (() => void) | undefined;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: RequestBudgetOptions, clock?: { now?: () => number; sleep?: (ms: number) => Promise<void> }) {
    if (!(options.requests >= 1) || !(options.intervalMs > 0)) throw new RangeError("requestBudget needs requests >= 1 and intervalMs > 0");
    this.requests = Math.floor(options.requests);
    this.intervalMs = options.intervalMs;
    this.#freeAt = Array.from({ length: this.requests }, () => -Infinity);
    this.#now = clock?.now ?? Date.now;
    this.#sleep = clock?.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /**
   * Waits for a free slot and takes it. Call the returned function once the request is done
   * (response received or failed); calling it again does nothing.
   */
  acquire(): Promise<() => void> {
    const turn = this.#queue.then(() => this.#take());
    this.#queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  async #take(): Promise<() => void> {
    for (;;) {
      let slot = 0;
      for (let i = 1; i < this.#freeAt.length; i++) if ((this.#freeAt[i] as number) < (this.#freeAt[slot] as number)) slot = i;
      const freeAt = this.#freeAt[slot] as number;
      const now = this.#now();
      if (freeAt <= now) {
        this.#freeAt[slot] = Infinity;
        let done = false;
        return () => {
          if (done) return;
          done = true;
          this.#freeAt[slot] = this.#now() + this.intervalMs;
          this.#wake?.();
        };
      }
      if (freeAt === Infinity) {
        // Every slot is in flight: wait for a release.
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = undefined;
      } else await this.#sleep(freeAt - now);
    }
  }
}
