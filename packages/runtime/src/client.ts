/**
 * `createApiClient`: a vendor's core ({@link createApiCore}) with a generated operation table mapped
 * onto it — a typed method per operation, plus `raw` (openapi-fetch, path-keyed) and `rateLimit`.
 * Both go through the core's one pipeline.
 * @module
 */
import { createApiCore, type ApiCore, type ClientCore, type ClientOptions, type VendorWiring } from "./core.js";
import type { OperationMeta, VendorMeta } from "./operation.js";
import { iterateOperation, operationPages } from "./paginate.js";
import { followOperation, operationHistory } from "./time-cursor.js";
import type { RequestOptions } from "./types.js";

/**
 * The client object of a core: one method per operation of `table`, grouped by resource
 * (`<resource>.<method>`, or `<api>.<resource>.<method>` in a multi-API spec: the last two parts
 * name the method), each calling {@link ApiCore.call}; list operations get `.iterate` and `.pages`,
 * time-cursor lists `.iterateHistory` and `.follow`. `raw` and `rateLimit` are the core's.
 */
export function withOperations<Paths extends {}, Api extends object>(core: ApiCore<Paths>, table: readonly OperationMeta[]): Api & ClientCore<Paths> {
  const api: Record<string, Record<string, unknown>> = {};
  for (const op of table) {
    const parts = op.id.split(".");
    const name = parts[parts.length - 1] as string;
    const group = parts[parts.length - 2] as string;
    const method = (params?: Record<string, unknown>, callOptions?: RequestOptions) => core.call(op, params, callOptions);
    if (op.pagination) {
      Object.assign(method, {
        iterate: (params?: Record<string, unknown>, callOptions?: RequestOptions) => iterateOperation(core, op, params, callOptions),
        pages: (params?: Record<string, unknown>, callOptions?: RequestOptions) => operationPages(core, op, params, callOptions),
      });
    }
    if (op.timeCursor) {
      Object.assign(method, {
        iterateHistory: (params?: Record<string, unknown>, callOptions?: RequestOptions) => operationHistory(core, op, params, callOptions),
        follow: (params?: Record<string, unknown>, callOptions?: RequestOptions) => followOperation(core, op, params, callOptions),
      });
    }
    (api[group] ??= {})[name] = method;
  }
  return Object.defineProperties(api, {
    raw: { value: core.raw, enumerable: false },
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
  return withOperations<Paths, Api>(createApiCore<Paths>(vendor, options, wiring, table), table);
}
