/**
 * Auto-pagination driven by the spec's `x-pagination`: async iterators over pages and over items.
 *
 * Every style goes through the client's normal pipeline (auth, validation, retries): a `Link` or a
 * `next` URL is never fetched as given, its query parameters are taken into the next call, and only
 * once the URL is known to be the client's own origin and the operation's own path. Every style
 * refuses to fetch a page twice (a cycle, e.g. `1 → 2 → 1`) and stops after `maxPages`.
 * @module
 */
import { PaginationError } from "./errors.js";
import { getPath, type OperationMeta } from "./operation.js";
import { isOperationUrl } from "./url.js";
import type { Schema } from "./validate.js";
import type { ApiCore } from "./core.js";
import type { RequestOptions } from "./types.js";

/** One page of a list operation. */
export interface Page<Data, Item> {
  /** The items of this page. */
  readonly items: Item[];
  /** The page's (unwrapped) response data. */
  readonly data: Data;
  /** The page number that was requested (1-based), when the operation pages by number. */
  readonly page: number | undefined;
  /** The page's HTTP response (its body already read: use `data`). */
  readonly response: Response;
}

/** What the pager needs from the client: one call through the pipeline, returning the body and the response. */
export type PageFetcher = (
  op: OperationMeta,
  params: Record<string, unknown>,
  /** Query parameters the operation does not declare, echoed from a next-page URL (`followQuery: "all"`). */
  extraQuery?: Readonly<Record<string, string | string[]>>,
) => Promise<{ body: unknown; data: unknown; response: Response }>;

/** What the pager needs to know about the client. */
export interface PagingContext {
  /** The client's base URL: a next-page URL must be on its origin, below its path. */
  readonly baseUrl: string;
  /** Vendor name, for messages. */
  readonly vendor: string;
  /** Hard cap on the pages of one iteration. Default 10 000. */
  readonly maxPages?: number;
}

/** The default {@link PagingContext.maxPages}. */
export const DEFAULT_MAX_PAGES = 10_000;

/** Parses an RFC 8288 `Link` header and returns the `rel="next"` URL, if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>(.*)/.exec(part.trim());
    if (match && /;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(match[2] ?? "")) return match[1];
  }
  return undefined;
}

/** The item array at `path` (an empty list when the body has none). */
export function itemsAt(body: unknown, path: readonly string[]): unknown[] {
  const found = path.length === 0 ? body : getPath(body, path);
  return Array.isArray(found) ? (found as unknown[]) : [];
}

/** A stable key of a request's params (sorted), to recognise a page already fetched. */
export function pageKey(params: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(params).sort().map((k) => [k, params[k]]));
}

/**
 * Guards one iteration: refuses a page already fetched and more than `maxPages` pages. Call
 * `visit(params)` before each fetch.
 */
export function pageGuard(op: OperationMeta, paging: PagingContext): (params: Record<string, unknown>) => void {
  const seen = new Set<string>();
  const max = paging.maxPages ?? DEFAULT_MAX_PAGES;
  return (params) => {
    const key = pageKey(params);
    if (seen.has(key)) throw new PaginationError(`${paging.vendor} ${op.id}: the API pointed back at a page it already returned; stopping instead of looping`, { request: { operationId: op.id, method: op.method, path: op.path } });
    if (seen.size >= max) throw new PaginationError(`${paging.vendor} ${op.id}: stopped after ${max} pages (the client's maxPages)`, { request: { operationId: op.id, method: op.method, path: op.path } });
    seen.add(key);
  };
}

/** The schema of parameter `name` of `op` (its own property, or an alternative's in a union). */
function paramSchema(op: OperationMeta, name: string): Schema | undefined {
  const own = (props: Readonly<Record<string, Schema>> | undefined) => (props && Object.prototype.hasOwnProperty.call(props, name) ? props[name] : undefined);
  const schema = op.schema;
  return own(schema?.properties) ?? [...(schema?.oneOf ?? []), ...(schema?.anyOf ?? [])].map((alt) => own(alt.properties)).find(Boolean);
}

/** Whether a parameter's schema (or, for an array, its items') takes a number and not a string. */
function numeric(schema: Schema | undefined): boolean {
  if (!schema) return false;
  const target = schema.type === "array" || (Array.isArray(schema.type) && schema.type.includes("array")) ? schema.items : schema;
  const types = target?.type === undefined ? [] : typeof target.type === "string" ? [target.type] : target.type;
  return types.some((t) => t === "integer" || t === "number") && !types.includes("string");
}

/**
 * A query value from a URL as a param. Digits become a number only where the parameter's schema
 * takes a number and not a string, and only when they round-trip exactly (no precision lost on long
 * ids): a string-typed `q=2024` stays `"2024"`.
 */
function queryValue(values: string[], schema: Schema | undefined): unknown {
  const asNumber = numeric(schema);
  const one = (v: string): unknown => (asNumber && /^-?\d+$/.test(v) && String(Number(v)) === v ? Number(v) : v);
  return values.length === 1 ? one(values[0] as string) : values.map(one);
}

/**
 * The params of the page a next-page URL points at: the current ones with the URL's query
 * parameters (those the operation declares) taken in. Throws a {@link PaginationError} (and fetches
 * nothing) when the URL is not on the client's origin and the operation's path.
 */
