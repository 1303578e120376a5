/**
 * The Desk360 wiring (a token, or a login with email and password shared by concurrent calls and
 * never repeated once rejected; the documented budget; the checks the schema cannot express) that
 * both `createDesk360Core` and `createDesk360Client` are built with.
 * @module
 */
import {
  APIError,
  assertHeaderValue,
  createApiCore,
  requestBudget,
  errorClassForStatus,
  RateLimitError,
  tokenAuth,
  ValidationError,
  type ApiCore,
  type ClientOptions,
  type CoreParts,
  type RequestBudgetOptions,
  type ValidationIssue,
} from "@inboxkit/runtime";
import { desk360Checks } from "./checks.js";
import { errorCodes, vendor, type Desk360ErrorCode } from "./generated/client.js";
import { authLoginOperation } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** Desk360's documented budget: 60 requests a minute (with the budget's code: every Desk360 core keeps to it). */
export const DESK360_BUDGET: RequestBudgetOptions = Object.freeze(requestBudget({ requests: 60, intervalMs: 60_000 }));

/** Options shared by both ways of authenticating. */
export interface Desk360BaseOptions extends ClientOptions {
  /**
   * The client-side request budget. Defaults to Desk360's documented 60 requests a minute, so a busy
   * client waits for a slot instead of provoking a 429; `false` turns it off.
   */
  readonly requestBudget?: RequestBudgetOptions | false;
}

/** Authenticate with an API token you already hold. */
export interface Desk360TokenOptions extends Desk360BaseOptions {
  readonly token: string;
  readonly email?: never;
  readonly password?: never;
}

/** Authenticate with an account's email and password: the client logs in on first use. */
export interface Desk360CredentialOptions extends Desk360BaseOptions {
  readonly email: string;
  readonly password: string;
  readonly token?: never;
}

/** Options of `createDesk360Core` and `createDesk360Client`. */
export type Desk360ClientOptions = Desk360TokenOptions | Desk360CredentialOptions;

/** The login state of a Desk360 client or core: the token held (if any) and how many logins happened. */
export interface Desk360Session {
  /** The token held: the given one, or the one the last login obtained. */
  readonly token: string | undefined;
  /** Logins performed so far (email and password only). */
  readonly logins: number;
}

/** A Desk360 core: what every standalone function of `@inboxkit/desk360/funcs` takes first (plus `rateLimit` and `session`; `raw` is the client's). */
export type Desk360Core = ApiCore<paths, undefined> & {
  /** The login state: the token held (if any) and how many logins happened. */
  readonly session: Desk360Session;
};

/** An API error whose `code` is one of Desk360's documented error codes. */
export type Desk360APIError = APIError<Desk360ErrorCode>;

/**
 * Whether `error` is a Desk360 API error, optionally with one of the given codes. Narrows `code`
 * to the documented codes so `switch (error.code)` is checked.
 */
export function isDesk360Error<C extends Desk360ErrorCode = Desk360ErrorCode>(error: unknown, ...codes: C[]): error is APIError<C> {
  // A brand check, not instanceof: an error thrown by the ESM build is not an instance of the CJS class.
  if (!APIError.is(error) || error.code === undefined) return false;
  if (!(errorCodes as readonly string[]).includes(error.code)) return false;
  return codes.length === 0 || (codes as string[]).includes(error.code);
}

/** Whether a login error is final: any 401 or 429 of `POST /v1/login`, or a documented lockout code. */
function isFatalLoginError(error: unknown): boolean {
  if (!APIError.is(error)) return false;
  if (error.request?.operationId === "auth.login" && (error.status === 401 || error.status === 429)) return true;
  return isDesk360Error(error, "invalid_credentials", "too_many_attempts");
}

/**
 * The error of a failed login as the caller sees it: same class, status, code and body, with a
 * message that says the email/password login failed and will not be tried again.
 */
function loginFailed(error: APIError, secrets: readonly string[]): APIError {
  const detail = error.message.replace(/^Desk360 auth\.login failed with /, "");
  const message = `Desk360 login with email and password failed (${detail}); no further login will be attempted`;
  const common = { status: error.status, code: error.code, body: error.body, request: error.request, headers: error.headers, requestId: error.requestId, secrets, cause: error };
  if (RateLimitError.is(error)) return new RateLimitError(message, { ...common, retryAfterMs: error.retryAfterMs });
  return new (errorClassForStatus(error.status))(message, common);
}

/**
 * Checks the Desk360 options and builds the core every Desk360 client and core is (`parts`: the
 * client's `clientParts(table)` — raw calls matched to its operations, the budget's code). The login calls `auth.login` through
 * this same core.
 * @throws {ValidationError} when the credentials are missing or contain control characters, an option is unknown or mistyped, or `baseUrl` is not https.
 */
export function desk360Core(options: Desk360ClientOptions, parts?: CoreParts): Desk360Core {
  const { token, email, password, ...rest } = (options ?? {}) as Desk360BaseOptions & { token?: string; email?: string; password?: string };
  const issues: ValidationIssue[] = [];
  const hasToken = typeof token === "string" && token.trim() !== "";
  const hasEmail = typeof email === "string" && email.trim() !== "";
  const hasPassword = typeof password === "string" && password !== "";
  const hasLogin = hasEmail && hasPassword;
  if (!hasToken && !hasEmail && !hasPassword) issues.push({ path: "token", message: "is required (or pass email and password)" });
  else if (!hasToken && !hasPassword) issues.push({ path: "password", message: "is required with email" });
  else if (!hasToken && !hasEmail) issues.push({ path: "email", message: "is required with password" });
  if (hasToken && (email !== undefined || password !== undefined)) issues.push({ path: "token", message: "pass either token or email and password, not both" });
  const secrets = [token, password].filter((s): s is string => typeof s === "string" && s.length > 0);
  if (issues.length) throw new ValidationError(issues, { subject: "Desk360 client options", secrets });
  if (hasToken) assertHeaderValue("token", token as string);

  let core: Desk360Core | undefined;
  const auth = tokenAuth({
    token: hasToken ? token : undefined,
    login: hasLogin
      ? async () => {
          try {
            return (await (core as Desk360Core).call<{ access_token: string }>(authLoginOperation, { email, password })).access_token;
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
    auth,
    secrets,
    defaultBudget: DESK360_BUDGET,
    defaultWaitOnRateLimit: true,
    check: desk360Checks,
    optionNames: ["token", "email", "password"],
    },
    parts,
  ) as Desk360Core;
  const session = {
    get token() {
      return auth.token;
    },
    get logins() {
      return auth.logins;
    },
  };
  return Object.defineProperty(core, "session", { value: session, enumerable: false });
}
