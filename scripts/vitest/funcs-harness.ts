// Shared by the vendors' test/funcs.test.ts: a scripted fetch that records every request in a form
// two requests can be compared by (method, URL, headers, body as text or form entries), so a test can
// check that a standalone operation function sends exactly what the client method sends.

/** One request as sent: comparable with `toEqual`. */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** The body as comparable data: a string as it is, a form as its entries (a file as its name, type and size). */
async function bodyOf(body: RequestInit["body"]): Promise<unknown> {
  if (body === null || body === undefined) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof URLSearchParams) return { form: [...body.entries()] };
  if (body instanceof FormData) {
    const parts: unknown[] = [];
    for (const [name, value] of body.entries()) parts.push([name, typeof value === "string" ? value : { file: value.name, type: value.type, size: value.size }]);
    return { multipart: parts };
  }
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return { bytes: new Uint8Array(body as ArrayBuffer).length };
  return { other: Object.prototype.toString.call(body) };
}

/**
 * A fetch answering each request with `respond(request, n)` (n = 0, 1, … per recorder), recording
 * what was sent.
 */
export function recorder(respond: (request: SentRequest, n: number) => Response) {
  const calls: SentRequest[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const request = { method: init.method ?? "GET", url, headers, body: await bodyOf(init.body) };
    calls.push(request);
    return respond(request, calls.length - 1);
  };
  return { fetch, calls };
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}
