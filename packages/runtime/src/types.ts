/**
 * Public types of the generated methods.
 * @module
 */
import type { Page } from "./paginate.js";

/** Per-call options every generated method accepts. */
export interface RequestOptions {
  /** Aborts the call (and any retry wait) when it fires. */
  readonly signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call (per attempt). */
  readonly timeoutMs?: number;
  /** Extra headers for this call. Values may not contain CR or LF. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A generated operation method. `Optional` is `true` when every parameter is optional. */
export type Method<Params, Result, Optional extends boolean = false> = Optional extends true
  ? (params?: Params, options?: RequestOptions) => Promise<Result>
  : (params: Params, options?: RequestOptions) => Promise<Result>;

/** A generated list method: callable for one page, plus iterators over every page and every item. */
export type PagedMethod<Params, Result, Item, Optional extends boolean = false> = Method<Params, Result, Optional> & {
  /** Iterates every item of every page, fetching pages as needed. */
  iterate: Optional extends true
    ? (params?: Params, options?: RequestOptions) => AsyncIterableIterator<Item>
    : (params: Params, options?: RequestOptions) => AsyncIterableIterator<Item>;
  /** Iterates page by page. */
  pages: Optional extends true
    ? (params?: Params, options?: RequestOptions) => AsyncIterableIterator<Page<Result, Item>>
    : (params: Params, options?: RequestOptions) => AsyncIterableIterator<Page<Result, Item>>;
};

/** A downloaded file. */
export interface BinaryResult {
  /** The file's bytes. */
  readonly bytes: Uint8Array;
  /** Its media type, from `Content-Type` (`application/octet-stream` when absent). */
  readonly contentType: string;
}
