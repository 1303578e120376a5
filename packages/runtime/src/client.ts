/**
 * `createApiClient`: a vendor's core ({@link createApiCore}) with a generated operation table mapped
 * onto it — a typed method per operation, plus `raw` (openapi-fetch, path-keyed) and `rateLimit`.
 * Both go through the core's one pipeline.
 * @module
 */
import { createRequestBudget } from "./budget.js";
import { createApiCore, type ApiCore, type ClientCore, type ClientOptions, type CoreParts, type VendorWiring } from "./core.js";
import type { OperationMeta, VendorMeta } from "./operation.js";
import { iterateOperation, operationPages } from "./paginate.js";
import { rawClient } from "./raw.js";
import { followOperation, operationHistory } from "./time-cursor.js";
import type { RequestOptions } from "./types.js";
import { templateRegExp } from "./url.js";

/** Compiles the table's path templates for raw-call lookups. */
function compileLookup(table: readonly OperationMeta[], baseUrl: string): (method: string, url: string) => OperationMeta | undefined {
  const exact = new Map<string, OperationMeta>();
  const templated: { method: string; re: RegExp; op: OperationMeta }[] = [];
  for (const op of table) {
    if (op.path.includes("{")) templated.push({ method: op.method, re: templateRegExp(op.path), op });
    else exact.set(`${op.method} ${op.path}`, op);
  }
  return (method, url) => {
    let path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : new URL(url).pathname;
    const q = path.search(/[?#]/);
    if (q >= 0) path = path.slice(0, q);
    const hit = exact.get(`${method} ${path}`);
    if (hit) return hit;
    for (const t of templated) if (t.method === method && t.re.test(path)) return t.op;
    return undefined;
  };
}

/**
 * What a client object gives its core (`create<Vendor>Core(options, clientParts(table))` in a
 * vendor's client factory): `raw` (openapi-fetch on the core's pipeline), raw calls matched to the
 * table's operations, and the request budget's code, so that `requestBudget: { requests, intervalMs }`
 * works on every client. A core built for the standalone functions gets none of them and bundles none.
 */
export function clientParts(table: readonly OperationMeta[]): CoreParts {
  return { raw: rawClient, lookup: (baseUrl) => compileLookup(table, baseUrl), budget: createRequestBudget };
}

/**
 * The runtime's iterators a table's methods get: `iterate` and `pages` for paged lists
 * (`x-pagination`), `history` and `follow` for time-cursor lists. The generator writes each table's
 * set next to it (`operationIterators`), holding only those its operations use, so that a client
 * bundles no pager it cannot call.
 */
export interface OperationIterators {
  /** Every item of a paged list, page after page (a paged method's `.iterate`). */
  readonly iterate?: typeof iterateOperation;
  /** Every page of a paged list (a paged method's `.pages`). */
  readonly pages?: typeof operationPages;
  /** A time-cursor list back in time (its method's `.iterateHistory`). */
  readonly history?: typeof operationHistory;
  /** A time-cursor list from a time on, each item once (its method's `.follow`). */
  readonly follow?: typeof followOperation;
}

/** Every iterator (what {@link createApiClient} gives a table it knows nothing about). */
const ALL_ITERATORS: OperationIterators = { iterate: iterateOperation, pages: operationPages, history: operationHistory, follow: followOperation };

/** The iterator `name` of `iterators`, or a TypeError naming what is missing (a table and its iterators out of step). */
function need<K extends keyof OperationIterators>(iterators: OperationIterators, name: K, op: OperationMeta): NonNullable<OperationIterators[K]> {
  const fn = iterators[name];
  if (typeof fn !== "function") throw new TypeError(`${op.id} needs the \`${name}\` iterator: pass the table's generated iterators to withOperations (regenerate the client)`);
  return fn as NonNullable<OperationIterators[K]>;
}

/**
 * The client object of a core: one method per operation of `table`, grouped by resource
 * (`<resource>.<method>`, or `<api>.<resource>.<method>` in a multi-API spec: the last two parts
 * name the method), each calling {@link ApiCore.call}; list operations get `.iterate` and `.pages`,
 * time-cursor lists `.iterateHistory` and `.follow`, from `iterators` (the table's generated set).
 * `raw` and `rateLimit` are the core's (`raw` is there when the core was built with `clientParts`).
 * @throws {TypeError} when an operation of the table pages and `iterators` lacks its iterator.
 */
export function withOperations<Paths extends {}, Api extends object>(core: ApiCore<Paths>, table: readonly OperationMeta[], iterators: OperationIterators = {}): Api & ClientCore<Paths> {
  const api: Record<string, Record<string, unknown>> = {};
  for (const op of table) {
    const parts = op.id.split(".");
    const name = parts[parts.length - 1] as string;
    const group = parts[parts.length - 2] as string;
    const method = (params?: Record<string, unknown>, callOptions?: RequestOptions) => core.call(op, params, callOptions);
    if (op.pagination) {
      const [iterate, pages] = [need(iterators, "iterate", op), need(iterators, "pages", op)];
      Object.assign(method, {
        iterate: (params?: Record<string, unknown>, callOptions?: RequestOptions) => iterate(core, op, params, callOptions),
        pages: (params?: Record<string, unknown>, callOptions?: RequestOptions) => pages(core, op, params, callOptions),
      });
    }
    if (op.timeCursor) {
      const [history, follow] = [need(iterators, "history", op), need(iterators, "follow", op)];
      Object.assign(method, {
        iterateHistory: (params?: Record<string, unknown>, callOptions?: RequestOptions) => history(core, op, params, callOptions),
        follow: (params?: Record<string, unknown>, callOptions?: RequestOptions) => follow(core, op, params, callOptions),
      });
    }
    (api[group] ??= {})[name] = method;
  }
  return Object.defineProperties(api, {
    raw: { value: (core as Partial<ClientCore<Paths>>).raw, enumerable: false },
    rateLimit: { get: () => core.rateLimit, enumerable: false },
  }) as unknown as Api & ClientCore<Paths>;
}

/**
 * Builds a client from a generated operation table: {@link createApiCore} (which also matches raw
 * calls to the table's operations) with {@link withOperations} on top. Vendor packages call this;
 * users call the vendor's `create<Vendor>Client`.
 * @throws {ValidationError} on an unknown option or a wrong type, a missing or unsafe `baseUrl`, or a header that cannot be sent.
 */
export function createApiClient<Paths extends {}, Api extends object>(
  vendor: VendorMeta,
  table: readonly OperationMeta[],
  options: ClientOptions = {},
  wiring: VendorWiring = {},
): Api & ClientCore<Paths> {
  return withOperations<Paths, Api>(createApiCore<Paths>(vendor, options, wiring, clientParts(table)), table, ALL_ITERATORS);
}
