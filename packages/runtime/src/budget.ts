/**
 * A client-side request budget: at most `requests` requests in any `intervalMs` window, as the
 * server counts them — in one client (the default, in memory) or shared by every worker that uses
 * the same {@link BudgetStore} and key (e.g. `@inboxkit/budget-redis`).
 *
 * The budget is `requests` slots. A request takes a slot before it is sent and gives it back when
 * its response (or failure) arrives; the slot is free again `intervalMs` after that, or at once when
 * nothing was sent. Because a request reaches the server before its response reaches us, two
 * requests that use the same slot arrive at the server more than `intervalMs` apart, so the server
 * never counts more than `requests` in any window of that length, whatever the latency.
 *
 * A store keeps the slots; {@link RequestBudget} keeps the queue of one client's callers, asks the
 * store for a slot on behalf of the first in line, sleeps as long as the store says when none is
 * free, renews the leases of the slots its requests hold, and remembers the pause the API asked for
 * (a 429's `Retry-After`), which the store shares with every worker on the key.
 * @module
 */
import { abortReason, onAbort } from "./abort.js";
import { InboxKitError, type InboxKitErrorOptions } from "./errors.js";

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

/** A value, or a promise of it: the in-memory store answers synchronously, a remote one does not. */
export type MaybePromise<T> = T | Promise<T>;

/** One slot held by one request: which slot, and the holder's token. */
export interface SlotLease {
  /** The slot's number within its budget (store-specific, e.g. 0-based or 1-based). */
  readonly slot: number;
  /**
   * Unique to this grant. A release or renewal with a token that no longer holds the slot (its
   * lease expired and another worker took the slot) changes nothing.
   */
  readonly token: string;
}

/** A store's answer to {@link BudgetStore.acquire}. */
export type BudgetAcquireResult =
  | {
      /** A slot was taken for the caller. */
      readonly granted: true;
      /** The slot; give it back with {@link BudgetStore.release}. */
      readonly lease: SlotLease;
      /** How long the budget is still paused (ms, 0 = not paused): the caller decides whether to wait. */
      readonly pausedMs: number;
    }
  | {
      /** Every slot is in use or cooling down. */
      readonly granted: false;
      /**
       * When to ask again (ms, > 0): the soonest any slot may be free. A slot in flight counts as
       * free `intervalMs` from now at the soonest (it could be released at once); ask again then, or
       * earlier when this client releases one.
       */
      readonly waitMs: number;
      /** As for a grant. */
      readonly pausedMs: number;
    };

/**
 * Where a budget's state lives. Every method acts on one budget, named by `key`, atomically: two
 * callers (in one process, or in many processes sharing a Redis) never get the same free slot.
 * Implementations: {@link MemoryBudgetStore} (the default, one process) and
 * `createRedisBudgetStore` of `@inboxkit/budget-redis` (every worker and machine).
 *
 * A method may throw (or reject) when the store cannot be reached; the client then fails the call
 * with a {@link BudgetStoreError} before anything is sent, or falls back to a local budget when
 * `onStoreError: "local"` was chosen.
 */
export interface BudgetStore {
  /**
   * Takes a free slot of budget `key` if there is one. A slot is free when its last request's
   * response arrived at least `intervalMs` ago, when it was given back unsent, or when its lease
   * lapsed at least `intervalMs` ago (a worker that died while holding it). Every caller of one key
   * must pass the same `budget`; a store may refuse a different one.
   */
  acquire(key: string, budget: RequestBudgetOptions): MaybePromise<BudgetAcquireResult>;
  /**
   * Gives a slot back: `sent` — a request went out, so the slot is free again `intervalMs` from now;
   * not `sent` — free at once. Does nothing when `lease` no longer holds the slot.
   */
  release(key: string, budget: RequestBudgetOptions, lease: SlotLease, sent: boolean): MaybePromise<void>;
  /**
   * Pauses budget `key` for `ms` from now (by the store's clock); a longer pause already set stays.
   * Every {@link acquire} of every worker then reports the pause left (`pausedMs`). Returns it.
   */
  pause(key: string, ms: number): MaybePromise<number>;
  /**
   * For a store whose slots expire (see {@link leaseMs}): extends the leases of slots still in
   * flight. The budget calls it every third of `leaseMs` while its requests hold slots.
   */
  renew?(key: string, budget: RequestBudgetOptions, leases: readonly SlotLease[]): MaybePromise<void>;
  /**
   * How long a taken slot stays reserved without renewal (ms). A worker that stops (crashes, is
   * killed) stops renewing: its slots come back `leaseMs + intervalMs` after its last renewal at the
   * latest, counting an expired lease as a response at its expiry. Absent: slots never expire (the
   * in-memory store, which dies with its process).
   */
  readonly leaseMs?: number;
}

