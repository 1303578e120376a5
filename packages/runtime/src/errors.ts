/**
 * Typed errors thrown by every InboxKit client.
 *
 * Every error carries what a caller needs to react (HTTP status, the vendor's error code and message,
 * the operation, the path template and its parameters, the request id when the vendor sends one) and
 * never a credential: the secrets a client was configured with are scrubbed from `message`, from the
 * serialized form (`toJSON`) and from `util.inspect` output.
 *
 * `instanceof` fails when an error thrown by the ESM build is checked against the CommonJS class (or
 * two copies of the package are installed), so every error is also branded: {@link isInboxKitError}
 * and the static `is` of each class (`RateLimitError.is(e)`) work across module systems and copies.
 * @module
 */

/** Where a failed request was going. Never contains headers, so never contains credentials. */
export interface RequestDetails {
  /** The spec's operationId, e.g. `mailboxes.list`. */
  readonly operationId?: string | undefined;
  /** HTTP method, upper case. */
  readonly method: string;
  /** The path template from the spec, e.g. `/v1/integrations/{integrationId}/conversations/messages`. */
  readonly path: string;
  /** The path and query parameters the caller passed (body fields are not kept). */
  readonly params?: Readonly<Record<string, unknown>> | undefined;
}

/** Options shared by every InboxKit error constructor. */
export interface InboxKitErrorOptions {
  /** The request that failed, when there was one. */
  readonly request?: RequestDetails | undefined;
  /** The underlying error. */
  readonly cause?: unknown;
  /** Strings to scrub from every rendering of the error (the client's credentials). */
  readonly secrets?: readonly string[] | undefined;
}

const REDACTED = "[REDACTED]";

/** Replaces every occurrence of each secret (of 4+ characters) in `text` with `[REDACTED]`. */
export function redact(text: string, secrets: readonly string[] | undefined): string {
  if (!secrets) return text;
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Deep-copies JSON-like data with every secret scrubbed from its strings. */
export function redactValue(value: unknown, secrets: readonly string[] | undefined, depth = 0): unknown {
  if (!secrets || secrets.length === 0) return value;
  if (typeof value === "string") return redact(value, secrets);
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, secrets, depth + 1);
  return out;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");
/** The brand: the class names of an error, most derived first. Shared by every copy of the package. */
const BRAND = Symbol.for("inboxkit.error");

/**
 * Whether `value` is an error thrown by an InboxKit client, whichever copy or module format (ESM or
 * CommonJS) of the package threw it.
 */
export function isInboxKitError(value: unknown): value is InboxKitError {
  return typeof value === "object" && value !== null && Array.isArray((value as { [BRAND]?: unknown })[BRAND]);
}

/** Gives a class its `name` on the prototype (so it survives minification and is set before `super`). */
function named(cls: { prototype: Error }, name: string): void {
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true, enumerable: false });
}

/** Base class of every error an InboxKit client throws. */
export class InboxKitError extends Error {
  static {
    named(this, "InboxKitError");
  }

  /** The request that failed, when there was one. */
  readonly request: RequestDetails | undefined;
  /** @internal secrets to scrub; not enumerable, never serialized. */
  declare readonly secrets: readonly string[] | undefined;

  /**
   * Whether `value` is an instance of this class (or a subclass), by brand rather than prototype, so
   * that it also holds for an error from the other module format or another copy of the package:
   * `APIError.is(e)`, `RateLimitError.is(e)`.
   */
  static is<T extends abstract new (...args: never[]) => InboxKitError>(this: T, value: unknown): value is InstanceType<T> {
    const own = Object.prototype.hasOwnProperty.call(this.prototype, "name") ? this.prototype.name : this.name;
    return isInboxKitError(value) && (value as unknown as { [BRAND]: readonly string[] })[BRAND].includes(own);
  }

