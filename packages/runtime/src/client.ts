/**
 * `createApiClient`: turns a generated operation table into a client with a typed method per
 * operation, an openapi-fetch client for path-keyed calls, and the shared request pipeline.
 * @module
 */
import openapiFetch, { type Client } from "openapi-fetch";
import { APIError, ValidationError, errorClassForStatus, RateLimitError, type ValidationIssue } from "./errors.js";
import { RequestBudget, type RequestBudgetOptions } from "./budget.js";
import type { Logger } from "./logger.js";
import { getPath, type OperationMeta, type VendorMeta } from "./operation.js";
import { iterateItems, iteratePages, type PageFetcher } from "./paginate.js";
import { RateLimitTracker, type RateLimitState } from "./rate-limit.js";
import { resolveRetry, serverDelay, type RetryOptions } from "./retry.js";
import { containsFile, toForm, toMultipart } from "./serialize.js";
import { createTransport, PreparedRequest, type AuthHook } from "./transport.js";
import type { RequestOptions } from "./types.js";
import { validate } from "./validate.js";

/** Options every InboxKit client accepts (vendor clients add their credentials). */
export interface ClientOptions {
  /** Server URL. Must be https, except for loopback hosts (local mocks). Defaults to the vendor's. */
  readonly baseUrl?: string;
  /** The fetch implementation. Defaults to `globalThis.fetch`. */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Retry policy, or `false` for none. Only requests that are safe to repeat are retried. */
  readonly retry?: RetryOptions | false;
  /** Per-attempt timeout in ms (0 = none). Default 60000. */
  readonly timeoutMs?: number;
  /**
   * When the API reported that the rate-limit budget is spent (or asked to pause after a 429),
   * wait up to this many ms before sending instead of provoking a 429. `true` = 60000, `false`/0 = off.
   */
  readonly waitOnRateLimit?: boolean | number;
  /** A client-side request budget (`{ requests, intervalMs }`), or `false` for none. */
  readonly requestBudget?: RequestBudgetOptions | false;
  /** Headers sent with every request. Values may not contain CR or LF. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Debug logger (off by default). Receives no headers or bodies. */
  readonly logger?: Logger;
  /** Check parameters against the spec before sending (default `true`). */
  readonly validate?: boolean;
}

/** What a vendor package adds when it builds its client. */
export interface VendorWiring {
  /** Authentication applied before each attempt. */
  readonly auth?: AuthHook;
  /** Static headers (e.g. a fixed credential header). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Values that must never appear in an error, a serialized error or a log line. */
  readonly secrets?: readonly string[];
  /** Path parameters the client binds from its own configuration (e.g. Helpshift's `domain`). */
  readonly pathDefaults?: Readonly<Record<string, string>>;
  /** The request budget used when the caller does not set `requestBudget`. */
  readonly defaultBudget?: RequestBudgetOptions;
  /** Default for `waitOnRateLimit` when the caller does not set it. */
  readonly defaultWaitOnRateLimit?: boolean | number;
  /** Checks the schema cannot express (e.g. unique button titles); return the issues found. */
  readonly check?: (operationId: string, params: Record<string, unknown>) => ValidationIssue[];
}

/** What every client exposes besides its generated resources. */
export interface ClientCore<Paths extends {}> {
  /** The openapi-fetch client: path-keyed, fully typed calls through the same pipeline (auth, retries, timeouts). */
  readonly raw: Client<Paths>;
  /** The rate-limit budget as the API last reported it. */
  readonly rateLimit: RateLimitState;
}

// openapi-fetch's only entry is its default export; in our CJS build esbuild's interop hands us the
// whole module object instead, so take `.default` when the import is not the function itself.
const createClient: typeof openapiFetch =
  typeof openapiFetch === "function" ? openapiFetch : (openapiFetch as unknown as { default: typeof openapiFetch }).default;

const CRLF = /[\r\n]/;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

/** Throws a {@link ValidationError} for a header value with CR/LF (header injection). */
export function assertHeaderValue(name: string, value: string): void {
  if (CRLF.test(value)) throw new ValidationError([{ path: name, message: "must not contain CR or LF characters" }], { subject: "header value" });
}

/** Checks a base URL: absolute, https unless the host is loopback. Returns it without a trailing slash. */
export function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ValidationError([{ path: "baseUrl", message: `is not an absolute URL: ${baseUrl}` }], { subject: "client options" });
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.test(url.hostname))) {
    throw new ValidationError([{ path: "baseUrl", message: "must use https (plain http is allowed only for localhost / 127.0.0.1 / [::1])" }], { subject: "client options" });
  }
  return baseUrl.replace(/\/+$/, "");
}

