/**
 * `createApiCore`: the request pipeline of one vendor client without any operation table — options
 * and credentials checked, auth and token refresh, retries, timeouts, rate limits and budgets,
 * validation before sending, typed errors, envelope unwrapping — on which both the client object
 * (`createApiClient`) and the generated standalone operation functions (`funcs`) call operations.
 * @module
 */
import { createFinalURL, createQuerySerializer, defaultPathSerializer, mergeHeaders, type Client } from "openapi-fetch";
import { toApiError } from "./api-error.js";
import { hasNoBody, unreadCopy, type ParseAs } from "./body.js";
import { budgetFactoryOf, type BudgetFactory, type BudgetStore, type RequestBudgetOptions, type StoreErrorMode } from "./budget.js";
import { ValidationError, type ValidationIssue } from "./errors.js";
import { assertHeaders, redactedHeaderError } from "./headers.js";
import type { Logger } from "./logger.js";
import { getPath, requestIdOf, type OperationMeta, type VendorMeta } from "./operation.js";
import { CLIENT_OPTIONS, REQUEST_OPTIONS, checkOptions } from "./options.js";
import { DEFAULT_MAX_PAGES, type PagingContext } from "./paginate.js";
import { RateLimitTracker, type RateLimitState } from "./rate-limit.js";
import { resolveRetry, type RetryOptions } from "./retry.js";
import type { RawPipeline } from "./raw.js";
import { createTransport, PreparedRequest, type AuthHook } from "./transport.js";
import type { APIPromise, RequestOptions } from "./types.js";
import { checkBaseUrl } from "./url.js";
import { checkSchema, type SchemaKeywords } from "./validate.js";

/** Options every InboxKit client accepts (vendor clients add their credentials). Checked at run time. */
export interface ClientOptions {
  /**
   * Server URL: https (plain http only for localhost / 127.x.x.x / [::1]), without `user:password@`,
   * query or fragment. Defaults to the vendor's; required for self-hosted vendors.
   */
  readonly baseUrl?: string;
  /** The fetch implementation. Defaults to `globalThis.fetch`. */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Retry policy, or `false` for none. Only requests that are safe to repeat are retried. */
  readonly retry?: RetryOptions | false;
  /** Per-attempt timeout in ms, covering the response headers and the whole body (0 = none). Default 60000. */
  readonly timeoutMs?: number;
  /**
   * When the API reported that the rate-limit budget is spent (`remaining: 0` until a reset) or asked
   * to pause (a 429's `Retry-After`), wait up to this many ms per attempt before sending instead of
   * provoking a 429. The pause holds every request of this client not yet sent — and, with a
   * {@link budgetStore}, of every worker sharing the {@link budgetKey}. The wait is abortable with
   * the call's signal. `true` = 60000, `false`/0 = off (the request is sent at once).
   */
  readonly waitOnRateLimit?: boolean | number;
  /**
   * A client-side request budget (`{ requests, intervalMs }`: at most `requests` requests in any
   * `intervalMs` window, as the server counts them), or `false` for none. Vendors with a documented
   * limit set a default (Desk360: 60 a minute). On a core (`create<Vendor>Core`) of a vendor without
   * one, pass `requestBudget({ requests, intervalMs })`: the budget's code then comes with it, and a
   * core that keeps no budget does not bundle it.
   */
  readonly requestBudget?: RequestBudgetOptions | false;
  /**
   * Where the budget's slots live. Default: in memory, this client alone. Pass a shared store —
   * `createRedisBudgetStore(…)` of `@inboxkit/budget-redis` for several processes or machines, or one
   * `MemoryBudgetStore` for several clients of one process — together with a {@link budgetKey}: every
   * client on the same store and key then keeps to one budget together, and a pause one of them is
   * asked for holds them all. Needs a budget (`requestBudget`, or the vendor's default).
   */
  readonly budgetStore?: BudgetStore;
  /**
   * The name of the shared budget in {@link budgetStore} (required with it): what the limit is
   * counted per, e.g. `"desk360:account-42"` for a per-account limit or `"desk360:egress-203.0.113.7"`
   * for a per-IP one. One store serves any number of keys. Every client of one key must use the same
   * `requestBudget`.
   */
  readonly budgetKey?: string;
  /**
   * When the {@link budgetStore} fails (e.g. Redis is unreachable): `"fail"` (default) — the call
   * rejects with a `BudgetStoreError` before anything is sent; `"local"` — the client keeps to a
   * budget of the same size in its own memory until the store answers again (it is asked again a
   * second later). Note that with `"local"` each worker then keeps the whole budget to itself, so
   * `n` workers may together send up to `n` times the limit while the store is down.
   */
  readonly onStoreError?: StoreErrorMode;
  /** Headers sent with every request. Names must be RFC 9110 tokens; values may not hold control characters. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Debug logger (off by default). Receives no headers or bodies. */
  readonly logger?: Logger;
  /** Check parameters against the spec before sending (default `true`). */
  readonly validate?: boolean;
  /** Hard cap on the pages one iteration fetches (`iterate`, `pages`, `iterateHistory`, `follow`). Default 10000. */
  readonly maxPages?: number;
  /**
   * How the client waits between attempts and for rate limits (default: a timer). For tests and
   * custom schedulers; the wait is abandoned when `signal` aborts either way.
   */
  readonly sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
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
  /**
   * The security scheme of the credential this client holds (a name under the spec's
   * `securitySchemes`). Operations whose `auth` does not list it are refused before sending.
   */
  readonly scheme?: string;
  /**
   * The vendor's own option names (credentials such as `apiKey`): accepted next to the runtime's
   * options and offered in "did you mean" suggestions. The vendor package checks their values.
   */
  readonly optionNames?: readonly string[];
  /**
   * In a multi-API spec, the API this client or core serves (the first part of its operation ids,
   * e.g. `public`): an operation of another API is refused before sending.
   */
  readonly api?: string;
}

