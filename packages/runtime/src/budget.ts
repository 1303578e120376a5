/**
 * A client-side request budget: at most `requests` requests in any `intervalMs` window, as the
 * server counts them.
 * @module
 */
import { abortReason, onAbort } from "./abort.js";

/** The budget a client keeps to, e.g. Desk360's documented 60 requests a minute. */
export interface RequestBudgetOptions {
  /** Requests allowed per window. */
  readonly requests: number;
  /** Window length in ms. */
  readonly intervalMs: number;
}

/**
 * Gives a budget slot back. `sent: false` (nothing was sent, e.g. the call was aborted first) frees
 * it at once; otherwise it is free again `intervalMs` later. Calling it again does nothing.
 */
export type ReleaseSlot = (sent?: boolean) => void;

interface Waiter {
  readonly resolve: (release: ReleaseSlot) => void;
  readonly reject: (error: unknown) => void;
  off: () => void;
}

/**
 * A limiter with `requests` slots. A request takes a slot before it is sent and gives it back when
 * its response (or failure) arrives; the slot is free again `intervalMs` after that. Because a
 * request reaches the server before its response reaches us, any two requests that use the same
 * slot arrive at the server more than `intervalMs` apart, so the server never counts more than
 * `requests` in any window of that length, whatever the latency. Callers are served in order; a
 * caller whose signal aborts leaves the queue at once.
 */
export class RequestBudget {
  readonly requests: number;
  readonly intervalMs: number;
  /** For each slot: when it becomes free (ms); `Infinity` while its request is in flight. */
  readonly #freeAt: number[];
  readonly #waiters: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #now: () => number;

  constructor(options: RequestBudgetOptions, clock?: { now?: () => number }) {
    if (!(options.requests >= 1) || !(options.intervalMs > 0)) throw new RangeError("requestBudget needs requests >= 1 and intervalMs > 0");
    this.requests = Math.floor(options.requests);
    this.intervalMs = options.intervalMs;
    this.#freeAt = Array.from({ length: this.requests }, () => -Infinity);
    this.#now = clock?.now ?? Date.now;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Waits for a free slot and takes it; resolves with the slot's {@link ReleaseSlot}. Rejects with an
   * `AbortError` (and leaves the queue) when `signal` aborts first.
   */
  acquire(signal?: AbortSignal | null): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, off: () => {} };
      this.#waiters.push(waiter);
      waiter.off = onAbort(signal, () => {
        const i = this.#waiters.indexOf(waiter);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(abortReason(signal as AbortSignal));
        this.#pump();
      });
      this.#pump();
    });
  }

  /** Hands free slots to waiters in order; arms one timer for the next slot to free up. */
  #pump(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    while (this.#waiters.length > 0) {
      let slot = 0;
      for (let i = 1; i < this.#freeAt.length; i++) if ((this.#freeAt[i] as number) < (this.#freeAt[slot] as number)) slot = i;
      const freeAt = this.#freeAt[slot] as number;
      const now = this.#now();
      if (freeAt === Infinity) return; // every slot is in flight: a release pumps again
      if (freeAt > now) {
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#pump();
        }, freeAt - now);
        return;
      }
      const waiter = this.#waiters.shift() as Waiter;
      waiter.off();
      this.#freeAt[slot] = Infinity;
      waiter.resolve(this.#release(slot));
    }
  }

  #release(slot: number): ReleaseSlot {
    let done = false;
    return (sent = true) => {
      if (done) return;
      done = true;
      this.#freeAt[slot] = sent ? this.#now() + this.intervalMs : -Infinity;
      this.#pump();
    };
  }
}
