// Starts, asks and stops the rate-limited server of the budget benchmarks (budget-server.mjs) in its
// own process, for budget.mjs and distributed-budget.mjs.
import { fork } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Forks the server enforcing `limit` requests in any `windowMs`; resolves once it listens on 127.0.0.1. */
export function startBudgetServer(limit, windowMs) {
  const child = fork(join(here, "budget-server.mjs"), [], { env: { ...process.env, BUDGET_LIMIT: String(limit), BUDGET_WINDOW_MS: String(windowMs) }, stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("message", ({ port }) => resolve({ child, url: `http://127.0.0.1:${port}` }));
  });
}

/** The server's counters so far (accepted, rejected, maxInWindow, spanMs, counts). */
export const serverStats = (child) =>
  new Promise((resolve) => {
    child.once("message", (m) => resolve(m.stats));
    child.send("stats");
  });

/** Stops the server; resolves when its process has exited. */
export const stopBudgetServer = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.send("stop");
  });
