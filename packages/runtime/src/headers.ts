/**
 * The one check of header names and values, used for every vendor's credentials, the client's and
 * each call's headers, and whatever an auth hook sets. A refused value is never echoed (it is usually
 * a credential); only the header, or the option it came from, is named.
 * @module
 */
import { ValidationError, type ValidationIssue } from "./errors.js";

/** RFC 9110 `token`: the characters a field name may have. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CRLF = /[\r\n]/;
/** Control characters other than HTAB (CR and LF are reported on their own: header injection). */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;
/** Fetch sends header values as bytes: a character above U+00FF cannot be sent. */
const NOT_BYTE = /[^\u0000-\u00ff]/;

/** What is wrong with a header value, or `undefined` when it can be sent. Never includes the value. */
export function headerValueProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return `must be a string (got ${value === null ? "null" : typeof value})`;
  if (CRLF.test(value)) return "must not contain CR or LF characters";
  const control = CONTROL.exec(value);
  if (control) return `must not contain control characters (found U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}; the value is not shown)`;
  if (NOT_BYTE.test(value)) return "must contain only Latin-1 characters (fetch sends header values as bytes; the value is not shown)";
  return undefined;
}

/** What is wrong with a header name, or `undefined` when it is a valid RFC 9110 token. */
export function headerNameProblem(name: string): string | undefined {
  return TOKEN.test(name) ? undefined : "is not a valid header name (RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~)";
}

/**
 * Throws a {@link ValidationError} naming `name` when `value` cannot be sent as a header value:
 * CR/LF (header injection), any other control character except HTAB, or a character above U+00FF.
 * `name` is the header or the option the value came from (`apiKey`); the value is never echoed.
 */
export function assertHeaderValue(name: string, value: string): void {
  const problem = headerValueProblem(value);
  if (problem) throw new ValidationError([{ path: name, message: problem }], { subject: "header value" });
}

/** Throws a {@link ValidationError} for a header name that is not an RFC 9110 token. */
export function assertHeaderName(name: string): void {
  const problem = headerNameProblem(name);
  if (problem) throw new ValidationError([{ path: JSON.stringify(name), message: problem }], { subject: "header name" });
}

/**
 * Checks every header of a record or `Headers` (names and values); one {@link ValidationError}
 * lists them all. `undefined` and `null` values are skipped (openapi-fetch sends nothing for them; `null`
 * removes a header).
 */
export function assertHeaders(headers: Headers | Readonly<Record<string, unknown>>, secrets?: readonly string[]): void {
  const issues: ValidationIssue[] = [];
  const entries: [string, unknown][] = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) {
    if (value === undefined || value === null) continue;
    const bad = headerNameProblem(name);
    if (bad) {
      issues.push({ path: JSON.stringify(name), message: bad });
      continue;
    }
    const problem = headerValueProblem(value);
    if (problem) issues.push({ path: name, message: problem });
  }
  if (issues.length) throw new ValidationError(issues, { subject: "headers", secrets });
}

/**
 * A fetch `TypeError` about a header (its message may quote the value, e.g. `Bearer <token>`), as a
 * {@link ValidationError} that does not; `undefined` for any other error.
 */
export function redactedHeaderError(error: unknown): ValidationError | undefined {
  if (!(error instanceof TypeError) || !/header|bytestring/i.test(error.message)) return undefined;
  return new ValidationError([{ path: "headers", message: "a header name or value was refused by fetch (the value is not shown)" }], { subject: "headers" });
}
