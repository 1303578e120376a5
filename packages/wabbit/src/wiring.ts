/**
 * The wabbit wiring (a token, a login with username and password shared by concurrent calls and
 * never repeated once rejected, or a 360dialog API key; the scheme each operation accepts) that both
 * `createWabbitCore` and `createWabbitClient` are built with.
 * @module
 */
import {
  APIError,
  assertHeaderValue,
  createApiCore,
  errorClassForStatus,
  RateLimitError,
  tokenAuth,
  ValidationError,
  type ApiCore,
  type ClientOptions,
  type CoreParts,
  type RetryOptions,
  type ValidationIssue,
} from "@inboxkit/runtime";
import { vendor } from "./generated/client.js";
import { authTokenOperation } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** Options every way of authenticating shares. */
export interface WabbitBaseOptions extends ClientOptions {
  /**
   * Your inbox, e.g. `https://inbox.example.com` (every wabbit inbox has its own host; there is no
   * default). The API lives under `<baseUrl>/api/v1/`.
   */
  readonly baseUrl: string;
}

/** Authenticate with an API token you already hold: `Authorization: Token <token>`. */
export interface WabbitTokenOptions extends WabbitBaseOptions {
  /** The user's API token (from `auth.token`, or an app user's activation URL). */
  readonly token: string;
  readonly username?: never;
  readonly password?: never;
  readonly apiKey?: never;
}

/**
 * Authenticate with a user's username and password: the client gets the token from
 * `POST /api/v1/auth/token/` on first use and sends it as `Authorization: Token <token>`.
 */
export interface WabbitLoginOptions extends WabbitBaseOptions {
  /** The inbox user's username. */
  readonly username: string;
  /** Their password (sent only to `auth.token`, over https). */
  readonly password: string;
  readonly token?: never;
  readonly apiKey?: never;
}

/**
 * Authenticate with a 360dialog (WABA provider) API key: `D360-Api-Key: <apiKey>`. The inbox then
 * acts as its admin user. An invalid key fails silently on the server, which answers 403.
 */
export interface WabbitApiKeyOptions extends WabbitBaseOptions {
  /** The 360dialog API key of the number. */
  readonly apiKey: string;
  readonly token?: never;
  readonly username?: never;
  readonly password?: never;
}

/** Options of `createWabbitCore` and `createWabbitClient`: a `baseUrl` and one kind of credential. */
export type WabbitClientOptions = WabbitTokenOptions | WabbitLoginOptions | WabbitApiKeyOptions;

/** The credential state of a client. */
export interface WabbitSession {
  /** The security scheme of the client's credential (`token` or `d360ApiKey`). */
  readonly scheme: "token" | "d360ApiKey";
  /** The API token held (the given one, or the one the login obtained); `undefined` with an API key or before the first login. */
  readonly token: string | undefined;
  /** Logins performed so far (username + password only). */
  readonly logins: number;
}

/** A wabbit core: what every standalone function of `@inboxkit/wabbit/funcs` takes first (plus `rateLimit` and `session`; `raw` is the client's). */
export type WabbitCore = ApiCore<paths, undefined> & {
  /** The credential state: the scheme, the token held and the number of logins. */
  readonly session: WabbitSession;
};

/** Statuses of a login that make it final: the credentials are wrong or the account is throttled. */
const FATAL_LOGIN_STATUSES = new Set([400, 401, 403, 429]);

/**
 * The login is retried on a timeout or a 5xx only: a 429 (or anything in 4xx) is an answer about the
 * credentials, and repeating it would only hammer the server.
 */
const LOGIN_RETRY: RetryOptions = { statuses: [408, ...Array.from({ length: 100 }, (_, i) => 500 + i)] };

/** Whether a login error is final: a 400/401/403/429 answer of `auth.token`. */
function isFatalLoginError(error: unknown): boolean {
  return APIError.is(error) && error.request?.operationId === "auth.token" && FATAL_LOGIN_STATUSES.has(error.status);
}

/** DRF's message of a rejected login (`{"non_field_errors": ["Unable to log in …"]}` or `{"detail": …}`). */
function drfMessage(body: unknown): string | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.detail === "string") return record.detail;
  const messages = Object.values(record).flatMap((v) => (Array.isArray(v) ? v.filter((m): m is string => typeof m === "string") : []));
  return messages.length ? messages.join("; ") : undefined;
}