function followUrl(href: string, base: string, current: Record<string, unknown>, op: OperationMeta, paging: PagingContext): { params: Record<string, unknown>; extra: Record<string, string | string[]> | undefined } {
  let url: URL | undefined;
  try {
    url = new URL(href, base);
  } catch {
    /* reported below */
  }
  if (!url || !isOperationUrl(url, paging.baseUrl, op.path)) {
    const where = url ? `${url.origin}${url.pathname}` : "an invalid URL";
    throw new PaginationError(`${paging.vendor} ${op.id}: the next page points to ${where}, which is not ${op.path} on ${paging.baseUrl}; it was not followed`, {
      request: { operationId: op.id, method: op.method, path: op.path },
    });
  }
  const next: Record<string, unknown> = { ...current };
  const declared = op.queryParams ?? [];
  for (const name of declared) {
    const values = url.searchParams.getAll(name);
    if (values.length) next[name] = queryValue(values, paramSchema(op, name));
  }
  let extra: Record<string, string | string[]> | undefined;
  if (op.pagination?.followQuery === "all") {
    for (const name of new Set(url.searchParams.keys())) {
      if (declared.includes(name)) continue;
      const values = url.searchParams.getAll(name);
      (extra ??= Object.create(null) as Record<string, string | string[]>)[name] = values.length === 1 ? (values[0] as string) : values;
    }
  }
  return { params: next, extra };
}

/**
 * Iterates the pages of `op` in its `x-pagination` style (see {@link PaginationMeta}), starting from
 * the caller's params. Stops on an empty page, and per style on a short page or `total` (`page`),
 * a missing next link (`link`, `next`) or an unchanged cursor (`cursor`).
 * @throws {PaginationError} on a revisited page, a next URL outside the operation, or `maxPages`.
 */
export async function* iteratePages(
  fetchPage: PageFetcher,
  op: OperationMeta,
  params: Record<string, unknown>,
  paging: PagingContext,
): AsyncGenerator<Page<unknown, unknown>, void, undefined> {
  const pg = op.pagination;
  if (!pg) throw new TypeError(`${op.id} does not paginate`);
  if ((pg.style === "page" || pg.style === "link") && !pg.page) throw new TypeError(`${op.id}: pagination style ${pg.style} needs page`);
  const visit = pageGuard(op, paging);
  let current: Record<string, unknown> = { ...params };
  if (pg.style === "page") current[pg.page as string] = current[pg.page as string] === undefined ? 1 : Number(current[pg.page as string]);
  let extra: Record<string, string | string[]> | undefined;
  let seenItems = 0;
  for (;;) {
    visit(extra ? { ...current, "\u0000extra": extra } : current);
    const { body, data, response } = await fetchPage(op, current, extra);
    const items = itemsAt(body, pg.items);
    const number = pg.page !== undefined && current[pg.page] !== undefined ? Number(current[pg.page]) : undefined;
    yield { items, data, page: number, response };
    if (items.length === 0) return;
    seenItems += items.length;
    const base = response.url || `${paging.baseUrl}${op.path}`;
    switch (pg.style) {
      case "page": {
        const total = Number(getPath(body, pg.total));
        if (pg.total && Number.isFinite(total) && seenItems >= total) return;
        const size = Number(current[pg.limit ?? ""] ?? pg.pageSize);
        if (Number.isFinite(size) && items.length < size) return;
        current = { ...current, [pg.page as string]: (number ?? 1) + 1 };
        break;
      }
      case "link": {
        const href = nextLink(response.headers.get("link"));
        if (!href) return;
        ({ params: current, extra } = followUrl(href, base, current, op, paging));
        break;
      }
      case "next": {
        const href = getPath(body, pg.next);
        if (href === null || href === undefined || href === "") return;
        if (typeof href !== "string") throw new PaginationError(`${paging.vendor} ${op.id}: the next page URL in the body is not a string`, { request: { operationId: op.id, method: op.method, path: op.path } });
        ({ params: current, extra } = followUrl(href, base, current, op, paging));
        break;
      }
      case "cursor": {
        const param = pg.param as string;
        const cursor = getPath(pg.pick === "first" ? items[0] : items[items.length - 1], pg.field);
        if (cursor === undefined || cursor === null || (typeof cursor !== "string" && typeof cursor !== "number")) {
          throw new PaginationError(`${paging.vendor} ${op.id}: the ${pg.pick ?? "last"} item of the page has no ${(pg.field ?? []).join(".")} to page on`, { request: { operationId: op.id, method: op.method, path: op.path } });
        }
        if (current[param] !== undefined && String(current[param]) === String(cursor)) return;
        current = { ...current, [param]: cursor };
        break;
      }
    }
  }
}

/** Flattens {@link iteratePages} into the items themselves. */
export async function* iterateItems(
  fetchPage: PageFetcher,
  op: OperationMeta,
  params: Record<string, unknown>,
  paging: PagingContext,
): AsyncGenerator<unknown, void, undefined> {
  for await (const page of iteratePages(fetchPage, op, params, paging)) yield* page.items;
}

/** What the operation iterators need from a core: its sending step and its paging context. */
export type PagingCore = Pick<ApiCore, "send" | "paging">;

/** The {@link PageFetcher} of one iteration: every page sent through `core` with the caller's options. */
export function pageFetcher(core: PagingCore, options?: RequestOptions): PageFetcher {
  return (op, params, extraQuery) => core.send(op, params, options, extraQuery);
}

/**
 * Every item of every page of a list operation called through `core` (what the client's
 * `.iterate(params)` and a standalone `…Iterate(core, params)` function return).
 */
export function iterateOperation(core: PagingCore, op: OperationMeta, params?: Record<string, unknown>, options?: RequestOptions): AsyncGenerator<unknown, void, undefined> {
  return iterateItems(pageFetcher(core, options), op, params ?? {}, core.paging);
}

/** Every page of a list operation called through `core` (the client's `.pages(params)`, a standalone `…Pages(core, params)`). */
export function operationPages(core: PagingCore, op: OperationMeta, params?: Record<string, unknown>, options?: RequestOptions): AsyncGenerator<Page<unknown, unknown>, void, undefined> {
  return iteratePages(pageFetcher(core, options), op, params ?? {}, core.paging);
}