/**
 * What a client object brings to its core beyond the pipeline (see `clientParts` of the client
 * module): kept out of `createApiCore` itself so that a core used with standalone functions does not
 * bundle them.
 */
export interface CoreParts {
  /** Builds the client's `raw` (openapi-fetch) on the core's pipeline. */
  readonly raw?: (pipeline: RawPipeline) => unknown;
  /** Finds the operation a raw call (`client.raw.GET(…)`) is, for its idempotency and accepted credentials. */
  readonly lookup?: (baseUrl: string) => (method: string, url: string) => OperationMeta | undefined;
  /** Builds a request budget from plain `{ requests, intervalMs }` options. */
  readonly budget?: BudgetFactory;
}

/**
 * Wraps a call in an {@link APIPromise}: the result, with `.withResponse()` and `.asResponse()` on
 * the same single request. Whichever form the caller awaits carries the call's error; the others are
 * marked handled, so no unhandled rejection is reported for them.
 */
function apiPromise<Result>(vendor: VendorMeta, sent: Promise<{ data: unknown; response: Response }>): APIPromise<Result> {
  const result = sent.then((r) => r.data as Result);
  const quiet = (): void => void result.catch(() => undefined);
  return Object.assign(result, {
    withResponse: () => (quiet(), sent.then((r) => ({ data: r.data as Result, response: r.response, requestId: requestIdOf(vendor, r.response.headers) }))),
    asResponse: () => (quiet(), sent.then((r) => unreadCopy(r.response))),
  });
}

/** What every client exposes besides its generated resources. */
export interface ClientCore<Paths extends {}> {
  /** The openapi-fetch client: path-keyed, fully typed calls through the same pipeline (auth, retries, timeouts). */
  readonly raw: Client<Paths>;
  /** The rate-limit budget as the API last reported it. */
  readonly rateLimit: RateLimitState;
}

/** The keyword checkers of an operation whose schema needs none. */
const NO_KEYWORDS: SchemaKeywords = Object.freeze({});

/**
 * A pre-send failure of building a request (a header refused by `Headers`, a body JSON cannot
 * encode, a path or query value the URL cannot hold) as a ValidationError without the value.
 * @internal
 */
export function presendError(error: unknown): unknown {
  const header = redactedHeaderError(error);
  if (header) return header;
  if (error instanceof TypeError && /circular|BigInt/i.test(error.message)) {
    return new ValidationError([{ path: "body", message: "cannot be encoded as JSON (a circular reference or a BigInt)" }], { subject: "request body" });
  }
  // With validation off, a path or query value encodeURIComponent cannot encode (a lone surrogate, a
  // Symbol) surfaces here from openapi-fetch's URL serialisers.
  if (error instanceof URIError || (error instanceof TypeError && /Symbol value to a string/.test(error.message))) {
    return new ValidationError([{ path: "params", message: "cannot be encoded in the URL (a lone surrogate or a Symbol)" }], { subject: "request" });
  }
  return error;
}


