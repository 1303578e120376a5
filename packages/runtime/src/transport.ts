/**
 * The request pipeline every client shares: budget and rate-limit waits, authentication, a timeout
 * combined with the caller's AbortSignal, retries with backoff for requests that are safe to repeat,
 * and typed errors for failures that never produced a response. It is the `fetch` openapi-fetch calls.
 * @module
 */
import { AbortError, ConnectionError, InboxKitError, TimeoutError } from "./errors.js";
import { emit, type Logger } from "./logger.js";
import type { OperationMeta } from "./operation.js";
import { RateLimitTracker } from "./rate-limit.js";
import { backoffDelay, failedBeforeSending, serverDelay, type RetryPolicy } from "./retry.js";
import type { RequestBudget } from "./budget.js";

/**
 * The request object openapi-fetch builds for us (passed as its `Request` class). Unlike a
 * web `Request` it keeps the body as given (string, FormData, URLSearchParams), so a retry can send
 * it again without cloning a stream.
 */
export class PreparedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit["body"];
  readonly signal: AbortSignal | null | undefined;
  /** The operation, when the call came through a generated method. */
  operation?: OperationMeta;
  /** Per-call timeout override. */
  timeoutMs?: number;

  readonly #prepared = true;

  /** Whether `value` is a PreparedRequest (rather than a web Request). */
  static isPrepared(value: unknown): value is PreparedRequest {
    return typeof value === "object" && value !== null && #prepared in value;
  }

  /**
   * openapi-fetch checks what a middleware returns with `instanceof` its Request class (this one):
   * a web Request a raw-client middleware builds is accepted too.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return PreparedRequest.isPrepared(value) || (typeof Request !== "undefined" && value instanceof Request);
  }

  constructor(url: string, init: RequestInit & { operation?: OperationMeta; timeoutMs?: number }) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body;
    this.signal = init.signal;
    if (init.operation) this.operation = init.operation;
    if (init.timeoutMs !== undefined) this.timeoutMs = init.timeoutMs;
  }
}

/** Authentication a vendor client plugs into the pipeline. */
export interface AuthHook {
  /** Sets the credentials on a request's headers before each attempt. */
  apply(headers: Headers, operation: OperationMeta | undefined): void | Promise<void>;
  /**
   * Called after a 401. Return `true` when new credentials were obtained and the request (which the
   * API rejected, so did not process) should be sent once more.
   */
  refresh?(operation: OperationMeta | undefined, headers: Headers): Promise<boolean>;
  /** Credentials obtained at run time (tokens) that must be redacted like the configured ones. */
  secrets?(): readonly string[];
}

/** Everything the pipeline needs. */
export interface TransportConfig {
  readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly rateLimit: RateLimitTracker;
  /** Wait (at most this many ms) instead of sending when the API said the budget is spent. 0 = never wait. */
  readonly maxRateLimitWaitMs: number;
  readonly budget?: RequestBudget | undefined;
  readonly auth?: AuthHook | undefined;
  readonly logger?: Logger | undefined;
  /** Values that must never appear in an error or a log line (read at the time of each error). */
  readonly secrets: () => readonly string[];
  /** Finds the operation of a raw call (one that did not come through a generated method). */
  readonly lookup: (method: string, url: string) => OperationMeta | undefined;
  readonly sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
}

