// A scripted fetch for the unit tests (as packages/runtime/test/fixtures.ts): each call is recorded
// and answered by the next handler (the last one repeats).

/** A recorded request. */
export interface Call {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null | undefined;
}

/** The recorded request as `METHOD /path?query` (relative to the origin). */
export const line = (call: Call): string => {
  const url = new URL(call.url);
  return `${call.method} ${url.pathname}${url.search}`;
};

/** The JSON body of a recorded request. */
export const bodyOf = (call: Call | undefined): unknown => (call?.body ? JSON.parse(String(call.body)) : undefined);

export function scriptedFetch(...handlers: ((call: Call, n: number) => Response | Promise<Response>)[]) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const call: Call = { url, method: init.method ?? "GET", headers: new Headers(init.headers), body: init.body };
    calls.push(call);
    const handler = handlers[Math.min(calls.length - 1, handlers.length - 1)];
    if (!handler) throw new Error("no handler");
    return handler(call, calls.length);
  };
  return { fetch, calls };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

export const BASE = "https://chat.example.com";
