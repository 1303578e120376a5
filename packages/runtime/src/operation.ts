/**
 * The operation table: what `scripts/generate.mjs` emits from a spec and the runtime executes.
 * @module
 */
import type { Schema } from "./validate.js";

/** How a list operation pages (the spec's `x-pagination`). */
export interface PaginationMeta {
  /** `page`: increment a page number; `link`: follow `Link: <…>; rel="next"`. */
  readonly style: "page" | "link";
  /** Name of the page-number parameter. */
  readonly page: string;
  /** Name of the page-size parameter, when there is one. */
  readonly limit?: string;
  /** The page size used when the caller does not pass `limit` (the schema default), or the vendor's fixed size. */
  readonly pageSize?: number;
  /** Path to the item array in the response body. */
  readonly items: readonly string[];
}

/** One operation of a spec, as the runtime needs it. */
export interface OperationMeta {
  /** `<resource>.<method>`, the spec's operationId. */
  readonly id: string;
  /** HTTP method, upper case. */
  readonly method: string;
  /** Path template relative to the server URL. */
  readonly path: string;
  /** Safe to send more than once (GET, or `x-idempotent: true`). */
  readonly idempotent: boolean;
  /** Names of the path parameters among the flat params. */
  readonly pathParams?: readonly string[];
  /** Names of the query parameters among the flat params. */
  readonly queryParams?: readonly string[];
  /** Request body encodings, preferred first (multipart is used only when a file is present). */
  readonly body?: readonly ("json" | "form" | "multipart")[];
  /** Form fields that travel JSON-encoded (`encoding.<field>.contentType: application/json`). */
  readonly jsonFields?: readonly string[];
  /** `binary` when the success response is a file rather than JSON. */
  readonly response?: "json" | "binary" | "empty";
  /** The spec's `x-pagination`. */
  readonly pagination?: PaginationMeta;
  /** The flat params' schema (path + query + body), for validation before sending. */
  readonly schema?: Schema;
  /** Whether the call needs no authentication (`security: []`). */
  readonly noAuth?: boolean;
}

/** Vendor-wide wiring from the spec's root `x-inboxkit`. */
export interface VendorMeta {
  /** Vendor name used in messages. */
  readonly name: string;
  /** The default server URL. */
  readonly baseUrl: string;
  /** Response property holding the payload; methods return it. */
  readonly envelope?: string;
  /** Path to the vendor error code in an error body. */
  readonly errorCode?: readonly string[];
  /** Path to the human message in an error body. */
  readonly errorMessage?: readonly string[];
}

/** Reads a value at `path` inside `value` (undefined when any step is missing). */
export function getPath(value: unknown, path: readonly string[] | undefined): unknown {
  if (!path) return undefined;
  let cur = value;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
