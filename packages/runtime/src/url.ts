/**
 * URL rules: what a base URL may be, that a request stays under it, and that path parameters cannot
 * change the path (`..`).
 *
 * Dot segments are refused rather than encoded: the WHATWG URL parser (and so every `fetch`) treats
 * `%2e%2e` exactly like `..`, and openapi-fetch's path serialisation (`encodeURIComponent`) leaves
 * dots as they are, so an encoded form would still climb out of the operation's path.
 * @module
 */
import { ValidationError, type ValidationIssue } from "./errors.js";

const IPV4_LOOPBACK = /^127\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)$/;

/** Whether `hostname` (as `URL` gives it) is exactly a loopback host: `localhost`, `127.x.x.x` or `[::1]`. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host === "[::1]" || IPV4_LOOPBACK.test(host);
}

/** The URL with any `user:password@` removed, for messages. */
function withoutUserinfo(text: string): string {
  return text.replace(/\/\/[^/?#]*@/, "//");
}

/**
 * Checks a base URL: absolute, https unless the host is loopback, no `user:password@`, no query or
 * fragment. Returns it normalised, without a trailing slash. A password is never echoed.
 */
export function checkBaseUrl(baseUrl: string): string {
  const fail = (message: string): never => {
    throw new ValidationError([{ path: "baseUrl", message }], { subject: "client options" });
  };
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    /* reported below */
  }
  if (!url) return fail(`is not an absolute URL: ${JSON.stringify(withoutUserinfo(baseUrl))}`);
  if (url.username || url.password) fail("must not contain a user name or password (pass credentials through the client's options)");
  if (url.search || url.hash || /[?#]/.test(baseUrl)) fail("must not have a query string or a fragment");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    fail("must use https (plain http is allowed only for localhost / 127.0.0.1 / [::1])");
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** A RegExp matching a concrete path of the template (`/items/{id}` matches `/items/42`). */
export function templateRegExp(template: string): RegExp {
  const source = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+");
  return new RegExp(`^${source}$`);
}

/** Whether `url` is on the origin of `baseUrl` and, below its path, a path of `template`. */
export function isOperationUrl(url: URL, baseUrl: string, template: string): boolean {
  const base = new URL(baseUrl);
  if (url.origin !== base.origin) return false;
  const basePath = base.pathname.replace(/\/+$/, "");
  if (!url.pathname.startsWith(`${basePath}/`)) return false;
  return templateRegExp(template).test(url.pathname.slice(basePath.length));
}

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Problems with the path of a request URL as built (before any normalisation): it must be below
 * `baseUrl`, and no segment may be `.`/`..` (in any encoding), empty where the template has a
 * parameter, or an unfilled `{param}`. Issues name the path parameter when `template` is known.
 */
export function pathIssues(rawUrl: string, baseUrl: string, template: string | undefined): ValidationIssue[] {
  if (rawUrl !== baseUrl && !rawUrl.startsWith(`${baseUrl}/`) && !rawUrl.startsWith(`${baseUrl}?`)) {
    return [{ path: "url", message: `must be under the client's baseUrl ${baseUrl}; credentials are never sent anywhere else` }];
  }
  const issues: ValidationIssue[] = [];
  const path = rawUrl.slice(baseUrl.length).split(/[?#]/)[0] ?? "";
  const segments = path.split(/[/\\]/);
  const names = template?.split("/");
  segments.forEach((segment, i) => {
    const slot = names?.[i];
    const param = slot && /^\{[^}]+\}$/.test(slot) ? slot.slice(1, -1) : undefined;
    const at = param ?? "path";
    if (DOT_SEGMENT.test(segment)) issues.push({ path: at, message: `must not be "." or ".." (it would change the request path)` });
    else if (/\{[^}]*\}/.test(segment)) issues.push({ path: segment.slice(segment.indexOf("{") + 1, segment.indexOf("}")) || at, message: "is required (path parameter)" });
    else if (param && segment === "") issues.push({ path: at, message: "must not be empty (path parameter)" });
  });
  return issues;
}
