// A small scripted HTTP server for the fault-injection suite: node:http on 127.0.0.1, a free port,
// one handler per case, and a record of every request (method, path, headers, body). Responses can
// be broken on purpose: a reset socket, stalled headers, a stalled or cut body, garbage JSON.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server received it. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** Answers one request; `n` counts the requests of the current case that the handler saw (1-based). */
export type Handler = (req: Received, res: ServerResponse, n: number) => void;

/** A running fault server. */
export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Every request of the current case, in order (login requests included). */
  readonly received: Received[];
  /** Sets the handler of the next case and clears the record. */
  use(handler: Handler): void;
  /** Drops every open connection (stalled responses), between cases. */
  hangUp(): void;
  close(): Promise<void>;
}

/** Starts a fault server. `intercept` answers some requests itself (e.g. logins) before the handler. */
export async function startFaultServer(intercept?: (req: Received, res: ServerResponse) => boolean): Promise<FaultServer> {
  let handler: Handler = (_req, res) => send(res, 404, { error: "no case" });
  const received: Received[] = [];
  let n = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const record: Received = { method: req.method ?? "GET", path: `${url.pathname}${url.search}`, headers: { ...req.headers }, body };
      received.push(record);
      // No keep-alive: a case that resets or stalls connections must not leave a dead pooled socket
      // for the next case's first request.
      res.setHeader("connection", "close");
      if (intercept?.(record, res)) return;
      handler(record, res, ++n);
    });
    req.on("error", () => undefined);
  });
  server.keepAliveTimeout = 500;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    use(next) {
      handler = next;
      received.length = 0;
      n = 0;
    },
    hangUp() {
      server.closeAllConnections();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends a JSON response. */
export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Sends an HTML page. */
export function html(res: ServerResponse, status: number, page: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(page);
}

/** Resets the connection without answering. */
export function reset(res: ServerResponse): void {
  res.socket?.destroy();
}

/** Sends the headers and the start of a JSON body, then resets the connection. */
export function cutAfterHeaders(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "application/json", "content-length": "200" });
  res.write('{"data": [1, 2,');
  setTimeout(() => res.socket?.destroy(), 5);
}

/** Sends the headers and the start of a body, then nothing more (the socket stays open). */
export function stallBody(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.write('{"data": [');
}

/** A complete 200 response whose JSON is cut short. */
export function truncatedJson(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"status":"success","data":{"id":1,"na');
}

/** A redirect. */
export function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location, "content-type": "text/plain" });
  res.end(`moved to ${location}`);
}
