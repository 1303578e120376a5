// The rate-limited server of the Desk360 budget benchmark. Runs in its own process (forked by
// budget-server-control.mjs, for budget.mjs and distributed-budget.mjs) on 127.0.0.1 and a free port, and enforces a sliding-window budget like Desk360's
// (scaled down): at most LIMIT requests in any WINDOW_MS; past that it answers 429 with Retry-After.
// It records every accepted message id, so the benchmark can check nothing was lost or doubled.
//
// IPC: sends { port } once listening; answers "stats" with the counters; exits on "stop" or disconnect.
import { createServer } from "node:http";

const LIMIT = Number(process.env.BUDGET_LIMIT ?? 20);
const WINDOW_MS = Number(process.env.BUDGET_WINDOW_MS ?? 1000);
const arrivals = []; // accepted request times (ms, monotonic), oldest first
const received = new Map(); // message text -> times accepted
let rejected = 0;
let maxInWindow = 0;
let first;
let last;

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const now = performance.now();
    while (arrivals.length && arrivals[0] <= now - WINDOW_MS) arrivals.shift();
    if (arrivals.length >= LIMIT) {
      rejected++;
      const retryAfter = Math.max(1, Math.ceil((arrivals[0] + WINDOW_MS - now) / 1000));
      res.writeHead(429, { "content-type": "application/json", "retry-after": String(retryAfter) });
      res.end(JSON.stringify({ error: { code: "too_many_requests_exception", message: "Too Many Attempts." } }));
      return;
    }
    arrivals.push(now);
    maxInWindow = Math.max(maxInWindow, arrivals.length);
    first ??= now;
    last = now;
    let text = "?";
    try {
      text = JSON.parse(Buffer.concat(chunks).toString("utf8")).text;
    } catch {
      /* counted under "?" */
    }
    received.set(text, (received.get(text) ?? 0) + 1);
    res.writeHead(200, {
      "content-type": "application/json",
      "x-ratelimit-limit": String(LIMIT),
      "x-ratelimit-remaining": String(LIMIT - arrivals.length),
    });
    res.end(JSON.stringify({ message_id: `wamid.${received.size}` }));
  });
});

server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
process.on("message", (message) => {
  if (message === "stats") {
    process.send({ stats: { accepted: [...received.values()].reduce((a, b) => a + b, 0), rejected, maxInWindow, spanMs: last - first, counts: [...received.entries()] } });
  } else if (message === "stop") server.close(() => process.exit(0));
});
process.on("disconnect", () => process.exit(0));