/** What one call of an operation sent and got: the whole body, the (unwrapped) data and the response. */
export interface SentCall {
  /** The parsed response body (for a file: its `BinaryResult`). */
  readonly body: unknown;
  /** What the call returns: the body, unwrapped from the vendor's envelope. */
  readonly data: unknown;
  /** The HTTP response (its body already read). */
  readonly response: Response;
}

/**
 * A vendor's request pipeline without an operation table: what `create<Vendor>Core` returns and
 * every standalone operation function (`import { messagesCreate } from "@inboxkit/<vendor>/funcs"`)
 * takes as its first argument. The client object is this core with the table's methods on top; its
 * `raw` (openapi-fetch) is the client's alone, so that a core's calls do not bundle openapi-fetch's client.
 * @typeParam Paths - the spec's paths, which type the `raw` of a client built on this core.
 */
export interface ApiCore<Paths extends {} = {}, Api extends string | undefined = string | undefined> {
  /** The rate-limit budget as the API last reported it. */
  readonly rateLimit: RateLimitState;
  /** The vendor, as its spec describes it. */
  readonly vendor: VendorMeta;
  /**
   * In a multi-API spec, the API this core serves (the first part of its operation ids; the
   * standalone functions of another API do not accept it); `undefined` for a single-API vendor.
   */
  readonly api: Api;
  /** How iterators of this core page (base URL, vendor name, page cap). */
  readonly paging: PagingContext;
  /**
   * Calls one operation: validates `params` against its schema (unless `validate: false`) and the
   * vendor's checks, sends it through the pipeline and returns the unwrapped result as an
   * {@link APIPromise}.
   * @throws {ValidationError} (as a rejection) on bad params or options, before anything is sent.
   */
  call<Result = unknown>(op: OperationMeta, params?: object, options?: RequestOptions): APIPromise<Result>;
  /**
   * Sends one operation and resolves with what it got (the pagers' fetcher). `extraQuery` is opaque
   * paging state from a next-page URL the pager checked, sent as it is (never from the caller).
   */
  send(op: OperationMeta, params?: Record<string, unknown>, options?: RequestOptions, extraQuery?: Readonly<Record<string, string | string[]>>): Promise<SentCall>;
}

/**
 * Builds a vendor's core: the request pipeline, checked options and wiring, without an operation
 * table. Vendor packages call this from `create<Vendor>Core`; `createApiClient` builds on it.
 * `parts` are a client's (`clientParts(table)`): raw calls matched to the table's operations, and
 * the request budget's code for plain budget options; operations are called with {@link ApiCore.call}.
 * @throws {ValidationError} on an unknown option or a wrong type, a missing or unsafe `baseUrl`, or a header that cannot be sent.
 */