  constructor(message: string, options: InboxKitErrorOptions = {}) {
    super(redact(message, options.secrets));
    const kinds: string[] = [];
    // A subclass declared outside this package has no prototype name of its own: use its class name.
    if (!Object.prototype.hasOwnProperty.call(new.target.prototype, "name")) {
      this.name = new.target.name;
      kinds.push(new.target.name);
    }
    for (let p: object | null = Object.getPrototypeOf(this); p && p !== Error.prototype; p = Object.getPrototypeOf(p)) {
      if (Object.prototype.hasOwnProperty.call(p, "name")) kinds.push(String((p as { name: unknown }).name));
    }
    Object.defineProperty(this, BRAND, { value: Object.freeze(kinds), enumerable: false });
    Object.defineProperty(this, "secrets", { value: options.secrets, enumerable: false });
    this.request = options.request
      ? { ...options.request, params: redactValue(options.request.params, options.secrets) as RequestDetails["params"] }
      : undefined;
    if (options.cause !== undefined) {
      Object.defineProperty(this, "cause", { value: scrubCause(options.cause, options.secrets), enumerable: false, writable: true, configurable: true });
    }
    if (this.stack) this.stack = redact(this.stack, options.secrets);
  }

  /** A plain, credential-free object for logs and JSON. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [k, v] of Object.entries(this)) out[k] = redactValue(v, this.secrets);
    return out;
  }

  /** `util.inspect` / `console.log` rendering: the same redacted fields as `toJSON`. */
  [INSPECT](): string {
    return `${this.name}: ${this.message} ${JSON.stringify(this.toJSON())}`;
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

function scrubCause(cause: unknown, secrets: readonly string[] | undefined): unknown {
  if (!secrets || !(cause instanceof Error)) return cause;
  const copy = new Error(redact(cause.message, secrets));
  copy.name = cause.name;
  if (cause.stack) copy.stack = redact(cause.stack, secrets);
  const code = (cause as { code?: unknown }).code;
  if (code !== undefined) (copy as { code?: unknown }).code = code;
  return copy;
}

/** Response headers an error never keeps: they may carry a credential or a signed URL. */
const UNSAFE_HEADERS = new Set(["set-cookie", "set-cookie2", "authorization", "proxy-authorization", "cookie", "location", "content-location"]);

/** A credential-free copy of response headers (no cookies, no `Location`; secrets scrubbed from values). */
export function safeHeaders(headers: Headers | Readonly<Record<string, string>> | undefined, secrets?: readonly string[]): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries = typeof (headers as Headers).forEach === "function" && typeof (headers as Headers).get === "function" ? [...(headers as Headers).entries()] : Object.entries(headers);
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    if (!UNSAFE_HEADERS.has(key)) out[key] = redact(String(value), secrets);
  }
  return Object.freeze(out);
}

/** Options of {@link APIError}. */
export interface APIErrorOptions extends InboxKitErrorOptions {
  /** HTTP status of the response. */
  readonly status: number;
  /** The vendor's machine-readable error code, when its error body has one. */
  readonly code?: string | undefined;
  /** The parsed error body (secrets scrubbed). */
  readonly body?: unknown;
  /** The vendor's request id header, when present. */
  readonly requestId?: string | undefined;
  /** Response headers (kept without cookies or `Location`, see {@link APIError.headers}). */
  readonly headers?: Headers | Readonly<Record<string, string>> | undefined;
}

/**
 * The API answered with a non-2xx status. Subclasses narrow it by status family. `Code` is the
 * vendor's documented error codes, so that `switch (err.code)` is checked (see each vendor's
 * `is<Vendor>Error`).
 */
export class APIError<Code extends string = string> extends InboxKitError {
  static {
    named(this, "APIError");
  }

  /** HTTP status of the response. */
  readonly status: number;
  /** The vendor's machine-readable error code, when its error body has one. */
  readonly code: Code | undefined;
  /** The parsed error body. */
  readonly body: unknown;
  /** The vendor's request id, when the response carried one. */
  readonly requestId: string | undefined;
  /**
   * The response headers, names in lower case (rate-limit details, `retry-after`, request ids).
   * Credential-free: cookies and `Location` are dropped and the client's secrets scrubbed.
   */
  readonly headers: Readonly<Record<string, string>>;

  constructor(message: string, options: APIErrorOptions) {
    super(message, options);
    this.status = options.status;
    this.code = options.code as Code | undefined;
    this.body = redactValue(options.body, options.secrets);
    this.requestId = options.requestId;
    this.headers = safeHeaders(options.headers, options.secrets);
  }
}

