/**
 * Paging by time (the spec's `x-time-cursor`): lists whose items come newest first, with an
 * exclusive "older than" parameter (`before`) and an inclusive "same time or newer" one (`since`).
 *
 * Many items may share one timestamp (a timestamp is an integer, often in seconds), so moving
 * `before` to the oldest item's time would skip the rest of its second, and moving it just past
 * that time would repeat what was already seen. The walk therefore asks for `before = T + 1` (items
 * at `T` or older) with `offset` = the number of items at `T` the server has already returned, and
 * also drops any id it has already yielded (for servers whose order among equal times is unstable).
 * @module
 */
import { PaginationError } from "./errors.js";
import { getPath, type OperationMeta, type TimeCursorMeta } from "./operation.js";
import { itemsAt, pageFetcher, pageGuard, type PageFetcher, type PagingContext, type PagingCore } from "./paginate.js";
import type { RequestOptions } from "./types.js";

/** Page size used when the caller passes no `limit`. */
const DEFAULT_LIMIT = 20;

function meta(op: OperationMeta): TimeCursorMeta {
  if (!op.timeCursor) throw new TypeError(`${op.id} does not page by time`);
  return op.timeCursor;
}

function fail(op: OperationMeta, paging: PagingContext, message: string): never {
  throw new PaginationError(`${paging.vendor} ${op.id}: ${message}`, { request: { operationId: op.id, method: op.method, path: op.path } });
}

/** An item's time as an integer (a number or a string of digits). */
function timeOf(item: unknown, tc: TimeCursorMeta, op: OperationMeta, paging: PagingContext): number {
  const raw = getPath(item, tc.time);
  const time = typeof raw === "number" ? raw : typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(time)) fail(op, paging, `an item has no integer timestamp at ${tc.time.join(".")}`);
  return time;
}

/** An item's id as a string key, or `undefined` when it has none (it is then never de-duplicated). */
function idOf(item: unknown, tc: TimeCursorMeta): string | undefined {
  const raw = getPath(item, tc.id);
  return typeof raw === "string" || typeof raw === "number" ? String(raw) : undefined;
}

function limitOf(params: Record<string, unknown>, tc: TimeCursorMeta): number {
  const asked = Number(params[tc.limit]);
  return Number.isInteger(asked) && asked > 0 ? asked : DEFAULT_LIMIT;
}

/**
 * Items from the caller's `before` (or the newest) back to the oldest, newest first, each once.
 * Pages by moving `before` to just past the oldest item's time `T`, with `offset` stepping over the
 * items at `T` already returned; stops on a page shorter than `limit` (the caller's, default 20,
 * always sent). Items newer than the first page that arrive meanwhile are not part of the walk.
 * Memory: the ids of the items at the current boundary timestamp.
 * @throws {PaginationError} when an item has no integer time, on a repeated window, or after `maxPages`.
 */
export async function* iterateHistory(
  fetchPage: PageFetcher,
  op: OperationMeta,
  params: Record<string, unknown>,
  paging: PagingContext,
): AsyncGenerator<unknown, void, undefined> {
  const tc = meta(op);
  const limit = limitOf(params, tc);
  const visit = pageGuard(op, paging);
  let current: Record<string, unknown> = { ...params, [tc.limit]: limit };
  let boundary: number | undefined;
  let atBoundary = new Set<string>();
  for (;;) {
    visit(current);
    const { body } = await fetchPage(op, current);
    const items = itemsAt(body, tc.items);
    if (items.length === 0) return;
    const times = items.map((item) => timeOf(item, tc, op, paging));
    const oldest = times[times.length - 1] as number;
    // Ids at the new boundary time: the only ones the next window can return again.
    const nextAtBoundary = oldest === boundary ? atBoundary : new Set<string>();
    let fresh = 0;
    for (let i = 0; i < items.length; i++) {
      const id = idOf(items[i], tc);
      const time = times[i] as number;
      if (id !== undefined && time === boundary && atBoundary.has(id)) continue;
      if (id !== undefined && time === oldest) nextAtBoundary.add(id);
      fresh++;
      yield items[i];
    }
    if (items.length < limit) return;
    // A full page of nothing new: the server ignores `offset`, and the walk would never move.
    if (fresh === 0) fail(op, paging, `a full page held only items already returned (does the API honour ${tc.offset}?)`);
    // Same window as this one (every item was at `oldest`): step further in; else a new window.
    const sameWindow = Number(current[tc.before]) === oldest + 1;
    const returnedAtOldest = times.filter((t) => t === oldest).length;
    const offset = (sameWindow ? Number(current[tc.offset] ?? 0) : 0) + returnedAtOldest;
    boundary = oldest;
    atBoundary = nextAtBoundary;
    current = { ...current, [tc.before]: oldest + 1, [tc.offset]: offset };
  }
}

/**
 * Everything at or after the caller's `since` (inclusive), oldest first, each id once: what a
 * websocket client fetches to backfill after a reconnect. It walks the window newest first (as
 * {@link iterateHistory}, with `since` sent) and then yields in ascending time, so it holds the
 * whole window in memory before the first item; keep the window short (the time of the last item
 * you saw). Items at exactly `since` are included: drop the ones you already have.
 */
export async function* follow(
  fetchPage: PageFetcher,
  op: OperationMeta,
  params: Record<string, unknown>,
  paging: PagingContext,
): AsyncGenerator<unknown, void, undefined> {
  const tc = meta(op);
  const collected: { item: unknown; time: number }[] = [];
  const ids = new Set<string>();
  for await (const item of iterateHistory(fetchPage, op, params, paging)) {
    const id = idOf(item, tc);
    if (id !== undefined) {
      if (ids.has(id)) continue;
      ids.add(id);
    }
    collected.push({ item, time: timeOf(item, tc, op, paging) });
  }
  // Newest first as received: reverse for oldest first, then a stable sort by time for safety.
  collected.reverse().sort((a, b) => a.time - b.time);
  for (const { item } of collected) yield item;
}

/** {@link iterateHistory} of a time-cursor list operation called through `core` (the client's `.iterateHistory(params)`, a standalone `…IterateHistory(core, params)`). */
export function operationHistory(core: PagingCore, op: OperationMeta, params?: Record<string, unknown>, options?: RequestOptions): AsyncGenerator<unknown, void, undefined> {
  return iterateHistory(pageFetcher(core, options), op, params ?? {}, core.paging);
}

/** {@link follow} of a time-cursor list operation called through `core` (the client's `.follow(params)`, a standalone `…Follow(core, params)`). */
export function followOperation(core: PagingCore, op: OperationMeta, params?: Record<string, unknown>, options?: RequestOptions): AsyncGenerator<unknown, void, undefined> {
  return follow(pageFetcher(core, options), op, params ?? {}, core.paging);
}
