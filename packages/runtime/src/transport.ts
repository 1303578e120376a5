/**
 * The request pipeline every client shares. A core hands it the {@link PreparedRequest} of each
 * generated method or standalone function, and it is the `fetch` of a client's `raw` openapi-fetch
 * client, so generated methods and raw calls go through the same steps:
 *
 * 1. before anything is sent: the URL must be under the client's base URL with no `.`/`..` path
 *    segment, the operation must accept the client's credential scheme, headers must be sendable;
 * 2. per attempt: credentials (a login may happen), a rate-limit pause and a budget slot (all
 *    abortable; a pause the API asked for — a 429's `Retry-After`, `remaining: 0` until a reset — holds
 *    every request of the client, and of every worker sharing the budget's store and key, that has
 *    not been sent yet), then the request with `redirect: "manual"` and its whole body read within
 *    the attempt's timeout and the caller's signal;
 * 3. redirects: only a same-origin 307/308 of a request that is safe to repeat is followed; every
 *    other 3xx is a {@link RedirectError} (the credential never leaves the origin, a send never
 *    becomes a GET);
 * 4. retries with backoff for requests that are safe to repeat, honouring `Retry-After` and
 *    `x-should-retry`; a request that is not is re-sent only when nothing was sent.
 * @module
 */
import { abortable, onAbort, sleep } from "./abort.js";
import { buffered, isBadJson, type ParseAs } from "./body.js";
import { BudgetStoreError, type BudgetSlot, type RequestBudget } from "./budget.js";
import { AbortError, ConnectionError, InboxKitError, RedirectError, ResponseParseError, TimeoutError, ValidationError, redact, type RequestDetails } from "./errors.js";
import { assertHeaders, redactedHeaderError } from "./headers.js";
import { emit, type LogEvent, type Logger } from "./logger.js";
import type { OperationMeta } from "./operation.js";
import { RateLimitTracker } from "./rate-limit.js";
import { backoffDelay, failedBeforeSending, serverDelay, shouldRetryStatus, type RetryPolicy } from "./retry.js";
import { pathIssues } from "./url.js";


/** Extra fields a call carries through openapi-fetch to the transport. */
interface CallFields {
  operation?: OperationMeta | undefined;
  timeoutMs?: number | undefined;
  retry?: RetryPolicy | undefined;
  parseAs?: ParseAs | undefined;
}

/** What a {@link PreparedRequest} is built from: openapi-fetch's `RequestInit`, or the core's own. */
interface PreparedInit extends CallFields {
  method?: string | undefined;
  headers?: RequestInit["headers"] | undefined;
  body?: RequestInit["body"] | undefined;
  signal?: AbortSignal | null | undefined;
}

/**
 * The request object the core builds for a generated call, and openapi-fetch for a raw one (passed
 * as its `Request` class). Unlike a web `Request` it keeps the body as given (string, FormData,
 * URLSearchParams), so a retry can send it again without cloning a stream.
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
  /** Per-call retry policy. */
  retry?: RetryPolicy;
  /** How the caller reads the body (openapi-fetch's `parseAs`), so that the transport can check JSON. */
  parseAs?: ParseAs;

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

  constructor(url: string, init: PreparedInit) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body;
    this.signal = init.signal;
    copyCallFields(init, this);
  }
}

function copyCallFields(from: CallFields, to: CallFields): void {
  if (from.operation) to.operation = from.operation;
  if (from.timeoutMs !== undefined) to.timeoutMs = from.timeoutMs;
  if (from.retry) to.retry = from.retry;
  if (from.parseAs) to.parseAs = from.parseAs;
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
  /** Vendor name, for messages (`Acme items.get: could not reach …`). */
  readonly vendor: string;
  /** The client's base URL (normalised, no trailing slash): nothing is ever sent outside it. */
  readonly baseUrl: string;
  readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly rateLimit: RateLimitTracker;
  /**
   * Wait (at most this many ms per attempt) instead of sending when the API said the budget is spent
   * or asked to pause — as seen by this client or, through the budget's store, by another worker.
   * 0 = never wait.
   */
  readonly maxRateLimitWaitMs: number;
  /** The request budget (its store and key decide who shares it); each attempt takes a slot. */
  readonly budget?: RequestBudget | undefined;
  readonly auth?: AuthHook | undefined;
  /** The security scheme of the client's credential; operations that do not accept it are refused. */
  readonly scheme?: string | undefined;
  readonly logger?: Logger | undefined;
  /** Values that must never appear in an error or a log line (read at the time of each error). */
  readonly secrets: () => readonly string[];
  /** Finds the operation of a raw call (one that did not come through a generated method). */
  readonly lookup: (method: string, url: string) => OperationMeta | undefined;
  /** How the pipeline waits (backoff, Retry-After, rate-limit pauses); must honour the signal. */
  readonly sleep?: ((ms: number, signal?: AbortSignal | null) => Promise<void>) | undefined;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Same-origin 307/308 hops followed for one request at most. */
const MAX_REDIRECTS = 5;

/** How one send ended; `sent` is false only when the request certainly never left (its slot is then free at once). */
type Outcome = { response: Response; sent: true } | { error: InboxKitError; retryable: boolean; sent: boolean };

function pathnameOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function isRedirect(response: Response): boolean {
  return response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400);
}

