// Command-line runner of the cross-runtime scenario (Node, Bun, Deno):
//   <runtime> run.mjs <base-url>
// Prints one JSON line: {"runtime": "...", "result": {...}}. No Node built-ins, so Deno and Bun run
// it unchanged. The test copies it next to scenario.mjs and the bundles before running it.
import { runScenario, runtimeName } from "./scenario.mjs";

const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
const base = args[0];
if (!base) throw new Error("usage: run.mjs <base-url>");
const result = await runScenario(base);
console.log(JSON.stringify({ runtime: runtimeName(), result }));
