/**
 * Response bodies are read inside the transport, within the attempt's timeout and the caller's
 * signal, and handed on as a buffered `Response`: a stalled body times out, a cut body is a
 * connection failure and a garbled one a parse failure, all typed and retried like any other
 * failure of a request that is safe to repeat.
 * @module
 */

/** Statuses whose responses cannot carry a body (the `Response` constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** How the caller will read a body (openapi-fetch's `parseAs`). */
export type ParseAs = "json" | "text" | "blob" | "arrayBuffer" | "stream";

/** The bytes of each buffered response, so that `.asResponse()` can hand out an unread copy. */
const RAW = new WeakMap<Response, Uint8Array>();

/** A `Response` with the same status, headers and URL whose body is `bytes`, readable any number of ways. */
export function buffered(response: Response, bytes: Uint8Array, url: string): Response {
  const copy = new Response(NULL_BODY.has(response.status) ? null : (bytes as Uint8Array<ArrayBuffer>), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // `url` is read-only on a constructed Response; keep the real one (pagination resolves relative links with it).
  Object.defineProperty(copy, "url", { value: url || response.url, enumerable: true });
  RAW.set(copy, bytes);
  return copy;
}

/**
 * An unread copy of a response the transport buffered (its body not consumed, whatever the client
 * parsed from it); a clone for any other response.
 */
export function unreadCopy(response: Response): Response {
  const bytes = RAW.get(response);
  if (!bytes) return response.bodyUsed ? new Response(null, response) : response.clone();
  const url = response.url;
  return buffered(response, bytes, url);
}

/**
 * Whether a response has no body to read, as openapi-fetch decides it: a 204, the answer to a HEAD,
 * or a `Content-Length: 0` that is not chunked.
 */
export function hasNoBody(response: Response, method: string): boolean {
  return response.status === 204 || method === "HEAD" || (response.headers.get("content-length") === "0" && !response.headers.get("transfer-encoding")?.includes("chunked"));
}

/**
 * Whether a successful response would fail to parse the way the caller reads it: only JSON is
 * checked (as openapi-fetch parses it: an empty body is `undefined`, anything else must be JSON).
 */
export function isBadJson(response: Response, method: string, bytes: Uint8Array, parseAs: ParseAs): boolean {
  if (parseAs !== "json" || !response.ok || hasNoBody(response, method)) return false;
  const text = new TextDecoder().decode(bytes);
  if (text === "") return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    // The parser's message quotes the body around the fault: it is not kept (a body may echo a credential).
    return true;
  }
}
