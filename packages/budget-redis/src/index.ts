/**
 * `@inboxkit/budget-redis`: a Redis store for the InboxKit request budget, so that every worker
 * process and machine calling one API account (or from one egress IP) keeps to one budget together.
 *
 * ```ts
 * import { createRedisBudgetStore } from "@inboxkit/budget-redis";
 * import { createDesk360Client } from "@inboxkit/desk360";
 *
 * const budgetStore = createRedisBudgetStore({ redis: "redis://127.0.0.1:6379" });
 * const desk360 = createDesk360Client({ token, budgetStore, budgetKey: "desk360:account-42" });
 * ```
 *
 * Every acquire, release, renewal and pause is one Lua script, atomic on the server and timed by
 * Redis's clock. A taken slot is leased: the worker renews it while its request is in flight, and a
 * worker that dies stops renewing, so its slots come back by themselves.
 * @packageDocumentation
 */
import { Redis } from "ioredis";
import type { BudgetAcquireResult, BudgetStore, RequestBudgetOptions, SlotLease } from "@inboxkit/runtime";
import { ACQUIRE, PAUSE, RELEASE, RENEW } from "./lua.js";

/**
 * The few methods of a Redis client the store uses: an ioredis 5 `Redis` (or `Cluster`) instance
 * fits, from any copy of ioredis.
 */
export interface RedisClientLike {
  /** ioredis's connection state: `"wait"`, `"connecting"`, `"connect"`, `"ready"`, `"reconnecting"`, `"close"` or `"end"`. */
  readonly status: string;
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  script(subcommand: "LOAD", script: string): Promise<unknown>;
  quit(): Promise<unknown>;
  /** ioredis's events: the store listens to `"close"` to fail the calls on the wire at once. */
  on?(event: "close", listener: () => void): unknown;
}

/** Options of {@link createRedisBudgetStore}. */
export interface RedisBudgetStoreOptions {
  /**
   * The Redis to keep the budgets in: an ioredis client you made (`new Redis(…)`, shared with the
   * rest of your app; the store never closes it), or a `redis://` / `rediss://` URL, for which the
   * store opens its own connection ({@link RedisBudgetStore.close} closes it).
   */
  readonly redis: RedisClientLike | string;
  /** Prefix of every key the store writes (default `"inboxkit:budget:"`); the budget key follows it. */
  readonly prefix?: string;
  /**
   * How long a taken slot stays reserved for its worker without renewal, in ms (default 30000). The
   * worker renews it every third of that while the request is in flight, so this bounds how late the
   * slots of a worker that crashed or was killed come back: `leaseMs + intervalMs` after its last
   * renewal at the latest (a lapsed lease counts as a response at its expiry).
   */
  readonly leaseMs?: number;
  /**
   * Each Redis call that takes longer fails (ms, default 1000). A connection that is down — not
   * `ready` once it has been, or `reconnecting`, `close`, `end` — fails at once (ioredis would
   * otherwise queue the call until it reconnects): the client then fails the call with a
   * `BudgetStoreError`, or falls back to its local budget with `onStoreError: "local"`. Before the
   * first connection is up, a call waits for it up to this timeout.
   */
  readonly commandTimeoutMs?: number;
}

const DEFAULT_PREFIX = "inboxkit:budget:";
const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 1000;
const DOWN = new Set(["reconnecting", "close", "end"]);