/** Compiles the table's path templates for raw-call lookups. */
function compileLookup(table: readonly OperationMeta[], baseUrl: string): (method: string, url: string) => OperationMeta | undefined {
  const exact = new Map<string, OperationMeta>();
  const templated: { method: string; re: RegExp; op: OperationMeta }[] = [];
  for (const op of table) {
    if (op.path.includes("{")) {
      const source = op.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+");
      templated.push({ method: op.method, re: new RegExp(`^${source}$`), op });
    } else exact.set(`${op.method} ${op.path}`, op);
  }
  return (method, url) => {
    let path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : new URL(url).pathname;
    const q = path.indexOf("?");
    if (q >= 0) path = path.slice(0, q);
    const hit = exact.get(`${method} ${path}`);
    if (hit) return hit;
    for (const t of templated) if (t.method === method && t.re.test(path)) return t.op;
    return undefined;
  };
}

/**
 * Builds a client from a generated operation table. Vendor packages call this; users call the
 * vendor's `create<Vendor>Client`.
 */
export function createApiClient<Paths extends {}, Api extends object>(
  vendor: VendorMeta,
  table: readonly OperationMeta[],
  options: ClientOptions = {},
  wiring: VendorWiring = {},
): Api & ClientCore<Paths> {
  const baseUrl = checkBaseUrl(options.baseUrl ?? vendor.baseUrl);
  const configured = (wiring.secrets ?? []).filter((s) => s.length > 0);
  const auth = wiring.auth;
  const secrets = auth?.secrets ? () => [...configured, ...(auth.secrets as () => readonly string[])()] : () => configured;
  const headers: Record<string, string> = { Accept: "application/json", ...wiring.headers, ...options.headers };
  for (const [name, value] of Object.entries(headers)) assertHeaderValue(name, value);
  const fetchImpl = options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
  if (typeof fetchImpl !== "function") throw new ValidationError([{ path: "fetch", message: "no fetch implementation: pass one or use Node >= 18" }], { subject: "client options" });
  const budgetOptions = options.requestBudget === undefined ? wiring.defaultBudget : options.requestBudget || undefined;
  const waitOption = options.waitOnRateLimit ?? wiring.defaultWaitOnRateLimit ?? false;
  const rateLimit = new RateLimitTracker();
  const retry = resolveRetry(options.retry);
  const shouldValidate = options.validate !== false;

  const transport = createTransport({
    fetch: fetchImpl,
    retry,
    timeoutMs: options.timeoutMs ?? 60_000,
    rateLimit,
    maxRateLimitWaitMs: waitOption === true ? 60_000 : waitOption === false ? 0 : waitOption,
    budget: budgetOptions ? new RequestBudget(budgetOptions) : undefined,
    auth: wiring.auth,
    logger: options.logger,
    secrets,
    lookup: compileLookup(table, baseUrl),
  });

  const raw = createClient<Paths>({
    baseUrl,
    headers,
    fetch: transport as unknown as (input: Request) => Promise<Response>,
    Request: PreparedRequest as unknown as typeof Request,
  });

  const unwrap = vendor.envelope ? (body: unknown) => getPath(body, [vendor.envelope as string]) : (body: unknown) => body;

  function toApiError(op: OperationMeta, response: Response, body: unknown, params: Record<string, unknown>): APIError {
    const code = getPath(body, vendor.errorCode);
    const vendorMessage = getPath(body, vendor.errorMessage);
    const text = typeof vendorMessage === "string" && vendorMessage ? vendorMessage : typeof body === "string" && body ? body.slice(0, 300) : response.statusText || "request failed";
    const kept: Record<string, unknown> = {};
    for (const name of [...(op.pathParams ?? []), ...(op.queryParams ?? [])]) if (params[name] !== undefined) kept[name] = params[name];
    const request = { operationId: op.id, method: op.method, path: op.path, params: kept };
    const codeText = code === undefined || code === null ? undefined : String(code);
    const message = `${vendor.name} ${op.id} failed with ${response.status}${codeText ? ` ${codeText}` : ""}: ${text}`;
    const common = {
      status: response.status,
      code: codeText,
      body,
      request,
      secrets: secrets(),
      requestId: response.headers.get("x-request-id") ?? response.headers.get("request-id") ?? undefined,
    };
    const ErrorClass = errorClassForStatus(response.status);
    if (ErrorClass === RateLimitError) return new RateLimitError(message, { ...common, retryAfterMs: serverDelay(response.headers) });
    return new ErrorClass(message, common);
  }

  async function send(op: OperationMeta, params: Record<string, unknown> = {}, callOptions: RequestOptions = {}): Promise<{ body: unknown; data: unknown; response: Response }> {
    if (shouldValidate) {
      const issues = op.schema ? validate(op.schema, params) : [];
      if (wiring.check) issues.push(...wiring.check(op.id, params));
      if (issues.length) throw new ValidationError(issues, { subject: `parameters for ${vendor.name} ${op.id}`, secrets: secrets() });
    }
    if (callOptions.headers) for (const [name, value] of Object.entries(callOptions.headers)) assertHeaderValue(name, value);
    const path: Record<string, unknown> = {};
    let query: Record<string, unknown> | undefined;
    let body: Record<string, unknown> | undefined;
    const pathNames = op.pathParams ?? [];
    const queryNames = op.queryParams ?? [];
    for (const key in params) {
      const value = params[key];
      if (pathNames.includes(key)) path[key] = value;
      else if (queryNames.includes(key)) (query ??= {})[key] = value;
      else (body ??= {})[key] = value;
    }
    // Bound parameters (e.g. Helpshift's domain) come from the client's configuration, never the call.
    if (wiring.pathDefaults) Object.assign(path, wiring.pathDefaults);
    const init: Record<string, unknown> = { params: { path, query }, operation: op };
    if (op.body) {
      const payload = body ?? {};
      const kind = op.body.includes("multipart") && (op.body.length === 1 || containsFile(payload)) ? "multipart" : op.body[0];
      if (kind === "multipart") {
        init.body = payload;
        init.bodySerializer = toMultipart;
      } else if (kind === "form") {
        init.body = payload;
        init.bodySerializer = (b: Record<string, unknown>) => toForm(b, op.jsonFields);
        init.headers = { "Content-Type": "application/x-www-form-urlencoded" };
      } else init.body = payload;
    }
    if (callOptions.signal) init.signal = callOptions.signal;
    if (callOptions.timeoutMs !== undefined) init.timeoutMs = callOptions.timeoutMs;
    if (op.response === "binary") {
      init.parseAs = "arrayBuffer";
      // A file comes back in whatever type it has; an Accept of JSON would get a 406.
      init.headers = { ...(init.headers as object), Accept: "*/*" };
    }
    if (callOptions.headers) init.headers = { ...(init.headers as object), ...callOptions.headers };
    const result = (await (raw as unknown as { request(m: string, p: string, i: unknown): Promise<{ data?: unknown; error?: unknown; response: Response }> }).request(op.method, op.path, init));
    const { response } = result;
    if (!response.ok) throw toApiError(op, response, result.error, params);
    if (op.response === "binary") {
      const bytes = new Uint8Array((result.data as ArrayBuffer | undefined) ?? new ArrayBuffer(0));
      const data = { bytes, contentType: response.headers.get("content-type") ?? "application/octet-stream" };
      return { body: data, data, response };
    }
    return { body: result.data, data: unwrap(result.data), response };
  }

  const api: Record<string, Record<string, unknown>> = {};
  for (const op of table) {
    // `<resource>.<method>`, or `<api>.<resource>.<method>` in a multi-API spec: the last two name the method.
    const parts = op.id.split(".");
    const name = parts[parts.length - 1] as string;
    const group = parts[parts.length - 2] as string;
    const method = async (params?: Record<string, unknown>, callOptions?: RequestOptions) => (await send(op, params, callOptions)).data;
    if (op.pagination) {
      const pagesOf = (callOptions?: RequestOptions): PageFetcher => (o, p) => send(o, p, callOptions);
      Object.assign(method, {
        iterate: (params?: Record<string, unknown>, callOptions?: RequestOptions) => iterateItems(pagesOf(callOptions), op, params),
        pages: (params?: Record<string, unknown>, callOptions?: RequestOptions) => iteratePages(pagesOf(callOptions), op, params),
      });
    }
    (api[group] ??= {})[name] = method;
  }

  return Object.defineProperties(api, {
    raw: { value: raw, enumerable: false },
    rateLimit: { get: () => rateLimit.state, enumerable: false },
  }) as unknown as Api & ClientCore<Paths>;
}