export function createApiCore<Paths extends {} = {}, Api extends string | undefined = string | undefined>(
  vendor: VendorMeta,
  options: ClientOptions = {},
  wiring: VendorWiring = {},
  parts: CoreParts = {},
): ApiCore<Paths, Api> {
  const configured = (wiring.secrets ?? []).filter((s) => typeof s === "string" && s.length > 0);
  const subject = `${vendor.name} client options`;
  checkOptions(options, CLIENT_OPTIONS, wiring.optionNames ?? [], subject, configured);
  const chosenUrl = options.baseUrl ?? vendor.baseUrl;
  if (chosenUrl === undefined) {
    throw new ValidationError([{ path: "baseUrl", message: `is required for ${vendor.name} (self-hosted: the URL of your installation)` }], { subject });
  }
  const baseUrl = checkBaseUrl(chosenUrl);
  const auth = wiring.auth;
  const secrets = auth?.secrets ? () => [...configured, ...(auth.secrets as () => readonly string[])()] : () => configured;
  const headers: Record<string, string> = { Accept: "application/json", ...wiring.headers, ...options.headers };
  assertHeaders(headers, configured);
  const fetchImpl = options.fetch ?? (typeof globalThis.fetch === "function" ? (input: string, init: RequestInit) => globalThis.fetch(input, init) : undefined);
  if (!fetchImpl) throw new ValidationError([{ path: "fetch", message: "no fetch implementation: pass one or use Node >= 18" }], { subject });
  const budgetOptions = options.requestBudget === undefined ? wiring.defaultBudget : options.requestBudget || undefined;
  const storeIssues: ValidationIssue[] = [];
  if (options.budgetStore !== undefined && !budgetOptions) storeIssues.push({ path: "budgetStore", message: "needs a request budget: set requestBudget ({ requests, intervalMs })" });
  if (options.budgetStore !== undefined && options.budgetKey === undefined) storeIssues.push({ path: "budgetKey", message: 'is required with budgetStore: the name of the shared budget, e.g. "desk360:account-42"' });
  if (options.budgetStore === undefined) {
    for (const name of ["budgetKey", "onStoreError"] as const) if (options[name] !== undefined) storeIssues.push({ path: name, message: "needs budgetStore (without one the budget is this client's alone)" });
  }
  // The budget's code: carried by the options (`requestBudget(…)`), a client's, or the vendor default's.
  const makeBudget = budgetFactoryOf(budgetOptions) ?? parts.budget ?? budgetFactoryOf(wiring.defaultBudget);
  if (budgetOptions && !makeBudget) {
    storeIssues.push({ path: "requestBudget", message: `needs the budget's code, which a ${vendor.name} core carries only when asked: pass requestBudget({ requests, intervalMs }) (import { requestBudget } from the ${vendor.name} package), or use the client` });
  }
  if (storeIssues.length) throw new ValidationError(storeIssues, { subject, secrets: configured });
  const waitOption = options.waitOnRateLimit ?? wiring.defaultWaitOnRateLimit ?? false;
  const rateLimit = new RateLimitTracker();
  const retry = resolveRetry(options.retry);
  const shouldValidate = options.validate !== false;
  const paging: PagingContext = { baseUrl, vendor: vendor.name, maxPages: options.maxPages ?? DEFAULT_MAX_PAGES };

  const transport = createTransport({
    vendor: vendor.name,
    baseUrl,
    fetch: fetchImpl,
    retry,
    timeoutMs: options.timeoutMs ?? 60_000,
    rateLimit,
    maxRateLimitWaitMs: waitOption === true ? 60_000 : waitOption === false ? 0 : waitOption,
    budget: budgetOptions && makeBudget ? makeBudget(budgetOptions, { store: options.budgetStore, key: options.budgetKey, onStoreError: options.onStoreError }) : undefined,
    auth,
    scheme: wiring.scheme,
    logger: options.logger,
    secrets,
    lookup: parts.lookup ? parts.lookup(baseUrl) : () => undefined,
    sleep: options.sleep,
  });

  const querySerializer = createQuerySerializer();
  const raw = parts.raw?.({ baseUrl, headers, transport, secrets });

  const unwrap = vendor.envelope ? (body: unknown) => getPath(body, [vendor.envelope as string]) : (body: unknown) => body;

  async function send(
    op: OperationMeta,
    params: Record<string, unknown> = {},
    callOptions: RequestOptions = {},
    extraQuery?: Readonly<Record<string, string | string[]>>,
  ): Promise<SentCall> {
    checkOptions(callOptions, REQUEST_OPTIONS, [], `options for ${vendor.name} ${op.id}`, secrets());
    if (wiring.api !== undefined && !op.id.startsWith(`${wiring.api}.`)) {
      const message = `${vendor.name} ${op.id} is not an operation of the ${wiring.api} API this ${vendor.name} core serves`;
      throw new ValidationError([{ path: "operation", message }], { message, secrets: secrets() });
    }
    if (params === null || typeof params !== "object" || Array.isArray(params)) {
      throw new ValidationError([{ path: "", message: "must be an object of parameters" }], { subject: `parameters for ${vendor.name} ${op.id}` });
    }
    if (shouldValidate) {
      const issues = op.schema ? checkSchema(op.schema, params, op.keywords ?? NO_KEYWORDS) : [];
      if (wiring.check) issues.push(...wiring.check(op.id, params));
      if (issues.length) throw new ValidationError(issues, { subject: `parameters for ${vendor.name} ${op.id}`, secrets: secrets() });
    }
    // Null-prototype objects and own keys only: an own `__proto__` stays a key, inherited ones are never sent.
    const path: Record<string, unknown> = Object.create(null);
    let query: Record<string, unknown> | undefined;
    let body: Record<string, unknown> | undefined;
    const pathNames = op.pathParams ?? [];
    const queryNames = op.queryParams ?? [];
    for (const key of Object.keys(params)) {
      const value = params[key];
      if (pathNames.includes(key)) path[key] = value;
      else if (queryNames.includes(key)) (query ??= Object.create(null) as Record<string, unknown>)[key] = value;
      else (body ??= Object.create(null) as Record<string, unknown>)[key] = value;
    }
    // Opaque paging state from a next-page URL the pager checked (never from the caller): sent as is.
    if (extraQuery) for (const key of Object.keys(extraQuery)) if (!queryNames.includes(key)) (query ??= Object.create(null) as Record<string, unknown>)[key] = extraQuery[key];
    // Bound parameters (e.g. Helpshift's domain) come from the client's configuration, never the call.
    if (wiring.pathDefaults) Object.assign(path, wiring.pathDefaults);
    let encoded: BodyInit | undefined;
    let contentType: string | undefined;
    const parseAs: ParseAs = op.response === "binary" ? "arrayBuffer" : op.response === "empty" ? "text" : "json";
    let response: Response;
    // The request as openapi-fetch's `raw` builds it (its URL serialisers, JSON unless the operation
    // encodes otherwise), handed straight to the transport.
    try {
      if (op.body) {
        const payload = body ?? (Object.create(null) as Record<string, unknown>);
        // Multipart is used only when it must be (the only encoding, or a file in the body); the
        // operation carries the encoders it needs, so a bundle holds only those.
        const kind = op.body.includes("multipart") && (op.body.length === 1 || op.encoders?.multipart?.needed?.(payload)) ? "multipart" : op.body[0];
        if (kind === "form" || kind === "multipart") {
          const encoder = op.encoders?.[kind];
          if (!encoder) throw new TypeError(`${vendor.name} ${op.id}: the operation has no ${kind} encoder (regenerate the client)`);
          encoded = encoder.encode(payload, op) as BodyInit;
          contentType = encoder.contentType;
        } else {
          encoded = JSON.stringify(payload);
          contentType = "application/json";
        }
      }
      if (callOptions.headers) assertHeaders(callOptions.headers, secrets());
      const url = createFinalURL(op.path, { baseUrl, params: query ? { path, query } : { path }, querySerializer, pathSerializer: defaultPathSerializer });
      const request = new PreparedRequest(url, {
        method: op.method,
        // A file comes back in whatever type it has; an Accept of JSON would get a 406.
        headers: mergeHeaders(contentType ? { "Content-Type": contentType } : undefined, headers, op.response === "binary" ? { Accept: "*/*" } : undefined, callOptions.headers),
        body: encoded,
        signal: callOptions.signal,
        operation: op,
        timeoutMs: callOptions.timeoutMs,
        retry: callOptions.retry === undefined ? undefined : resolveRetry(callOptions.retry, retry),
        parseAs,
      });
      response = await transport(request);
    } catch (error) {
      throw presendError(error);
    }
    // The body is read as openapi-fetch reads it: nothing for a 204, a HEAD or an empty body; an
    // error's text as JSON when it is JSON.
    const none = hasNoBody(response, op.method);
    if (!response.ok) {
      let error: unknown = none ? undefined : await response.text();
      try {
        error = JSON.parse(error as string);
      } catch {
        /* not JSON: the text */
      }
      throw toApiError(vendor, op, response, error, params, secrets());
    }
    if (op.response === "binary") {
      const bytes = new Uint8Array(none ? new ArrayBuffer(0) : await response.arrayBuffer());
      const data = { bytes, contentType: response.headers.get("content-type") ?? "application/octet-stream" };
      return { body: data, data, response };
    }
    if (op.response === "empty") return { body: undefined, data: undefined, response };
    const text = none ? "" : await response.text();
    const data: unknown = text ? JSON.parse(text) : undefined;
    return { body: data, data: unwrap(data), response };
  }

  return Object.defineProperties(
    {
      vendor,
      api: wiring.api,
      paging,
      call: <Result>(op: OperationMeta, params?: object, callOptions?: RequestOptions) => apiPromise<Result>(vendor, send(op, params as Record<string, unknown> | undefined, callOptions)),
      send,
    },
    {
      ...(raw ? { raw: { value: raw, enumerable: false } } : {}),
      rateLimit: { get: () => rateLimit.state, enumerable: false },
    },
  ) as ApiCore<Paths, Api>;
}