/**
 * The error of a failed login as the caller sees it: same class, status and body, with a message
 * saying that the username/password login failed and will not be tried again.
 */
function loginFailed(error: APIError, secrets: readonly string[]): APIError {
  const detail = drfMessage(error.body) ?? error.message.replace(/^Wabbit auth\.token failed with \d+: /, "");
  const message = `Wabbit login with username and password failed (${error.status}: ${detail}); no further login will be attempted`;
  const common = { status: error.status, code: error.code, body: error.body, request: error.request, headers: error.headers, requestId: error.requestId, secrets, cause: error };
  if (RateLimitError.is(error)) return new RateLimitError(message, { ...common, retryAfterMs: error.retryAfterMs });
  return new (errorClassForStatus(error.status))(message, common);
}

const describe = (value: unknown): string => (value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "string" ? (value.trim() === "" ? "an empty string" : "a string") : typeof value);

/**
 * Checks the wabbit options and builds the core every wabbit client and core is (`parts`: the
 * client's `clientParts(table)` — raw calls matched to its operations, the budget's code). The login calls `auth.token` through
 * this same core.
 * @throws {ValidationError} when the credentials are missing, mixed, empty or not sendable, an option is unknown or mistyped, or `baseUrl` is missing or not https.
 */
export function wabbitCore(options: WabbitClientOptions, parts?: CoreParts): WabbitCore {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new ValidationError([{ path: "", message: `must be an object with baseUrl and a credential (got ${describe(options)})` }], { subject: "Wabbit client options" });
  }
  const { token, username, password, apiKey, ...rest } = options as WabbitBaseOptions & { token?: unknown; username?: unknown; password?: unknown; apiKey?: unknown };
  const secrets = [token, password, apiKey].filter((s): s is string => typeof s === "string" && s.length > 0);
  const issues: ValidationIssue[] = [];
  const given = { token: token !== undefined, login: username !== undefined || password !== undefined, apiKey: apiKey !== undefined };
  const kinds = Object.values(given).filter(Boolean).length;
  const nonEmpty = (name: string, value: unknown): void => {
    if (typeof value !== "string" || value.trim() === "") issues.push({ path: name, message: `must be a non-empty string (got ${describe(value)})` });
  };
  if (kinds === 0) issues.push({ path: "token", message: "is required (or pass username and password, or apiKey)" });
  else if (kinds > 1) issues.push({ path: "token", message: "pass only one credential: token, username and password, or apiKey" });
  else if (given.token) nonEmpty("token", token);
  else if (given.apiKey) nonEmpty("apiKey", apiKey);
  else {
    if (username === undefined) issues.push({ path: "username", message: "is required with password" });
    else nonEmpty("username", username);
    if (password === undefined) issues.push({ path: "password", message: "is required with username" });
    else if (typeof password !== "string" || password === "") issues.push({ path: "password", message: `must be a non-empty string (got ${describe(password)})` });
  }
  if (issues.length) throw new ValidationError(issues, { subject: "Wabbit client options", secrets });
  if (given.token) assertHeaderValue("token", token as string);
  if (given.apiKey) assertHeaderValue("apiKey", apiKey as string);

  const scheme = given.apiKey ? "d360ApiKey" : "token";
  let core: WabbitCore | undefined;
  const auth = given.apiKey
    ? undefined
    : tokenAuth({
        header: "Authorization",
        scheme: "Token",
        token: given.token ? (token as string) : undefined,
        login: given.login
          ? async () => {
              try {
                const answer = await (core as WabbitCore).call<{ token: string }>(authTokenOperation, { username, password }, { retry: LOGIN_RETRY });
                return answer.token;
              } catch (error) {
                throw isFatalLoginError(error) ? loginFailed(error as APIError, secrets) : error;
              }
            }
          : undefined,
        isFatal: isFatalLoginError,
      });
  core = createApiCore<paths, undefined>(
    vendor,
    rest,
    {
    ...(auth ? { auth } : { headers: { "D360-Api-Key": apiKey as string } }),
    scheme,
    secrets,
    optionNames: ["token", "username", "password", "apiKey"],
    },
    parts,
  ) as WabbitCore;
  const session: WabbitSession = {
    scheme,
    get token() {
      return auth?.token;
    },
    get logins() {
      return auth?.logins ?? 0;
    },
  };
  return Object.defineProperty(core, "session", { value: session, enumerable: false });
}
