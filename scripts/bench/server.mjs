// The loopback server of the overhead benchmark. Runs in its own process (forked by overhead.mjs),
// listens on 127.0.0.1 and a free port chosen by the OS, and answers every request with the canned
// Helpwise `mailboxes.list` response after checking the request (method, path, content type,
// credentials, JSON body). A bad request gets a 400, so a variant that sends something else fails
// its correctness check instead of being timed.
//
// IPC protocol: sends { port } once listening; answers "stats" with { requests, bad, lastProblem };
// exits on "stop", on SIGTERM, or when the parent goes away (IPC disconnect).
import { createServer } from "node:http";
import { RESPONSE_BODY, requestProblem, responseHeaders } from "./fixture.mjs";

if (!process.send) {
  console.error("server.mjs is meant to be started with child_process.fork (see overhead.mjs)");
  process.exit(2);
}

const headers = responseHeaders();
const body = Buffer.from(RESPONSE_BODY);
headers["content-length"] = String(body.length);
let requests = 0;
let bad = 0;
let lastProblem = "";

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    requests++;
    const q = req.url.indexOf("?");
    const problem = requestProblem({
      method: req.method,
      path: q >= 0 ? req.url.slice(0, q) : req.url,
      contentType: req.headers["content-type"],
      authorization: req.headers.authorization,
      body: Buffer.concat(chunks).toString("utf8"),
    });
    if (problem) {
      bad++;
      lastProblem = problem;
      const error = JSON.stringify({ status: "error", data: null, message: problem });
      res.writeHead(400, { "content-type": "application/json", "content-length": Buffer.byteLength(error) });
      res.end(error);
      return;
    }
    res.writeHead(200, headers);
    res.end(body);
  });
});
// Keep idle keep-alive connections open between rounds (the default is 5 s).
server.keepAliveTimeout = 60_000;

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 2000).unref();
}

process.on("message", (message) => {
  if (message === "stop") stop();
  else if (message === "stats") process.send({ stats: { requests, bad, lastProblem } });
});
process.on("disconnect", stop);
process.on("SIGTERM", stop);

server.listen(0, "127.0.0.1", () => {
  process.send({ port: server.address().port });
});
