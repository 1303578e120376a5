// The contract between scripts/test/runtimes.test.ts and each vendor's part of the cross-runtime
// test: vendors/<vendor>.scenario.mjs runs in every runtime, vendors/<vendor>.server.ts is the mock
// server's side of it (runs in the test, in Node). A new vendor joins by adding both files.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

/** One API request the mock server received for a vendor, and how to answer it. */
export interface MockRequest {
  readonly req: IncomingMessage;
  /** The run id (`node18`, `chromium`, …): credentials handed out by the mock may include it. */
  readonly id: string;
  readonly method: string;
  /** The path after `/run/<id>`, starting with `/<vendor>/`. */
  readonly path: string;
  /** The query string, parsed. */
  readonly query: URLSearchParams;
  /** `METHOD /path` (the key of the request counts and of the log). */
  readonly key: string;
  /** How many times this key was requested in this run, this one included. */
  readonly n: number;
  /** The raw body. */
  readonly text: string;
  /** The body parsed as JSON (`{}` when empty or not JSON). */
  readonly json: Record<string, unknown>;
  /** Answers with a JSON body (logged as `key → status`). */
  reply(status: number, body: unknown, headers?: Record<string, string>): void;
  /** Records a problem with the request and answers 400. */
  bad(problem: string): void;
}

/** A vendor's side of the cross-runtime test. */
export interface VendorMock {
  /** What the vendor's scenario must return, in every runtime. */
  readonly expected: unknown;
  /** The vendor's API requests of one run, in order, with the status answered (`POST /desk360/v1/login → 200`). */
  readonly expectedLog: readonly string[];
  /** Request headers the browser must be allowed to send cross-origin (CORS), beyond authorization/content-type/accept. */
  readonly corsHeaders?: readonly string[];
  /** Answers one request under `/<vendor>/`. */
  handle(request: MockRequest): void | Promise<void>;
  /**
   * Takes over a websocket upgrade under `/run/<id>/<vendor>/` (e.g. with `ws`'s
   * `WebSocketServer.handleUpgrade`). Vendors without one refuse upgrades. Upgrades are not counted
   * or logged like requests.
   */
  upgrade?(request: { readonly req: IncomingMessage; readonly socket: Duplex; readonly head: Buffer; readonly id: string }): void;
}