/** 400 or 422: the API rejected the request as malformed or invalid. */
export class BadRequestError extends APIError {
  static {
    named(this, "BadRequestError");
  }
}
/** 401 or 403: missing, wrong or insufficient credentials. */
export class AuthenticationError extends APIError {
  static {
    named(this, "AuthenticationError");
  }
}
/** 404: the resource does not exist. */
export class NotFoundError extends APIError {
  static {
    named(this, "NotFoundError");
  }
}
/** 409: the request conflicts with the resource's state. */
export class ConflictError extends APIError {
  static {
    named(this, "ConflictError");
  }
}
/** 429: rate limited. `retryAfterMs` says how long the API asked to wait, when it did. */
export class RateLimitError extends APIError {
  static {
    named(this, "RateLimitError");
  }
  /** How long the API asked to wait before the next request, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: APIErrorOptions & { retryAfterMs?: number | undefined }) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}
/** 5xx: the vendor failed. */
export class ServerError extends APIError {
  static {
    named(this, "ServerError");
  }
}

/**
 * The API answered with a redirect (3xx) that the client does not follow: a redirect to another
 * origin (the credential and the body must not go there), a 301/302/303 (following it would turn a
 * send into a body-less GET), a 307/308 of a request that is not safe to repeat, or too many hops.
 * In browsers a redirect is opaque: `status` is then 0 and `locationOrigin` unknown.
 */
export class RedirectError extends APIError {
  static {
    named(this, "RedirectError");
  }
  /** The origin (scheme, host, port) of the `Location` the API pointed at; never its path or query. */
  readonly locationOrigin: string | undefined;
  constructor(message: string, options: APIErrorOptions & { locationOrigin?: string | undefined }) {
    super(message, options);
    this.locationOrigin = options.locationOrigin;
  }
}

/** The request did not complete within the configured timeout (headers and body). */
export class TimeoutError extends InboxKitError {
  static {
    named(this, "TimeoutError");
  }
}
/** The caller aborted the request through its `AbortSignal`. */
export class AbortError extends InboxKitError {
  static {
    named(this, "AbortError");
  }
}
/** The request could not reach the API, or its response was cut off (DNS, refused connection, reset socket…). */
export class ConnectionError extends InboxKitError {
  static {
    named(this, "ConnectionError");
  }
}

/** A successful (2xx) response whose body is not the JSON the operation returns (cut, garbled, an HTML page). */
export class ResponseParseError extends InboxKitError {
  static {
    named(this, "ResponseParseError");
  }
  /** HTTP status of the response. */
  readonly status: number;
  /** Its `Content-Type`, when it had one. */
  readonly contentType: string | undefined;
  constructor(message: string, options: InboxKitErrorOptions & { status: number; contentType?: string | undefined }) {
    super(message, options);
    this.status = options.status;
    this.contentType = options.contentType;
  }
}

/**
 * Auto-pagination stopped: the API pointed at a page already returned (a cycle), at a URL outside the
 * client's origin or the operation's path (never fetched), or the iteration reached `maxPages`.
 */
export class PaginationError extends InboxKitError {
  static {
    named(this, "PaginationError");
  }
}

/** One problem found in the caller's input. */
export interface ValidationIssue {
  /** Where, as a dotted path into the parameters (`buttons[2].title`). */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
}

/** The input was rejected before anything was sent. */
export class ValidationError extends InboxKitError {
  static {
    named(this, "ValidationError");
  }
  /** Every problem found. */
  readonly issues: readonly ValidationIssue[];
  /**
   * @param options.subject what was invalid (`parameters for Acme items.get`); the message is
   *   `Invalid <subject>: <path>: <problem>; …`.
   * @param options.message a complete message instead of that composition.
   */
  constructor(issues: readonly ValidationIssue[], options: InboxKitErrorOptions & { subject?: string; message?: string } = {}) {
    const head = options.subject ? `Invalid ${options.subject}` : "Invalid input";
    super(options.message ?? `${head}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`, options);
    this.issues = redactValue(issues, options.secrets) as readonly ValidationIssue[];
  }
}

/** Maps an HTTP status to the matching {@link APIError} subclass. */
export function errorClassForStatus(status: number): new (message: string, options: APIErrorOptions) => APIError {
  if (status === 400 || status === 422) return BadRequestError;
  if (status === 401 || status === 403) return AuthenticationError;
  if (status === 404) return NotFoundError;
  if (status === 409) return ConflictError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServerError;
  if (status >= 300 && status < 400) return RedirectError;
  return APIError;
}