/** What happens when the store fails (unreachable, timed out, refused the budget). */
export type StoreErrorMode = "fail" | "local";

/** Options of {@link BudgetStoreError}. */
export interface BudgetStoreErrorOptions extends InboxKitErrorOptions {
  /** The budget's key in the store. */
  readonly key?: string | undefined;
}

/**
 * The request budget's store failed (e.g. Redis is unreachable or timed out), so the call was not
 * sent: with a shared budget, sending without a slot could overshoot the limit every worker shares.
 * `cause` is the store's error. Pass `onStoreError: "local"` to fall back to the client's own budget
 * instead.
 */
export class BudgetStoreError extends InboxKitError {
  static {
    Object.defineProperty(this.prototype, "name", { value: "BudgetStoreError", writable: true, configurable: true, enumerable: false });
  }
  /** The budget's key in the store. */
  readonly key: string | undefined;
  constructor(message: string, options: BudgetStoreErrorOptions = {}) {
    super(message, options);
    this.key = options.key;
  }
}

interface MemoryBudget {
  readonly spec: string;
  /** For each slot: when it becomes free (ms); `Infinity` while its request is in flight. */
  readonly freeAt: number[];
  /** For each slot: the token of its holder while in flight. */
  readonly tokens: (string | undefined)[];
}

const specOf = (budget: RequestBudgetOptions): string => `${Math.floor(budget.requests)}/${budget.intervalMs}`;

/**
 * The in-memory {@link BudgetStore}: the default, one per client. Share one instance between
 * clients (`budgetStore` + the same `budgetKey`) to give them one budget within a process; for
 * several processes or machines use a shared store such as `@inboxkit/budget-redis`.
 * Synchronous: it never fails for want of a connection, and its slots never expire.
 */
export class MemoryBudgetStore implements BudgetStore {
  readonly #budgets = new Map<string, MemoryBudget>();
  /** Until when (ms) each key is paused. */
  readonly #pauses = new Map<string, number>();
  readonly #now: () => number;
  #seq = 0;

