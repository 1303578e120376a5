/**
 * Typed errors thrown by every InboxKit client.
 *
 * Every error carries what a caller needs to react (HTTP status, the vendor's error code and message,
 * the operation, the path template and its parameters, the request id when the vendor sends one) and
 * never a credential: the secrets a client was configured with are scrubbed from `message`, from the
 * serialized form (`toJSON`) and from `util.inspect` output.
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

/** Base class of every error an InboxKit client throws. */
export class InboxKitError extends Error {
  /** The request that failed, when there was one. */
  readonly request: RequestDetails | undefined;
  /** @internal secrets to scrub; not enumerable, never serialized. */
  declare readonly secrets: readonly string[] | undefined;

  constructor(message: string, options: InboxKitErrorOptions = {}) {
    super(redact(message, options.secrets));
    this.name = new.target.name;
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
  /** Response headers (credential-free; used for rate-limit details). */
  readonly headers?: Headers | undefined;
}

/**
 * The API answered with a non-2xx status. Subclasses narrow it by status family. `Code` is the
 * vendor's documented error codes, so that `switch (err.code)` is checked (see each vendor's
 * `is<Vendor>Error`).
 */
export class APIError<Code extends string = string> extends InboxKitError {
  /** HTTP status of the response. */
  readonly status: number;
  /** The vendor's machine-readable error code, when its error body has one. */
  readonly code: Code | undefined;
  /** The parsed error body. */
  readonly body: unknown;
  /** The vendor's request id, when the response carried one. */
  readonly requestId: string | undefined;

  constructor(message: string, options: APIErrorOptions) {
    super(message, options);
    this.status = options.status;
    this.code = options.code as Code | undefined;
    this.body = redactValue(options.body, options.secrets);
    this.requestId = options.requestId;
  }
}

/** 400 or 422: the API rejected the request as malformed or invalid. */
export class BadRequestError extends APIError {}
/** 401 or 403: missing, wrong or insufficient credentials. */
export class AuthenticationError extends APIError {}
/** 404: the resource does not exist. */
export class NotFoundError extends APIError {}
/** 409: the request conflicts with the resource's state. */
export class ConflictError extends APIError {}
/** 429: rate limited. `retryAfterMs` says how long the API asked to wait, when it did. */
export class RateLimitError extends APIError {
  /** How long the API asked to wait before the next request, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: APIErrorOptions & { retryAfterMs?: number | undefined }) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}
/** 5xx: the vendor failed. */
export class ServerError extends APIError {}

/** The request did not complete within the configured timeout. */
export class TimeoutError extends InboxKitError {}
/** The caller aborted the request through its `AbortSignal`. */
export class AbortError extends InboxKitError {}
/** The request could not reach the API (DNS, refused connection, reset socket…). */
export class ConnectionError extends InboxKitError {}

/** One problem found in the caller's input. */
export interface ValidationIssue {
  /** Where, as a dotted path into the parameters (`buttons[2].title`). */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
}

/** The input was rejected before anything was sent. */
export class ValidationError extends InboxKitError {
  /** Every problem found. */
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[], options: InboxKitErrorOptions & { subject?: string } = {}) {
    const head = options.subject ? `Invalid ${options.subject}` : "Invalid input";
    super(`${head}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`, options);
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
  return APIError;
}
