/**
 * The checks of the Nimchat-specific client options (tokens, account id, inbox identifier), made
 * before anything is sent. A problem names the option; a token's value is never echoed.
 * @module
 */
import { ValidationError, type ClientOptions, type ValidationIssue } from "@inboxkit/runtime";

/** The header every Nimchat token travels in (the spec's three `apiKey` security schemes). */
export const TOKEN_HEADER = "api_access_token";

/** Options every Nimchat client takes: the runtime's, with `baseUrl` required (Nimchat is self-hosted). */
export interface NimchatBaseOptions extends ClientOptions {
  /**
   * The URL of your Nimchat installation, e.g. `https://chat.example.com` (required: every
   * installation has its own host; https, or plain http only for localhost).
   */
  readonly baseUrl: string;
}

/** Control characters (CR and LF included) or anything fetch cannot send as a header byte. */
const UNSENDABLE = /[\u0000-\u0008\u000a-\u001f\u007f]|[^\u0000-\u00ff]/;

/** Checks one token option: a non-empty string that can travel in a header. Never echoes it. */
export function checkToken(name: string, value: unknown, issues: ValidationIssue[]): value is string {
  if (value === undefined || value === null || value === "") {
    issues.push({ path: name, message: "is required" });
    return false;
  }
  if (typeof value !== "string") {
    issues.push({ path: name, message: `must be a string (got ${typeof value})` });
    return false;
  }
  if (value.trim() === "") {
    issues.push({ path: name, message: "must not be blank" });
    return false;
  }
  if (UNSENDABLE.test(value)) {
    issues.push({ path: name, message: "must contain only printable Latin-1 characters (no CR, LF or other control characters; the value is not shown)" });
    return false;
  }
  return true;
}

/** Throws one {@link ValidationError} listing every problem, with the given secrets scrubbed. */
export function throwIfIssues(issues: readonly ValidationIssue[], subject: string, secrets: readonly unknown[]): void {
  if (issues.length === 0) return;
  throw new ValidationError(issues, { subject, secrets: secrets.filter((s): s is string => typeof s === "string" && s.length > 0) });
}

/** The options object itself must be an object (a JavaScript caller may pass anything). */
export function asObject(options: unknown, subject: string): Record<string, unknown> {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new ValidationError([{ path: "", message: "must be an object of client options" }], { subject });
  }
  return options as Record<string, unknown>;
}
