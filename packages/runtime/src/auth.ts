/**
 * Token authentication with a login flow: log in on first use, keep the token, log in again once
 * after a 401, and let concurrent calls share one in-flight login.
 * @module
 */
import { InboxKitError, ValidationError } from "./errors.js";
import { headerValueProblem } from "./headers.js";
import type { OperationMeta } from "./operation.js";
import type { AuthHook } from "./transport.js";

/** Options of {@link tokenAuth}. */
export interface TokenAuthOptions {
  /** A token to start with (e.g. one the caller already holds). */
  readonly token?: string | undefined;
  /** Obtains a new token. Without it the token is static and a 401 is final. */
  readonly login?: (() => Promise<string>) | undefined;
  /**
   * Whether a login failure is final: the same error is then thrown for every later call without
   * contacting the API again (e.g. wrong credentials, which lock the account when repeated).
   */
  readonly isFatal?: ((error: unknown) => boolean) | undefined;
  /** Header name. Default `Authorization`. */
  readonly header?: string;
  /** Scheme word before the token. Default `Bearer`. */
  readonly scheme?: string;
}

/** An {@link AuthHook} that also reports its current token (so errors and logs can redact it). */
export interface TokenAuth extends AuthHook {
  /** The token currently held, if any. */
  readonly token: string | undefined;
  /** Number of logins performed so far. */
  readonly logins: number;
  /** Values to redact: the current and previous tokens. */
  secrets(): readonly string[];
  /** Logs in again after a 401 (see {@link AuthHook.refresh}). */
  refresh(operation: OperationMeta | undefined, headers: Headers): Promise<boolean>;
}

/** Builds a {@link TokenAuth}. */
export function tokenAuth(options: TokenAuthOptions): TokenAuth {
  const header = options.header ?? "Authorization";
  const prefix = options.scheme === "" ? "" : `${options.scheme ?? "Bearer"} `;
  let token = options.token;
  let inflight: Promise<string> | undefined;
  let fatal: unknown;
  let logins = 0;
  const seen = new Set<string>(token ? [token] : []);

  function obtain(): Promise<string> {
    if (fatal !== undefined) return Promise.reject(fatal);
    if (!options.login) return Promise.reject(new Error("no token and no way to log in"));
    inflight ??= options
      .login()
      .then((fresh) => {
        if (typeof fresh !== "string" || fresh === "") throw new InboxKitError("The login returned no token");
        logins++;
        token = fresh;
        seen.add(fresh);
        return fresh;
      })
      .catch((error: unknown) => {
        if (options.isFatal?.(error)) fatal = error;
        throw error;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  }

  return {
    get token() {
      return token;
    },
    get logins() {
      return logins;
    },
    secrets: () => [...seen],
    async apply(headers: Headers): Promise<void> {
      const current = token ?? (await obtain());
      // The runtime's one header check: a token with a control character is refused without being shown.
      const problem = headerValueProblem(current);
      if (problem) throw new ValidationError([{ path: header, message: `the token ${problem}` }], { subject: "credentials", secrets: [current] });
      headers.set(header, `${prefix}${current}`);
    },
    async refresh(_operation: OperationMeta | undefined, headers: Headers): Promise<boolean> {
      if (!options.login || fatal !== undefined) return false;
      const sent = headers.get(header);
      // Another call already replaced the token this request was sent with: just retry with it.
      if (token !== undefined && sent !== null && sent !== `${prefix}${token}`) return true;
      token = undefined;
      await obtain();
      return true;
    },
  };
}
