// The cross-runtime scenario of scripts/test/runtimes.test.ts, shared by the command-line runner
// (run.mjs: Node 18/22/24, Bun, Deno) and the browser page (index.html).
//
// Plain ESM with no Node built-ins and no bare imports: it imports the esbuild bundles
// (platform "neutral") that the test writes next to it as ./helpwise.mjs and ./desk360.mjs, and talks
// to the test's mock server with nothing but the runtime's own fetch.
//
// runScenario(base) never throws: a step that fails records { unexpected: "<Name>: <message>" } so
// the test's deep-equality check shows exactly which step broke in which runtime.
import * as helpwiseLib from "./helpwise.mjs";
import * as desk360Lib from "./desk360.mjs";

/** What runs this script, e.g. "node 18.20.8", "bun 1.3.5", "deno 2.5.6", "chromium 156.0.0.0" (the user agent's reduced version). */
export function runtimeName() {
  const g = globalThis;
  if (g.Deno?.version?.deno) return `deno ${g.Deno.version.deno}`;
  if (g.Bun?.version) return `bun ${g.Bun.version}`;
  if (g.process?.versions?.node) return `node ${g.process.versions.node}`;
  const ua = g.navigator?.userAgent ?? "";
  const chrome = /(?:HeadlessChrome|Chrome|Chromium)\/([\d.]+)/.exec(ua);
  return chrome ? `chromium ${chrome[1]}` : `unknown (${ua})`;
}

function describeError(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : `thrown non-Error: ${String(error)}`;
}

/** Runs `fn`, returning its value or `{ unexpected }` when it throws. */
async function step(fn) {
  try {
    return await fn();
  } catch (error) {
    return { unexpected: describeError(error) };
  }
}

/** The mock server's request counts for this run ("METHOD /path" → n, preflights not counted). */
async function requestCounts(base) {
  const response = await fetch(`${base}/_stats`);
  if (!response.ok) throw new Error(`GET ${base}/_stats answered ${response.status}`);
  return response.json();
}

const SEND_PATH = "POST /desk360/v1/integrations/12/conversations/messages";

/**
 * The scenario: Helpwise mailboxes.list; Desk360 login + sendText, a list retried after a 503, a
 * send answered 429 (must not be re-sent), and a send rejected before sending.
 * @param {string} base the run's base URL on the mock server, e.g. http://127.0.0.1:4567/run/node18
 */
export async function runScenario(base) {
  const { createHelpwiseClient } = helpwiseLib;
  const { createDesk360Client, RateLimitError, ValidationError } = desk360Lib;
  const result = {};

  result.helpwiseList = await step(async () => {
    const helpwise = createHelpwiseClient({ apiKey: "hw-key-123", apiSecret: "hw-secret-456", baseUrl: `${base}/helpwise` });
    const mailboxes = await helpwise.mailboxes.list({ limit: 2 });
    return { isArray: Array.isArray(mailboxes), count: mailboxes.length, emails: mailboxes.map((m) => m.email) };
  });

  const desk360 = createDesk360Client({
    email: "ops@example.org",
    password: "right-password",
    baseUrl: `${base}/desk360`,
    retry: { initialDelayMs: 100 },
  });

  result.desk360LoginAndSend = await step(async () => {
    const sent = await desk360.messages.sendText({ integrationId: 12, to: "+905551112233", text: "Your order has shipped" });
    return { messageId: sent.message_id, logins: desk360.session.logins };
  });

  result.desk360RetriedList = await step(async () => {
    const integrations = await desk360.integrations.list();
    const counts = await requestCounts(base);
    return { ids: integrations.map((i) => i.id), requestsSeen: counts["GET /desk360/v1/integrations"] ?? 0 };
  });

  result.desk360RateLimitedSend = await step(async () => {
    const before = (await requestCounts(base))[SEND_PATH] ?? 0;
    let outcome;
    try {
      await desk360.messages.sendText({ integrationId: 12, to: "+905551112233", text: "Second message" });
      outcome = { thrown: null };
    } catch (error) {
      outcome = {
        thrown: error?.name,
        isRateLimitError: error instanceof RateLimitError,
        status: error?.status,
        code: error?.code,
        retryAfterMs: error?.retryAfterMs,
      };
    }
    const after = (await requestCounts(base))[SEND_PATH] ?? 0;
    return { ...outcome, requestsSeen: after - before };
  });

  result.desk360ValidationError = await step(async () => {
    const before = await requestCounts(base);
    let outcome;
    try {
      await desk360.messages.sendText({ integrationId: 12, to: "905551112233", text: "" });
      outcome = { thrown: null };
    } catch (error) {
      outcome = {
        thrown: error?.name,
        isValidationError: error instanceof ValidationError,
        paths: (error?.issues ?? []).map((issue) => issue.path).sort(),
      };
    }
    const after = await requestCounts(base);
    const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
    return { ...outcome, requestsSeen: total(after) - total(before) };
  });

  result.desk360Session = { logins: desk360.session.logins };
  return result;
}
