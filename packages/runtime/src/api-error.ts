/**
 * Turns a non-2xx response into the matching {@link APIError}: the vendor's code and message from
 * the error body, or a short text of a non-JSON body (the title of an HTML error page).
 * @module
 */
import { errorClassForStatus, RateLimitError, type APIError } from "./errors.js";
import { getPath, requestIdOf, type OperationMeta, type VendorMeta } from "./operation.js";
import { serverDelay } from "./retry.js";

/** A short, single-line text of a non-JSON body: an HTML page's `<title>` (or its text), else the text itself. */
export function shortText(body: string, contentType: string | null, max = 200): string {
  let text = body;
  if (/html|xml/i.test(contentType ?? "") || /^\s*</.test(body)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
    text = title?.trim() ? title : body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " ");
    text = text.replace(/&nbsp;/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  }
  text = text.replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A vendor error code as text: strings and numbers are kept; anything else is not a code. */
function codeText(code: unknown): string | undefined {
  if (typeof code === "string") return code || undefined;
  if (typeof code === "number" && Number.isFinite(code)) return String(code);
  return undefined;
}

/** A vendor message as text: a string, or a list of strings (Rails-style `errors`). */
function messageText(message: unknown): string | undefined {
  if (typeof message === "string") return message || undefined;
  if (Array.isArray(message) && message.length && message.every((m) => typeof m === "string")) return message.join("; ");
  return undefined;
}

/**
 * The typed error of a non-2xx response of `op`. `params` are the caller's params (only the path and
 * query ones are kept in `request`); `secrets` are scrubbed from every field.
 */
export function toApiError(vendor: VendorMeta, op: OperationMeta, response: Response, body: unknown, params: Record<string, unknown>, secrets: readonly string[]): APIError {
  const code = codeText(getPath(body, vendor.errorCode));
  const text =
    messageText(getPath(body, vendor.errorMessage)) ??
    (typeof body === "string" && body.trim() ? shortText(body, response.headers.get("content-type"), 300) : undefined) ??
    (response.statusText || "request failed");
  const kept: Record<string, unknown> = {};
  for (const name of [...(op.pathParams ?? []), ...(op.queryParams ?? [])]) if (Object.prototype.hasOwnProperty.call(params, name) && params[name] !== undefined) kept[name] = params[name];
  const common = {
    status: response.status,
    code,
    body,
    request: { operationId: op.id, method: op.method, path: op.path, params: kept },
    secrets,
    headers: response.headers,
    requestId: requestIdOf(vendor, response.headers),
  };
  const message = `${vendor.name} ${op.id} failed with ${response.status}${code ? ` ${code}` : ""}: ${text}`;
  const ErrorClass = errorClassForStatus(response.status);
  if (ErrorClass === RateLimitError) return new RateLimitError(message, { ...common, retryAfterMs: serverDelay(response.headers) });
  return new ErrorClass(message, common);
}
