/**
 * The operation table: what `scripts/generate.mjs` emits from a spec and the runtime executes
 * (the spec extensions are described in the repository's `specs/README.md`).
 * @module
 */
import type { BodyEncoder } from "./serialize.js";
import type { Schema, SchemaKeywords } from "./validate.js";

/** How a list operation pages (the spec's `x-pagination`). */
export interface PaginationMeta {
  /**
   * `page`: increment a page number until a short or empty page (or `total` items);
   * `link`: follow `Link: <…>; rel="next"`; `next`: follow the absolute URL at `next` in the body
   * (Django REST framework) until it is null; `cursor`: set query parameter `param` to the value at
   * `field` of the `pick` item of each page, until an empty page or an unchanged cursor.
   */
  readonly style: "page" | "link" | "next" | "cursor";
  /** Path to the item array in the response body (`[]` when the body is the array). */
  readonly items: readonly string[];
  /** `page` and `link`: name of the page-number parameter. */
  readonly page?: string;
  /** Name of the page-size parameter, when there is one. */
  readonly limit?: string;
  /** The page size used when the caller does not pass `limit` (the schema default), or the vendor's fixed size. */
  readonly pageSize?: number;
  /** `page`: path to the total item count in the body; the iteration stops once that many items were seen. */
  readonly total?: readonly string[];
  /** `next`: path to the next page's absolute URL in the body. */
  readonly next?: readonly string[];
  /** `cursor`: the query parameter that carries the cursor (`before`). */
  readonly param?: string;
  /** `cursor`: path, inside an item, of the value that becomes the next cursor (`id`). */
  readonly field?: readonly string[];
  /** `cursor`: which item of a page gives the cursor. */
  readonly pick?: "first" | "last";
  /**
   * `link` and `next`: which query parameters of the next page's URL are sent. `declared` (the
   * default): only those the operation declares, as params. `all`: the others too, as they are
   * (for vendors whose next URL carries opaque paging state the caller cannot set); they are never
   * validated or taken from the caller, only echoed from a URL on the client's origin and the
   * operation's path.
   */
  readonly followQuery?: "declared" | "all";
}

/**
 * A list that also pages by time (the spec's `x-time-cursor`): newest first, with an exclusive
 * "older than" parameter and an inclusive "same time or newer" one. Times are integer POSIX
 * timestamps (numbers, or strings of digits).
 */
export interface TimeCursorMeta {
  /** Query parameter: items strictly older than this time. */
  readonly before: string;
  /** Query parameter: items at this time or newer. */
  readonly since: string;
  /** Path, inside an item, of its time. */
  readonly time: readonly string[];
  /** Path, inside an item, of its unique id (used to de-duplicate). */
  readonly id: readonly string[];
  /** Query parameter that skips items (to step past items sharing one timestamp). */
  readonly offset: string;
  /** Query parameter of the page size. */
  readonly limit: string;
  /** Path to the item array in the response body. */
  readonly items: readonly string[];
}

/** One operation of a spec, as the runtime needs it. */
export interface OperationMeta {
  /** `<resource>.<method>` (or `<api>.<resource>.<method>`), the spec's operationId. */
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
  /**
   * The encoders of the non-JSON encodings in `body` (`multipartEncoder`, `formEncoder`): carried by
   * the operation, so that only the operations that send a form or multipart body bring the code.
   */
  readonly encoders?: Readonly<Partial<Record<"form" | "multipart", BodyEncoder>>>;
  /** Form fields that travel JSON-encoded (`encoding.<field>.contentType: application/json`). */
  readonly jsonFields?: readonly string[];
  /** `binary` when the success response is a file rather than JSON; `empty` when it has no body. */
  readonly response?: "json" | "binary" | "empty";
  /** The spec's `x-pagination`. */
  readonly pagination?: PaginationMeta;
  /** The spec's `x-time-cursor`. */
  readonly timeCursor?: TimeCursorMeta;
  /** The flat params' schema (path + query + body), for validation before sending. */
  readonly schema?: Schema;
  /**
   * The checkers of the keywords only some schemas use (unions, `format: date`, …) that `schema`
   * uses: carried by the operation, so that only the operations whose schemas need them bring the code.
   */
  readonly keywords?: SchemaKeywords;
  /** Whether the call needs no authentication (`security: []`). */
  readonly noAuth?: boolean;
  /**
   * The security scheme names the operation accepts (absent = any). A client whose credential is of
   * another scheme ({@link VendorWiring.scheme}) refuses the operation before sending.
   */
  readonly auth?: readonly string[];
}

/** Vendor-wide wiring from the spec's root `x-inboxkit`. */
export interface VendorMeta {
  /** Vendor name used in messages. */
  readonly name: string;
  /** The default server URL; absent for self-hosted vendors (the client then requires `baseUrl`). */
  readonly baseUrl?: string;
  /** Response property holding the payload; methods return it. */
  readonly envelope?: string;
  /** Path to the vendor error code in an error body. */
  readonly errorCode?: readonly string[];
  /** Path to the human message in an error body. */
  readonly errorMessage?: readonly string[];
  /** The response header carrying the vendor's request id (`x-inboxkit.requestIdHeader`), when its doc names one. */
  readonly requestIdHeader?: string;
}

/** Request-id headers looked for when the vendor's spec names none. */
const REQUEST_ID_HEADERS = ["x-request-id", "request-id"];

/** The vendor's request id of a response: its spec's header, else a common one; undefined when absent. */
export function requestIdOf(vendor: VendorMeta, headers: Headers): string | undefined {
  for (const name of vendor.requestIdHeader ? [vendor.requestIdHeader] : REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/**
 * Reads a value at `path` inside `value` (undefined when any step is missing). Only own properties
 * are followed, so `constructor` or `__proto__` never reach into prototypes.
 */
export function getPath(value: unknown, path: readonly string[] | undefined): unknown {
  if (!path) return undefined;
  let cur = value;
  for (const key of path) {
    if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