/** Builds the transport: the function a core (and a client's `raw`) sends each {@link PreparedRequest} with. */
export function createTransport(config: TransportConfig): (request: PreparedRequest | Request) => Promise<Response> {
  const wait = config.sleep ?? sleep;
  const { logger, secrets } = config;
  const baseOrigin = new URL(config.baseUrl).origin;

  return async function transport(input: PreparedRequest | Request): Promise<Response> {
    // A raw-client middleware may hand us a real web Request: read its body once so that it can
    // be sent again on a retry, like the PreparedRequest openapi-fetch builds for us.
    const request = PreparedRequest.isPrepared(input) ? input : await prepare(input);
    const op = request.operation ?? config.lookup(request.method.toUpperCase(), request.url);
    const method = request.method.toUpperCase();
    const details: RequestDetails = { operationId: op?.id, method, path: op?.path ?? pathnameOf(request.url) };
    const where = op ? `${config.vendor} ${op.id}` : `${config.vendor} ${method} ${details.path}`;
    const idempotent = op ? op.idempotent : SAFE_METHODS.has(method);
    const policy = request.retry ?? config.retry;
    const signal = request.signal ?? undefined;
    const timeoutMs = request.timeoutMs ?? config.timeoutMs;
    const parseAs: ParseAs = request.parseAs ?? (op?.response === "binary" ? "arrayBuffer" : op?.response === "empty" ? "text" : "json");

    const log = (event: Omit<LogEvent, "method" | "path" | "operationId">): void => {
      if (!logger) return;
      const out: LogEvent = { ...event, operationId: op?.id, method, path: redact(details.path, secrets()) };
      emit(logger, event.message === undefined ? out : { ...out, message: redact(event.message, secrets()) });
    };
    const error = <E extends InboxKitError>(Kind: new (message: string, options: { request: RequestDetails; cause?: unknown; secrets: readonly string[] }) => E, message: string, cause?: unknown): E =>
      new Kind(`${where}: ${message}`, { request: details, cause, secrets: secrets() });
    const aborted = (): unknown => (signal?.reason instanceof InboxKitError ? signal.reason : error(AbortError, "the request was aborted"));
    /** Runs a wait; an abort during it becomes this call's AbortError. */
    const waiting = async <T>(work: () => Promise<T> | T): Promise<T> => {
      if (signal?.aborted) throw aborted();
      try {
        return await abortable(work(), signal, aborted);
      } catch (cause) {
        if (signal?.aborted) throw aborted();
        throw cause;
      }
    };
    const pause = (ms: number): Promise<void> => waiting(() => (ms > 0 ? wait(ms, signal) : undefined));

    // Before anything is sent: where the request goes, and whether this credential may call it.
    const issues = pathIssues(request.url, config.baseUrl, op?.path);
    if (issues.length) throw new ValidationError(issues, { subject: `request for ${where}`, secrets: secrets() });
    if (op?.auth && config.scheme && !op.noAuth && !op.auth.includes(config.scheme)) {
      const message = `${where} cannot be called with ${config.scheme} credentials (it accepts ${op.auth.join(" or ")})`;
      throw new ValidationError([{ path: "credentials", message }], { message, secrets: secrets() });
    }

    let url = request.url;
    let retries = 0;
    let redirects = 0;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      if (config.auth && !op?.noAuth) {
        const auth = config.auth;
        await waiting(async () => {
          try {
            await auth.apply(request.headers, op);
          } catch (cause) {
            throw redactedHeaderError(cause) ?? cause;
          }
        });
      }
      assertHeaders(request.headers, secrets());
      // Not wrapped in `waiting`: a slot granted just as the signal fires must still be given back.
      let slot: BudgetSlot | undefined;
      try {
        slot = await takeTurn(attempt, log, pause, signal);
      } catch (cause) {
        if (signal?.aborted) throw aborted();
        if (BudgetStoreError.is(cause)) {
          const message = `${where}: ${cause.message}; nothing was sent (onStoreError: "local" falls back to a local budget instead)`;
          throw new BudgetStoreError(message, { request: details, cause: (cause as { cause?: unknown }).cause, secrets: secrets(), key: cause.key });
        }
        throw cause;
      }
      if (signal?.aborted) {
        slot?.release(false);
        throw aborted();
      }

      const started = Date.now();
      log({ event: "request", attempt });
      let outcome: Outcome;
      let sent = true;
      try {
        outcome = await attemptOnce(url);
        sent = outcome.sent;
        // Before the slot goes back: a pause the API asked for must hold the next caller in line.
        if ("response" in outcome) noteLimits(outcome.response, policy);
      } finally {
        slot?.release(sent);
      }
      if ("error" in outcome) {
        log({ event: "error", attempt, message: `${outcome.error.name}: ${outcome.error.message}` });
        if (outcome.retryable && retries < policy.maxRetries) {
          const ms = backoffDelay(policy, retries++);
          log({ event: "retry", attempt, waitMs: ms, message: outcome.error.name });
          await pause(ms);
          continue;
        }
        throw outcome.error;
      }

      const { response } = outcome;
      const status = response.status;
      log({ event: "response", attempt, status, durationMs: Date.now() - started });

      if (isRedirect(response)) {
        const target = locationOf(response, url);
        await discard(response);
        if ((status === 307 || status === 308) && target?.origin === baseOrigin && idempotent && redirects < MAX_REDIRECTS) {
          redirects++;
          url = target.href;
          continue;
        }
        throw redirectError(response, target, redirects);
      }

      if (status === 401 && config.auth?.refresh && !refreshed && !op?.noAuth) {
        refreshed = true;
        const auth = config.auth;
        if (await waiting(() => (auth.refresh as NonNullable<AuthHook["refresh"]>)(op, request.headers))) continue;
      }

      if (retries < policy.maxRetries && shouldRetryStatus(policy, status, response.headers, idempotent)) {
        const asked = serverDelay(response.headers, Date.now(), status === 429);
        const ms = asked !== undefined ? Math.min(asked, policy.maxRetryAfterMs) : backoffDelay(policy, retries);
        retries++;
        log({ event: "retry", attempt, status, waitMs: ms });
        await pause(ms);
        continue;
      }
      return response;
    }

    /** One send: fetch and read the whole body within the timeout and the caller's signal. */
    async function attemptOnce(target: string): Promise<Outcome> {
      const controller = new AbortController();
      let timedOut = false;
      const timer = timeoutMs > 0 ? setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs) : undefined;
      const unlink = onAbort(signal, () => controller.abort());
      const stop = (): unknown => controller.signal.reason;
      let response: Response | undefined;
      try {
        const init: RequestInit = { method, headers: request.headers, body: request.body ?? null, redirect: "manual", signal: controller.signal };
        response = await abortable(config.fetch(target, init), controller.signal, stop);
        if (isRedirect(response)) return { response, sent: true };
        const bytes = new Uint8Array(await abortable(response.arrayBuffer(), controller.signal, stop));
        const out = buffered(response, bytes, target);
        if (isBadJson(out, method, bytes, parseAs)) {
          const contentType = out.headers.get("content-type") ?? undefined;
          const what = `${contentType ? `${contentType}, ` : ""}${bytes.length} bytes`;
          const parseError = new ResponseParseError(`${where}: the ${out.status} response is not valid JSON (${what})`, { request: details, secrets: secrets(), status: out.status, contentType });
          return { error: parseError, retryable: idempotent, sent: true };
        }
        return { response: out, sent: true };
      } catch (cause) {
        if (response) void discard(response);
        if (signal?.aborted) return { error: aborted() as InboxKitError, retryable: false, sent: true };
        const stage = response ? " while reading the response" : "";
        if (timedOut) return { error: error(TimeoutError, `timed out after ${timeoutMs} ms${stage}`, cause), retryable: idempotent, sent: true };
        const reason = cause instanceof Error ? `${cause.message}${causeCode(cause)}` : String(cause);
        if (response) return { error: error(ConnectionError, `the response was cut off: ${reason}`, cause), retryable: idempotent, sent: true };
        const sent = !failedBeforeSending(cause);
        return { error: error(ConnectionError, `could not reach the API: ${reason}`, cause), retryable: idempotent || !sent, sent };
      } finally {
        if (timer !== undefined) clearTimeout(timer);
        unlink();
      }
    }

    function redirectError(response: Response, target: URL | undefined, hops: number): RedirectError {
      const status = response.status;
      let why: string;
      if (response.type === "opaqueredirect") why = "the API answered with a redirect, which is not followed (its target is not visible here)";
      else if (!target) why = `the API answered ${status} without a usable Location`;
      else if (target.origin !== baseOrigin) why = `the API redirected (${status}) to ${target.origin}; redirects to another origin are not followed, so credentials and request bodies stay with the API`;
      else if (hops >= MAX_REDIRECTS) why = `more than ${MAX_REDIRECTS} redirects`;
      else why = `the API redirected (${status}) within ${target.origin}; only 307/308 redirects of requests that are safe to repeat are followed (never turning a send into a GET)`;
      return new RedirectError(`${where}: ${why}`, { status, request: details, headers: response.headers, secrets: secrets(), locationOrigin: target?.origin });
    }
  };

  /**
   * Reads the rate-limit headers of a response and turns what the API asked for into a client-wide
   * pause (shared through the budget's store): a 429's `Retry-After` (or reset), or `remaining: 0`
   * with a reset time. Capped by the policy's `maxRetryAfterMs`.
   */
  function noteLimits(response: Response, policy: RetryPolicy): void {
    const reported = config.rateLimit.update(response.headers);
    let ms = 0;
    if (response.status === 429) {
      const asked = serverDelay(response.headers);
      if (asked !== undefined) {
        ms = Math.min(asked, policy.maxRetryAfterMs);
        config.rateLimit.block(ms);
      }
    } else if (reported) ms = Math.min(config.rateLimit.exhaustedMs(), policy.maxRetryAfterMs);
    if (ms > 0) config.budget?.pause(ms);
  }

  /**
   * Waits out a pause the API asked for and takes a budget slot. A slot taken while the budget turns
   * out to be paused (another caller or worker saw the 429 meanwhile) goes back unsent and the pause
   * is waited out first. All pauses of one attempt together last at most `maxRateLimitWaitMs`; after
   * that the request is sent anyway. Every wait is abortable.
   */
  async function takeTurn(attempt: number, log: (event: Omit<LogEvent, "method" | "path" | "operationId">) => void, pause: (ms: number) => Promise<void>, signal: AbortSignal | undefined): Promise<BudgetSlot | undefined> {
    const budget = config.budget;
    let allowance = config.maxRateLimitWaitMs;
    /** The end of the pause last waited for (epoch ms): the same pause is never waited twice. */
    let coveredUntil = -Infinity;
    /** The pause still to wait for (ms), 0 when none or when waiting is off or used up. */
    const pending = (): number => {
      if (allowance <= 0) return 0;
      const now = Date.now();
      const ms = Math.max(config.rateLimit.waitMs(now), budget?.pausedMs() ?? 0);
      // A pause ending within SAME_PAUSE_MS of the one waited for is that pause, seen through the
      // tracker and the budget's store (each measured on its own reading of the clock).
      return ms > 0 && now + ms > coveredUntil + SAME_PAUSE_MS ? ms : 0;
    };
    const holdOff = async (ms: number): Promise<void> => {
      coveredUntil = Date.now() + ms;
      const waitMs = Math.min(ms, allowance);
      allowance -= waitMs;
      log({ event: "wait", attempt, waitMs, message: "rate limit reached" });
      await pause(waitMs);
    };
    const before = pending();
    if (before > 0) await holdOff(before);
    if (!budget) return undefined;
    for (;;) {
      const slot = await budget.take(signal);
      if (slot.fallback !== undefined) {
        const why = slot.fallback instanceof Error ? slot.fallback.message : String(slot.fallback);
        log({ event: "wait", attempt, waitMs: 0, message: `budget store failed (${why}); using this client's local budget` });
      }
      const ms = pending();
      if (ms <= 0) return slot;
      slot.release(false);
      await holdOff(ms);
    }
  }
}

/** Two pause ends this close (ms) are one pause (see `takeTurn`): the clock ticks between the readings of one 429. */
const SAME_PAUSE_MS = 20;

/** The redirect target, resolved against the request URL (`undefined` when absent or invalid). */
function locationOf(response: Response, base: string): URL | undefined {
  const location = response.headers.get("location");
  if (!location) return undefined;
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

async function prepare(request: Request): Promise<PreparedRequest> {
  const body = request.body === null ? null : await request.arrayBuffer();
  const init: RequestInit & CallFields = { method: request.method, headers: request.headers, body, signal: request.signal };
  copyCallFields(request as Request & CallFields, init);
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

