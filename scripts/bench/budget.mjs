// Desk360 request budget: drain a few hundred sends through ONE client with 16 concurrent callers
// against a local server that enforces the same budget (scaled down to LIMIT requests a second), and
// report the achieved rate against the allowed rate, the 429s the server returned, and whether every
// send arrived exactly once.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { serverStats, startBudgetServer, stopBudgetServer } from "./budget-server-control.mjs";

export const name = "budget";
const here = dirname(fileURLToPath(import.meta.url));
const LIMIT = 20;
const WINDOW_MS = 1000;
const SENDS = 300;
const CALLERS = 16;


export async function run(ctx) {
  const log = ctx?.log ?? console.log;
  const root = ctx?.root ?? join(here, "..", "..");
  const { createDesk360Client } = await import(pathToFileURL(join(root, "packages", "desk360", "dist", "index.js")).href);
  const { child, url } = await startBudgetServer(LIMIT, WINDOW_MS);
  try {
    const desk360 = createDesk360Client({ token: "bench-token", baseUrl: url, requestBudget: { requests: LIMIT, intervalMs: WINDOW_MS } });
    log(`budget: ${SENDS} sends, ${CALLERS} concurrent callers, budget ${LIMIT} per ${WINDOW_MS} ms (client and server)`);
    let next = 0;
    let failed = 0;
    const errors = new Map();
    const started = performance.now();
    const caller = async () => {
      while (next < SENDS) {
        const i = next++;
        try {
          await desk360.messages.sendText({ integrationId: 1, to: "+905551112233", text: `send-${i}` });
        } catch (e) {
          failed++;
          errors.set(e.name, (errors.get(e.name) ?? 0) + 1);
        }
        if (i % 50 === 0) log(`budget: send ${i}/${SENDS} at ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    };
    await Promise.all(Array.from({ length: CALLERS }, caller));
    const elapsed = performance.now() - started;
    const stats = await serverStats(child);
    const counts = new Map(stats.counts);
    const lost = Array.from({ length: SENDS }, (_, i) => `send-${i}`).filter((t) => !counts.has(t)).length;
    const doubled = [...counts.values()].filter((n) => n > 1).length;
    // The fastest any client may go: the first LIMIT at once, then LIMIT per window.
    const minSpanMs = (Math.ceil(SENDS / LIMIT) - 1) * WINDOW_MS;
    const ratio = minSpanMs / stats.spanMs;
    const ok = stats.rejected === 0 && lost === 0 && doubled === 0 && failed === 0 && stats.maxInWindow <= LIMIT;
    const markdown = [
      `## Desk360 request budget`,
      "",
      `${SENDS} \`messages.sendText\` calls through one \`@inboxkit/desk360\` client (built dist) with ${CALLERS} concurrent callers, against a local server in another process that enforces a sliding window of ${LIMIT} requests per ${WINDOW_MS} ms (Desk360's 60 a minute, scaled down) and answers 429 past it; the client is configured with the same budget (\`requestBudget: { requests: ${LIMIT}, intervalMs: ${WINDOW_MS} }\`). Sends are never retried, so a 429 would be a failed send.`,
      "",
      `Achieved / allowed rate = (fastest possible span: the first ${LIMIT} at once, then ${LIMIT} per window = ${(minSpanMs / 1000).toFixed(1)} s) / (span between the first and the last request the server accepted).`,
      "",
      "| sends | callers | wall time | server span | achieved / allowed | 429s | max in any window | lost | doubled | failed calls |",
      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      `| ${SENDS} | ${CALLERS} | ${(elapsed / 1000).toFixed(2)} s | ${(stats.spanMs / 1000).toFixed(2)} s | **${ratio.toFixed(3)}** | ${stats.rejected} | ${stats.maxInWindow} / ${LIMIT} | ${lost} | ${doubled} | ${failed}${errors.size ? ` (${[...errors].map(([k, v]) => `${k} ×${v}`).join(", ")})` : ""} |`,
      "",
      `Aim: ≥ 0.95 of the allowed rate with 0 429s, no send lost or doubled — ${ratio >= 0.95 && ok ? "met" : "**not met**"}.`,
      "",
    ].join("\n");
    log(`budget: achieved/allowed ${ratio.toFixed(3)}, 429s ${stats.rejected}, lost ${lost}, doubled ${doubled}, failed ${failed}`);
    return { markdown, ok };
  } finally {
    await stopBudgetServer(child);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown, ok } = await run({});
  console.log(markdown);
  process.exit(ok ? 0 : 1);
}
