/**
 * Auto-pagination driven by the spec's `x-pagination`: async iterators over pages and over items.
 * @module
 */
import { getPath, type OperationMeta } from "./operation.js";

/** One page of a list operation. */
export interface Page<Data, Item> {
  /** The items of this page. */
  readonly items: Item[];
  /** The page's (unwrapped) response data. */
  readonly data: Data;
  /** The page number that was requested (1-based), when the operation pages by number. */
  readonly page: number | undefined;
}

/** What the pager needs from the client: one raw call returning the body and the response. */
export type PageFetcher = (
  op: OperationMeta,
  params: Record<string, unknown>,
) => Promise<{ body: unknown; data: unknown; response: Response }>;

/** Parses an RFC 8288 `Link` header and returns the `rel="next"` URL, if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>(.*)/.exec(part.trim());
    if (match && /;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(match[2] ?? "")) return match[1];
  }
  return undefined;
}

/**
 * Iterates the pages of `op`: by page number until an empty or short page (`style: page`), or by
 * following `Link: rel="next"` until there is none (`style: link`). Stops as well if the API
 * points back at a page it already returned.
 */
export async function* iteratePages(
  fetchPage: PageFetcher,
  op: OperationMeta,
  params: Record<string, unknown> = {},
): AsyncGenerator<Page<unknown, unknown>, void, undefined> {
  const pg = op.pagination;
  if (!pg) throw new TypeError(`${op.id} does not paginate`);
  const current: Record<string, unknown> = { ...params };
  let page = current[pg.page] === undefined ? (pg.style === "page" ? 1 : undefined) : Number(current[pg.page]);
  if (page !== undefined) current[pg.page] = page;
  const seen = new Set<string>();
  for (;;) {
    const { body, data, response } = await fetchPage(op, current);
    const found = getPath(body, pg.items);
    const items = Array.isArray(found) ? (found as unknown[]) : [];
    yield { items, data, page };
    if (items.length === 0) return;
    if (pg.style === "link") {
      const next = nextLink(response.headers.get("link"));
      if (!next || seen.has(next)) return;
      seen.add(next);
      const query = new URL(next, "http://base.invalid").searchParams;
      for (const name of op.queryParams ?? []) {
        const value = query.get(name);
        if (value !== null) current[name] = /^\d+$/.test(value) ? Number(value) : value;
      }
      const nextPage = current[pg.page];
      if (nextPage !== undefined && Number(nextPage) === page) return;
      page = nextPage === undefined ? undefined : Number(nextPage);
    } else {
      const size = Number(current[pg.limit ?? ""] ?? pg.pageSize);
      if (Number.isFinite(size) && items.length < size) return;
      page = (page ?? 1) + 1;
      current[pg.page] = page;
    }
  }
}

/** Flattens {@link iteratePages} into the items themselves. */
export async function* iterateItems(
  fetchPage: PageFetcher,
  op: OperationMeta,
  params?: Record<string, unknown>,
): AsyncGenerator<unknown, void, undefined> {
  for await (const page of iteratePages(fetchPage, op, params)) yield* page.items;
}