let counter = 0;
/** Unique per grant across workers: random bits, the time and a per-process counter. */
function newToken(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${Math.random().toString(36).slice(2, 12)}${Date.now().toString(36)}${counter.toString(36)}`;
}

interface Script {
  readonly source: string;
  sha?: string | undefined;
}

const toNumber = (value: unknown): number => (typeof value === "number" ? value : Number(value));

/**
 * A {@link BudgetStore} in Redis (see {@link createRedisBudgetStore}). One instance can serve every
 * client of a process, whatever their keys.
 */
export class RedisBudgetStore implements BudgetStore {
  /** The Redis client in use. */
  readonly redis: RedisClientLike;
  /** The lease of a taken slot, in ms. */
  readonly leaseMs: number;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #owned: boolean;
  readonly #scripts = { acquire: { source: ACQUIRE } as Script, release: { source: RELEASE } as Script, renew: { source: RENEW } as Script, pause: { source: PAUSE } as Script };
  #lastError: string | undefined;
  /** The connection was ready once: from then on a connection that is not ready is an outage. */
  #wasReady = false;
  /** Fails the calls waiting for an answer (the connection closed under them). */
  readonly #onWire = new Set<(error: Error) => void>();

  constructor(options: RedisBudgetStoreOptions) {
    const { redis, prefix = DEFAULT_PREFIX, leaseMs = DEFAULT_LEASE_MS, commandTimeoutMs = DEFAULT_TIMEOUT_MS } = options ?? ({} as RedisBudgetStoreOptions);
    if (!(typeof leaseMs === "number" && Number.isFinite(leaseMs) && leaseMs >= 10)) throw new RangeError("leaseMs must be a number of ms >= 10");
    if (!(typeof commandTimeoutMs === "number" && Number.isFinite(commandTimeoutMs) && commandTimeoutMs > 0)) throw new RangeError("commandTimeoutMs must be a number of ms > 0");
    if (typeof prefix !== "string") throw new TypeError("prefix must be a string");
    this.leaseMs = leaseMs;
    this.#prefix = prefix;
    this.#timeoutMs = commandTimeoutMs;
    if (typeof redis === "string") {
      const own = new Redis(redis, { maxRetriesPerRequest: 1, connectTimeout: Math.max(commandTimeoutMs, 1000) });
      // Without a listener ioredis prints every failed reconnection; keep the last one for messages.
      own.on("error", (error: Error) => {
        this.#lastError = error.message;
      });
      this.redis = own as unknown as RedisClientLike;
      this.#owned = true;
    } else if (redis && typeof redis === "object" && typeof redis.evalsha === "function") {
      this.redis = redis;
      this.#owned = false;
    } else {
      throw new TypeError("redis must be an ioredis client or a redis:// URL");
    }
    // ioredis keeps a call that was on the wire when the connection dropped for the reconnection:
    // fail it now instead (a slot it may still take when replayed comes back with its lease).
    this.redis.on?.("close", () => {
      const error = new Error(`Redis connection closed${this.#lastError ? ` (${this.#lastError})` : ""}`);
      for (const fail of [...this.#onWire]) fail(error);
    });
  }

  /** Runs a script on one budget's key, within the command timeout; fails at once when the connection is down. */
  async #run(script: Script, key: string, args: (string | number)[]): Promise<unknown> {
    const status = this.redis.status;
    if (status === "ready") this.#wasReady = true;
    // Down, or coming back after it was up (ioredis would queue the command until it reconnects).
    else if (DOWN.has(status) || this.#wasReady) throw new Error(`Redis connection is ${status}${this.#lastError ? ` (${this.#lastError})` : ""}`);
    const redisKey = `${this.#prefix}${key}`;
    // One round trip either way: EVALSHA once the script's digest is known, else EVAL (which also
    // caches the script on the server) while SCRIPT LOAD fetches the digest for next time.
    const call = async (): Promise<unknown> => {
      if (script.sha) {
        try {
          return await this.redis.evalsha(script.sha, 1, redisKey, ...args);
        } catch (error) {
          if (!String((error as Error)?.message).startsWith("NOSCRIPT")) throw error;
          script.sha = undefined;
        }
      }
      const result = this.redis.eval(script.source, 1, redisKey, ...args);
      this.redis.script("LOAD", script.source).then((sha) => (script.sha = String(sha)), () => undefined);
      return result;
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    let fail: ((error: Error) => void) | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.#timeoutMs} ms (connection ${this.redis.status})`)), this.#timeoutMs);
      fail = reject;
      this.#onWire.add(reject);
    });
    try {
      return await Promise.race([call(), timeout]);
    } catch (error) {
      // A refusal by a script (a budget mismatch) says it all; a connection problem gets its cause.
      if ((error as Error)?.name === "ReplyError" || !this.#lastError || String((error as Error)?.message).includes(this.#lastError)) throw error;
      throw new Error(`${(error as Error)?.message ?? String(error)} (connection: ${this.#lastError})`, { cause: error });
    } finally {
      clearTimeout(timer);
      if (fail) this.#onWire.delete(fail);
    }
  }

  /** Takes a free slot of `key`, or says when to ask again (one Lua script; see `BudgetStore.acquire`). */
  async acquire(key: string, budget: RequestBudgetOptions): Promise<BudgetAcquireResult> {
    const token = newToken();
    const reply = (await this.#run(this.#scripts.acquire, key, [Math.floor(budget.requests), budget.intervalMs, this.leaseMs, token])) as unknown[];
    const [granted, value, pausedMs] = reply.map(toNumber) as [number, number, number];
    return granted === 1 ? { granted: true, lease: { slot: value, token }, pausedMs } : { granted: false, waitMs: value, pausedMs };
  }

  /** Gives a slot back: free a window from now when `sent`, at once otherwise; a lost lease is left alone. */
  async release(key: string, budget: RequestBudgetOptions, lease: SlotLease, sent: boolean): Promise<void> {
    await this.#run(this.#scripts.release, key, [lease.slot, lease.token, sent ? "1" : "0", budget.intervalMs]);
  }

  /** Extends the leases of slots still held by these tokens to `leaseMs` from now. */
  async renew(key: string, budget: RequestBudgetOptions, leases: readonly SlotLease[]): Promise<void> {
    if (leases.length === 0) return;
    await this.#run(this.#scripts.renew, key, [this.leaseMs, budget.intervalMs, ...leases.flatMap((l) => [l.slot, l.token])]);
  }

  /** Pauses every worker of `key` for `ms` (unless a longer pause is set); returns the pause left. */
  async pause(key: string, ms: number): Promise<number> {
    return toNumber(await this.#run(this.#scripts.pause, key, [Math.ceil(ms)]));
  }

  /** Closes the connection the store opened for a URL; a client you passed in is left open. */
  async close(): Promise<void> {
    if (this.#owned && this.redis.status !== "end") await this.redis.quit().catch(() => undefined);
  }
}

/**
 * Creates a {@link RedisBudgetStore}: pass it as `budgetStore`, with a `budgetKey`, to every client
 * that must keep to one budget (in any process or machine using this Redis).
 * @throws {RangeError} for a `leaseMs` below 10 or a `commandTimeoutMs` that is not positive.
 */
export function createRedisBudgetStore(options: RedisBudgetStoreOptions): RedisBudgetStore {
  return new RedisBudgetStore(options);
}

export { BudgetStoreError } from "@inboxkit/runtime";
export type { BudgetAcquireResult, BudgetStore, RequestBudgetOptions, SlotLease, StoreErrorMode } from "@inboxkit/runtime";