/** A sleep that rejects with an {@link AbortError} when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const done = (): void => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason instanceof InboxKitError ? signal.reason : new AbortError("The request was aborted");
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Builds the `fetch` function openapi-fetch calls with each {@link PreparedRequest}. */
export function createTransport(config: TransportConfig): (request: PreparedRequest | Request) => Promise<Response> {
  const pause = config.sleep ?? sleep;
  const { retry, logger } = config;

  return async function transport(input: PreparedRequest | Request): Promise<Response> {
    // A raw-client middleware may hand us a real web Request: read its body once so that it can
    // be sent again on a retry, like the PreparedRequest openapi-fetch builds for us.
    const request = PreparedRequest.isPrepared(input) ? input : await prepare(input);
    const op = request.operation ?? config.lookup(request.method, request.url);
    const method = request.method;
    const path = op?.path ?? new URL(request.url, "http://x").pathname;
    const details = { operationId: op?.id, method, path };
    const idempotent = op ? op.idempotent : SAFE_METHODS.has(method);
    const callerSignal = request.signal ?? undefined;
    const timeoutMs = request.timeoutMs ?? config.timeoutMs;
    let refreshed = false;

    for (let attempt = 1; ; attempt++) {
      if (callerSignal?.aborted) throw abortReason(callerSignal);
      // Credentials first (a login is a request of its own and takes its own budget slot), then a slot.
      if (config.auth && !op?.noAuth) await config.auth.apply(request.headers, op);
      const release = await waitForBudget(details, attempt, callerSignal);

      const started = Date.now();
      if (logger) emit(logger, { event: "request", ...details, attempt });
      let controller: AbortController | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let timedOut = false;
      let signal: AbortSignal | undefined = callerSignal;
      const onCallerAbort = (): void => controller?.abort();
      if (timeoutMs > 0) {
        controller = new AbortController();
        signal = controller.signal;
        timer = setTimeout(() => {
          timedOut = true;
          controller?.abort();
        }, timeoutMs);
        callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
      }

      let response: Response;
      try {
        const init: RequestInit = { method, headers: request.headers, body: request.body ?? null, redirect: "follow" };
        if (signal) init.signal = signal;
        response = await config.fetch(request.url, init);
      } catch (cause) {
        let error: InboxKitError;
        let retryable: boolean;
        if (callerSignal?.aborted) {
          error = new AbortError("The request was aborted", { request: details, cause, secrets: config.secrets() });
          retryable = false;
        } else if (timedOut) {
          error = new TimeoutError(`The request timed out after ${timeoutMs} ms`, { request: details, cause, secrets: config.secrets() });
          retryable = idempotent;
        } else {
          const reason = cause instanceof Error ? `${cause.message}${causeCode(cause)}` : String(cause);
          error = new ConnectionError(`Could not reach the API: ${reason}`, { request: details, cause, secrets: config.secrets() });
          retryable = idempotent || failedBeforeSending(cause);
        }
        if (logger) emit(logger, { event: "error", ...details, attempt, message: `${error.name}: ${error.message}` });
        if (retryable && attempt <= retry.maxRetries) {
          const wait = backoffDelay(retry, attempt - 1);
          if (logger) emit(logger, { event: "retry", ...details, attempt, waitMs: wait, message: error.name });
          await pause(wait, callerSignal);
          continue;
        }
        throw error;
      } finally {
        if (timer !== undefined) clearTimeout(timer);
        callerSignal?.removeEventListener("abort", onCallerAbort);
        release?.();
      }

      config.rateLimit.update(response.headers);
      const status = response.status;
      if (logger) emit(logger, { event: "response", ...details, attempt, status, durationMs: Date.now() - started });
      if (status === 429) {
        const wait = serverDelay(response.headers);
        if (wait !== undefined) config.rateLimit.block(Math.min(wait, retry.maxRetryAfterMs));
      }

      if (status === 401 && config.auth?.refresh && !refreshed && !op?.noAuth) {
        refreshed = true;
        if (await config.auth.refresh(op, request.headers)) {
          await discard(response);
          attempt--;
          continue;
        }
      }

      if (idempotent && attempt <= retry.maxRetries && retry.statuses.has(status)) {
        const asked = serverDelay(response.headers);
        const wait = asked !== undefined ? Math.min(asked, retry.maxRetryAfterMs) : backoffDelay(retry, attempt - 1);
        if (logger) emit(logger, { event: "retry", ...details, attempt, status, waitMs: wait });
        await discard(response);
        await pause(wait, callerSignal);
        continue;
      }
      return response;
    }
  };

  /** Waits out rate limits and takes a budget slot; returns the slot's release, if there is a budget. */
  async function waitForBudget(details: { operationId: string | undefined; method: string; path: string }, attempt: number, signal: AbortSignal | undefined): Promise<(() => void) | undefined> {
    if (config.maxRateLimitWaitMs > 0) {
      const wait = Math.min(config.rateLimit.waitMs(), config.maxRateLimitWaitMs);
      if (wait > 0) {
        if (logger) emit(logger, { event: "wait", ...details, attempt, waitMs: wait, message: "rate limit reached" });
        await pause(wait, signal);
      }
    }
    return config.budget ? config.budget.acquire() : undefined;
  }
}

async function prepare(request: Request): Promise<PreparedRequest> {
  const body = request.body === null ? null : await request.arrayBuffer();
  const { operation, timeoutMs } = request as Request & { operation?: OperationMeta; timeoutMs?: number };
  const init: RequestInit & { operation?: OperationMeta; timeoutMs?: number } = { method: request.method, headers: request.headers, body, signal: request.signal };
  if (operation) init.operation = operation;
  if (timeoutMs !== undefined) init.timeoutMs = timeoutMs;
  return new PreparedRequest(request.url, init);
}

function causeCode(error: Error): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return cause && typeof cause.code === "string" ? ` (${cause.code})` : "";
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    /* the body is being dropped; nothing to do */
  }
}
