/**
 * Client options checks and the HTTP Basic credential of the Helpshift client.
 * @module
 */
import { ValidationError, type ValidationIssue } from "@inboxkit/runtime";

/**
 * A Helpshift domain name as the API path takes it: one plain DNS label (the `acme` of
 * `acme.helpshift.com`). Kept identical to `components.parameters.domain.schema.pattern` of
 * specs/helpshift/openapi.yaml (a unit test compares them).
 */
export const DOMAIN_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

const CRLF = /[\r\n]/;
// Other control characters: not valid in a header value either, and never part of a key.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Checks the credentials of `createHelpshiftClient` and throws one {@link ValidationError} listing
 * every problem. Values are never echoed back when they may hold a secret (the key).
 */
export function checkClientOptions(apiKey: unknown, domain: unknown): asserts apiKey is string {
  const issues: ValidationIssue[] = [];
  if (typeof apiKey !== "string" || apiKey.trim() === "") issues.push({ path: "apiKey", message: "is required" });
  else if (CRLF.test(apiKey)) issues.push({ path: "apiKey", message: "must not contain CR or LF characters" });
  else if (CONTROL.test(apiKey)) issues.push({ path: "apiKey", message: "must not contain control characters" });
  else if (apiKey.includes(":")) issues.push({ path: "apiKey", message: "must not contain ':' (it is the user name of HTTP Basic authentication)" });
  if (typeof domain !== "string" || domain.trim() === "") issues.push({ path: "domain", message: "is required" });
  else if (CRLF.test(domain)) issues.push({ path: "domain", message: "must not contain CR or LF characters" });
  else if (!DOMAIN_PATTERN.test(domain)) {
    const label = /^(?:https?:\/\/)?([A-Za-z0-9-]+)\.helpshift\.com\/?$/i.exec(domain.trim())?.[1];
    issues.push({
      path: "domain",
      message: `must be your Helpshift domain name as a plain subdomain label, e.g. "acme" for acme.helpshift.com (got ${JSON.stringify(domain)}${label ? `; did you mean "${label}"?` : ""})`,
    });
  }
  if (issues.length) throw new ValidationError(issues, { subject: "Helpshift client options", secrets: typeof apiKey === "string" ? [apiKey] : [] });
}

/**
 * The `Authorization` header value of HTTP Basic authentication with `apiKey` as the user name and an
 * empty password: `Basic base64("<apiKey>:")`. The key is encoded as UTF-8 (RFC 7617); `btoa` only,
 * no Node `Buffer`, so it runs in browsers and edge runtimes too.
 */
export function basicAuthorization(apiKey: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(`${apiKey}:`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
