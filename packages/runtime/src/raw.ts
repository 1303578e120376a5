/**
 * `raw`: the openapi-fetch client of a vendor client — path-keyed, fully typed calls through the
 * same pipeline as the generated methods (the core's transport is its `fetch`). Only a client object
 * builds one (through `clientParts(table)`): a core used with the standalone functions sends its
 * calls without it, so a bundle of those does not carry openapi-fetch's client.
 * @module
 */
import openapiFetch, { type Client } from "openapi-fetch";
import type { ParseAs } from "./body.js";
import { presendError } from "./core.js";
import { assertHeaders } from "./headers.js";
import { PreparedRequest } from "./transport.js";

/** What a core gives the raw client it is built with: its base URL, headers, transport and secrets. */
export interface RawPipeline {
  /** The core's base URL (normalised, no trailing slash). */
  readonly baseUrl: string;
  /** Headers sent with every request (the client's and the vendor's). */
  readonly headers: Readonly<Record<string, string>>;
  /** The core's transport: every raw call goes through it. */
  readonly transport: (request: PreparedRequest | Request) => Promise<Response>;
  /** The values to keep out of errors (read at the time of each error). */
  readonly secrets: () => readonly string[];
}

const RAW_METHODS = ["request", "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/**
 * Builds the openapi-fetch client of a core's pipeline. Header and body-encoding failures of
 * openapi-fetch become ValidationErrors that do not quote the value (a fetch TypeError quotes
 * `Bearer <token>`).
 */
export function rawClient<Paths extends {}>(pipeline: RawPipeline): Client<Paths> {
  // openapi-fetch's only entry is its default export; in our CJS build esbuild's interop hands us the
  // whole module object instead, so take `.default` when the import is not the function itself.
  // (Resolved here, not at the top level, so that a bundle without `raw` drops openapi-fetch's client.)
  const createClient: typeof openapiFetch =
    typeof openapiFetch === "function" ? openapiFetch : (openapiFetch as unknown as { default: typeof openapiFetch }).default;
  const client = createClient<Paths>({
    baseUrl: pipeline.baseUrl,
    headers: pipeline.headers,
    fetch: pipeline.transport as unknown as (input: Request) => Promise<Response>,
    Request: PreparedRequest as unknown as typeof Request,
  });
  // Tell the transport how the caller reads the body, so that it can check JSON within the attempt.
  client.use({
    onRequest({ request, options: used }) {
      if (PreparedRequest.isPrepared(request)) request.parseAs = used.parseAs as ParseAs;
      return undefined;
    },
  });
  const raw = { ...client } as Record<string, unknown>;
  for (const name of RAW_METHODS) {
    const call = client[name] as (...args: unknown[]) => Promise<unknown>;
    raw[name] = async (...args: unknown[]) => {
      const init = args[name === "request" ? 2 : 1] as { headers?: unknown } | undefined;
      if (init?.headers && typeof init.headers === "object" && !(init.headers instanceof Headers)) assertHeaders(init.headers as Record<string, unknown>, pipeline.secrets());
      try {
        return await call(...args);
      } catch (error) {
        throw presendError(error);
      }
    };
  }
  return raw as unknown as Client<Paths>;
}
