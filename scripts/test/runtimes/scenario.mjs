// The cross-runtime scenario of scripts/test/runtimes.test.ts, shared by the command-line runner
// (run.mjs: Node 18/22/24, Bun, Deno) and the browser page (index.html).
//
// Plain ESM with no Node built-ins and no bare imports. The test writes ./vendors.mjs next to it:
// one entry per vendor (the esbuild bundle of its package, platform "neutral", and its scenario from
// vendors/<vendor>.scenario.mjs). Each vendor's scenario talks to its part of the test's mock server
// (<base>/<vendor>/…) with nothing but the runtime's own fetch.
//
// runScenario(base) never throws: a step that fails records { unexpected: "<Name>: <message>" } so
// the test's deep-equality check shows exactly which step broke in which runtime.
import { vendors } from "./vendors.mjs";

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
export async function step(fn) {
  try {
    return await fn();
  } catch (error) {
    return { unexpected: describeError(error) };
  }
}

/** The mock server's request counts for this run ("METHOD /<vendor>/path" → n, preflights not counted). */
export async function requestCounts(base) {
  const response = await fetch(`${base}/_stats`);
  if (!response.ok) throw new Error(`GET ${base}/_stats answered ${response.status}`);
  return response.json();
}

/**
 * Runs every vendor's scenario in turn; the result is `{ <vendor>: { <step>: … } }`.
 * @param {string} base the run's base URL on the mock server, e.g. http://127.0.0.1:4567/run/node18
 */
export async function runScenario(base) {
  const result = {};
  for (const { name, lib, scenario } of vendors) {
    result[name] = await step(() => scenario({ base, url: `${base}/${name}`, lib, step, requestCounts }));
  }
  return result;
}