  /** @param options.now the clock (ms), for tests; default `Date.now`. */
  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  #budget(key: string, budget: RequestBudgetOptions): MemoryBudget {
    const spec = specOf(budget);
    let state = this.#budgets.get(key);
    if (!state) {
      const n = Math.floor(budget.requests);
      state = { spec, freeAt: Array.from({ length: n }, () => -Infinity), tokens: Array.from({ length: n }, () => undefined) };
      this.#budgets.set(key, state);
    } else if (state.spec !== spec) {
      throw new RangeError(`budget "${key}" is ${state.spec} (requests/intervalMs) in this store, not ${spec}: every client sharing a key must use the same budget`);
    }
    return state;
  }

  /** See {@link BudgetStore.acquire}; throws a `RangeError` for a key used with another budget. */
  acquire(key: string, budget: RequestBudgetOptions): BudgetAcquireResult {
    const state = this.#budget(key, budget);
    const now = this.#now();
    const pausedMs = Math.max(0, (this.#pauses.get(key) ?? -Infinity) - now);
    let slot = 0;
    for (let i = 1; i < state.freeAt.length; i++) if ((state.freeAt[i] as number) < (state.freeAt[slot] as number)) slot = i;
    const freeAt = state.freeAt[slot] as number;
    // Every slot in flight: the soonest one can be free is a window after a release right now.
    if (freeAt === Infinity) return { granted: false, waitMs: budget.intervalMs, pausedMs };
    if (freeAt > now) return { granted: false, waitMs: freeAt - now, pausedMs };
    const token = String(++this.#seq);
    state.freeAt[slot] = Infinity;
    state.tokens[slot] = token;
    return { granted: true, lease: { slot, token }, pausedMs };
  }

  /** See {@link BudgetStore.release}. */
  release(key: string, budget: RequestBudgetOptions, lease: SlotLease, sent: boolean): void {
    const state = this.#budgets.get(key);
    if (!state || state.tokens[lease.slot] !== lease.token) return;
    state.tokens[lease.slot] = undefined;
    state.freeAt[lease.slot] = sent ? this.#now() + budget.intervalMs : -Infinity;
  }

  /** See {@link BudgetStore.pause}. */
  pause(key: string, ms: number): number {
    const now = this.#now();
    const until = Math.max(this.#pauses.get(key) ?? -Infinity, now + ms);
    this.#pauses.set(key, until);
    return Math.max(0, until - now);
  }
}

/** Configuration of a {@link RequestBudget} beyond its size. */
export interface RequestBudgetConfig {
  /** Where the slots live (default: a new {@link MemoryBudgetStore}, i.e. this budget alone). */
  readonly store?: BudgetStore | undefined;
  /** The budget's name in the store (default `"default"`): every client using the same store and key shares one budget. */
  readonly key?: string | undefined;
  /**
   * When the store fails: `"fail"` (default) rejects the callers waiting for a slot with a
   * {@link BudgetStoreError}, so nothing is sent; `"local"` serves them from a local in-memory budget
   * of the same size instead, trying the store again a second later.
   */
  readonly onStoreError?: StoreErrorMode | undefined;
  /** The clock (ms) of the default store and of pauses; default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/** A slot handed to one caller by {@link RequestBudget.take}. */
export interface BudgetSlot {
  /** Gives the slot back (see {@link ReleaseSlot}). */
  readonly release: ReleaseSlot;
  /** Set when the store failed and this slot comes from the local fallback budget: the store's error. */
  readonly fallback?: unknown;
}

interface Waiter {
  readonly resolve: (slot: BudgetSlot) => void;
  readonly reject: (error: unknown) => void;
  off: () => void;
}

interface Held {
  readonly store: BudgetStore;
  readonly lease: SlotLease;
}

/** After a store failure in `"local"` mode, the store is asked again after this long. */
const STORE_RETRY_MS = 1000;

function isThenable<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** Calls `fn`, turning a synchronous throw into a rejected promise. */
function attempt<T>(fn: () => MaybePromise<T>): MaybePromise<T> {
  try {
    return fn();
  } catch (error) {
    return Promise.reject(error);
  }
}

/** A timer that does not keep a Node process alive on its own (where timers have `unref`). */
function backgroundTimer(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(fn, ms);
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

/**
 * One client's side of a request budget: its callers queue here in order, the first in line asks
 * the store for a slot, and a caller whose signal aborts leaves the queue at once (a slot granted to
 * it meanwhile goes back unsent). Also tracks the client-wide pause (see {@link pause}).
 *
 * With `onStoreError: "local"` every request also takes a slot of a local in-memory budget of the
 * same size, so the local budget always knows this client's recent requests: when the store fails,
 * it alone serves (for a second, then the store is asked again) without a burst on top of what was
 * just sent, and when the store is back nothing sent meanwhile is forgotten.
 */
export class RequestBudget {
  /** Requests allowed per window (slots). */
  readonly requests: number;
  /** Window length in ms. */
  readonly intervalMs: number;
  /** The budget's key in its store. */
  readonly key: string;
  readonly #spec: RequestBudgetOptions;
  readonly #store: BudgetStore;
  /** The local budget of `"local"` mode (see the class comment). */
  readonly #local: MemoryBudgetStore | undefined;
  readonly #now: () => number;
  readonly #waiters: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** A store call is in flight: its settlement pumps again. */
  #asking = false;
  /** Something changed (a release, an abort, a new caller) while a store call was in flight. */
  #again = false;
  /** Slots held by this client's requests in a store with leases. */
  readonly #held = new Set<Held>();
  #renewTimer: ReturnType<typeof setTimeout> | undefined;
  /** In `"local"` mode after a store failure: until when (ms) the local budget serves alone, and why. */
  #localUntil = -Infinity;
  #localError: unknown;
  #pausedUntil = -Infinity;

  constructor(options: RequestBudgetOptions, config: RequestBudgetConfig = {}) {
    if (!(options.requests >= 1) || !(options.intervalMs > 0)) throw new RangeError("requestBudget needs requests >= 1 and intervalMs > 0");
    this.requests = Math.floor(options.requests);
    this.intervalMs = options.intervalMs;
    this.#spec = { requests: this.requests, intervalMs: this.intervalMs };
    this.#now = config.now ?? Date.now;
    this.#store = config.store ?? new MemoryBudgetStore({ now: this.#now });
    this.key = config.key ?? "default";
    if ((config.onStoreError ?? "fail") === "local" && config.store) this.#local = new MemoryBudgetStore({ now: this.#now });
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Waits for a free slot and takes it; resolves with the slot's {@link ReleaseSlot}. Rejects with an
   * `AbortError` (and leaves the queue) when `signal` aborts first, and with a
   * {@link BudgetStoreError} when the store fails (unless `onStoreError` is `"local"`).
   */
  acquire(signal?: AbortSignal | null): Promise<ReleaseSlot> {
    return this.take(signal).then((slot) => slot.release);
  }

  /** Like {@link acquire}, resolving with the slot and how it was obtained. */
  take(signal?: AbortSignal | null): Promise<BudgetSlot> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<BudgetSlot>((resolve, reject) => {
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

  /**
   * Records that the API asked every caller to pause for `ms` (a 429's `Retry-After`, or
   * `remaining: 0` until a reset): at once for this client, and in the store for every worker
   * sharing the key. A failure to reach the store here is ignored (the local pause still holds).
   */
  pause(ms: number): void {
    if (!(ms > 0)) return;
    this.#notePause(ms);
    const out = attempt(() => this.#store.pause(this.key, ms));
    if (isThenable(out)) out.then((left) => this.#notePause(left), () => undefined);
  }

  /** How long the budget is paused from now (ms; 0 = not paused), as last known to this client. */
  pausedMs(now: number = this.#now()): number {
    return Math.max(0, this.#pausedUntil - now);
  }

  #notePause(ms: number): void {
    if (ms > 0) this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + ms);
  }

  #wake(ms: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#pump();
    }, Math.max(1, Math.ceil(ms)));
  }

  /** Asks the store for slots while callers wait; arms one timer when none is free yet. */
  #pump(): void {
    if (this.#asking) {
      this.#again = true;
      return;
    }
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    while (this.#waiters.length > 0) {
      let mirror: SlotLease | undefined;
      if (this.#local) {
        const own = this.#local.acquire(this.key, this.#spec);
        if (!own.granted) {
          this.#wake(own.waitMs);
          return;
        }
        mirror = own.lease;
        // The store failed a moment ago: the local budget serves alone for now.
        if (this.#now() < this.#localUntil) {
          this.#hand(undefined, mirror, this.#localError);
          continue;
        }
      }
      const result = attempt(() => this.#store.acquire(this.key, this.#spec));
      if (isThenable(result)) {
        this.#asking = true;
        this.#again = false;
        result
          .then(
            (answer) => this.#answer(answer, mirror),
            (error: unknown) => this.#failed(error, mirror),
          )
          .then((goOn) => {
            this.#asking = false;
            if (goOn || this.#again) this.#pump();
          });
        return;
      }
      if (!this.#answer(result, mirror)) return;
    }
  }

  /** Applies a store's answer; `true` when the pump may go on with the next caller. */
  #answer(answer: BudgetAcquireResult, mirror: SlotLease | undefined): boolean {
    this.#notePause(answer.pausedMs);
    if (!answer.granted) {
      if (mirror) this.#local?.release(this.key, this.#spec, mirror, false);
      this.#wake(answer.waitMs);
      return false;
    }
    this.#hand(answer.lease, mirror, undefined);
    return true;
  }

  /**
   * The store failed: fail every waiting caller, or (in "local" mode) serve them from the local
   * budget for a while; `true` when the pump should go on.
   */
  #failed(error: unknown, mirror: SlotLease | undefined): boolean {
    if (this.#local) {
      this.#localUntil = this.#now() + STORE_RETRY_MS;
      this.#localError = error;
      if (mirror) this.#hand(undefined, mirror, error);
      return true;
    }
    const reason = error instanceof Error ? error.message : String(error);
    const failure = new BudgetStoreError(`the request budget's store failed for budget "${this.key}": ${reason}`, { cause: error, key: this.key });
    for (const waiter of this.#waiters.splice(0)) {
      waiter.off();
      waiter.reject(failure);
    }
    return false;
  }

  /**
   * Hands a slot — of the store (`lease`), of the local budget (`mirror`), or both — to the first
   * caller in line; gives it back unsent when that caller left meanwhile.
   */
  #hand(lease: SlotLease | undefined, mirror: SlotLease | undefined, fallback: unknown): void {
    let done = false;
    const held: Held | undefined = lease && this.#store.renew && this.#store.leaseMs && this.#store.leaseMs > 0 ? { store: this.#store, lease } : undefined;
    const release: ReleaseSlot = (sent = true) => {
      if (done) return;
      done = true;
      if (held) this.#held.delete(held);
      if (mirror) this.#local?.release(this.key, this.#spec, mirror, sent);
      if (!lease) return this.#pump();
      const out = attempt(() => this.#store.release(this.key, this.#spec, lease, sent));
      // A release that fails leaves the slot to its lease: it comes back by itself.
      if (isThenable(out)) out.then(() => this.#pump(), () => this.#pump());
      else this.#pump();
    };
    const waiter = this.#waiters.shift();
    if (!waiter) return release(false);
    waiter.off();
    if (held) {
      this.#held.add(held);
      this.#armRenewal(this.#store.leaseMs as number);
    }
    waiter.resolve(fallback === undefined ? { release } : { release, fallback });
  }

  /** While slots are held in a store with leases, renews them every third of the lease. */
  #armRenewal(leaseMs: number): void {
    if (this.#renewTimer !== undefined) return;
    this.#renewTimer = backgroundTimer(() => {
      this.#renewTimer = undefined;
      if (this.#held.size === 0) return;
      const leases = [...this.#held].map((h) => h.lease);
      const renew = this.#store.renew?.bind(this.#store);
      const out = renew ? attempt(() => renew(this.key, this.#spec, leases)) : undefined;
      // A renewal that fails leaves the lease to run out: the slot then comes back by itself.
      if (out && isThenable(out)) out.catch(() => undefined);
      this.#armRenewal(leaseMs);
    }, Math.max(1, Math.floor(leaseMs / 3)));
  }
}

/** Builds the {@link RequestBudget} of a client or core from its options and store settings. */
export type BudgetFactory = (options: RequestBudgetOptions, config: RequestBudgetConfig) => RequestBudget;

/** Where {@link requestBudget} puts the budget's factory on its options (a symbol: not an option name, not serialized). */
export const BUDGET_FACTORY: unique symbol = Symbol.for("inboxkit.requestBudget") as never;

/** The factory a client is given (`clientParts`) and {@link requestBudget} attaches. */
export const createRequestBudget: BudgetFactory = (options, config) => new RequestBudget(options, config);

/** Budget options that carry the budget's code with them (see {@link requestBudget}). */
export interface RequestBudgetPlan extends RequestBudgetOptions {
  readonly [BUDGET_FACTORY]: BudgetFactory;
}

/**
 * The `requestBudget` option of a core, with the budget's code: a core (`create<Vendor>Core`, for the
 * standalone functions) bundles the request budget only when it is asked for this way, so a page that
 * does not keep a client-side budget does not carry it. The client objects (`create<Vendor>Client`),
 * and the cores of vendors with a documented limit (Desk360), take plain `{ requests, intervalMs }` too.
 *
 * ```ts
 * import { createHelpwiseCore } from "@inboxkit/helpwise/core";
 * import { requestBudget } from "@inboxkit/helpwise";
 * const helpwise = createHelpwiseCore({ apiKey, apiSecret, requestBudget: requestBudget({ requests: 10, intervalMs: 1000 }) });
 * ```
 */
export function requestBudget(options: RequestBudgetOptions): RequestBudgetPlan {
  return { ...options, [BUDGET_FACTORY]: createRequestBudget };
}

/** The budget factory `options` carry (from {@link requestBudget}), if any. */
export function budgetFactoryOf(options: RequestBudgetOptions | undefined): BudgetFactory | undefined {
  const factory = (options as Partial<RequestBudgetPlan> | undefined)?.[BUDGET_FACTORY];
  return typeof factory === "function" ? factory : undefined;
}
