/**
 * Public types of the generated methods.
 * @module
 */
import type { Page } from "./paginate.js";
import type { RetryOptions } from "./retry.js";

/** Per-call options every generated method accepts (checked at run time, like the client's). */
export interface RequestOptions {
  /**
   * Aborts the call when it fires: while it waits for a budget slot, a rate-limit pause, a login or
   * a retry backoff, and while the request or its response body is in flight. Nothing is sent after
   * it fired. One signal may be shared by any number of calls.
   */
  readonly signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call (per attempt, covering headers and body). */
  readonly timeoutMs?: number;
  /** Extra headers for this call. Names must be RFC 9110 tokens; values may not hold control characters. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Overrides the client's retry policy for this call (merged over it), or `false` for no retries. */
  readonly retry?: RetryOptions | false;
}

/** A call's result with the response it came from. */
export interface WithResponse<Result> {
  /** The parsed (and unwrapped) result, as plain `await` gives it. */
  readonly data: Result;
  /** The HTTP response (its body already read: use `data`, or `.asResponse()` for an unread copy). */
  readonly response: Response;
  /** The vendor's request id header, when the response has one. */
  readonly requestId: string | undefined;
}

/**
 * What a generated method returns: a promise of the result (plain `await` is unchanged), plus
 * `.withResponse()` (the result with its response and request id) and `.asResponse()` (the raw
 * response, unread). The request is sent once, whichever is used.
 */
export interface APIPromise<Result> extends Promise<Result> {
  /** The result together with the HTTP response and the vendor's request id. */
  withResponse(): Promise<WithResponse<Result>>;
  /** The HTTP response itself, its body unread (a failed call still throws its typed error). */
  asResponse(): Promise<Response>;
}

/** A generated operation method. `Optional` is `true` when every parameter is optional. */
export type Method<Params, Result, Optional extends boolean = false> = Optional extends true
  ? (params?: Params, options?: RequestOptions) => APIPromise<Result>
  : (params: Params, options?: RequestOptions) => APIPromise<Result>;

/** An iterator method of a list operation, taking the same params as the call. */
type Iterating<Params, Yielded, Optional extends boolean> = Optional extends true
  ? (params?: Params, options?: RequestOptions) => AsyncIterableIterator<Yielded>
  : (params: Params, options?: RequestOptions) => AsyncIterableIterator<Yielded>;

/** A generated list method: callable for one page, plus iterators over every page and every item. */
export type PagedMethod<Params, Result, Item, Optional extends boolean = false> = Method<Params, Result, Optional> & {
  /** Iterates every item of every page, fetching pages as needed. */
  iterate: Iterating<Params, Item, Optional>;
  /** Iterates page by page. */
  pages: Iterating<Params, Page<Result, Item>, Optional>;
};

/**
 * A generated list method that also pages by time (`x-time-cursor`): callable for one page, plus
 * `iterateHistory` (newest to oldest) and `follow` (everything since a time, oldest first).
 */
export type TimeCursorMethod<Params, Result, Item, Optional extends boolean = false> = Method<Params, Result, Optional> & {
  /**
   * Every item older than the caller's "before" (or from the newest), newest first, each once;
   * items sharing a timestamp are neither repeated nor skipped.
   */
  iterateHistory: Iterating<Params, Item, Optional>;
  /**
   * Every item at or after the caller's "since", oldest first, each once (the backfill after a
   * websocket reconnect). Holds the whole window in memory before yielding the first item.
   */
  follow: Iterating<Params, Item, Optional>;
};

/** A downloaded file. */
export interface BinaryResult {
  /** The file's bytes. */
  readonly bytes: Uint8Array;
  /** Its media type, from `Content-Type` (`application/octet-stream` when absent). */
  readonly contentType: string;
}
