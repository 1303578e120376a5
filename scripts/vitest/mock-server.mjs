// A mock of one vendor from its spec: Prism, plus, when the spec has `multipart/form-data` request
// bodies (Desk360's bracket notation), Prism on a derived copy of the spec (prism-spec.mjs) behind
// the bracket proxy (bracket-proxy.mjs), which is then what callers talk to.
//
// The one way a mock is started: the contract tests' vitest globalSetup (prism-setup.ts) and the
// `@inboxkit/mock` sandbox CLI (packages/mock, which bundles this file) both call startMockServer.
import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import { startPrism } from "../prism.mjs";
import { startBracketProxy } from "./bracket-proxy.mjs";
import { derivePrismSpec, specHasMultipart } from "./prism-spec.mjs";

/**
 * Starts the mock and resolves once it answers.
 * @param {{
 *   spec: string,
 *   host?: string,
 *   port?: number,
 *   errors?: boolean,
 *   prismCommand?: string[],
 *   cwd?: string,
 *   quiet?: boolean,
 *   onPrismOutput?: (chunk: string) => void,
 *   signal?: AbortSignal,
 *   singlePage?: boolean,
 * }} options
 *   `spec`: absolute path of the vendor's spec; `host`/`port`: where callers connect (default
 *   127.0.0.1 and a free port); `errors`: Prism's `--errors` (default true); `prismCommand`: how to
 *   run Prism's CLI (default: the repo's node_modules/.bin/prism); `quiet`: no log lines of its own;
 *   `onPrismOutput`: Prism's log once it listens (one chunk per write); `signal`: aborting it while
 *   the mock starts stops what has started and rejects (nothing is left running); `singlePage`:
 *   lists paged by a `Link` header or a `next` URL answer as their last page (the next-page pointer
 *   is dropped), since Prism answers every page with the same example.
 * @returns {Promise<{
 *   url: string, port: number, prismPid: number, multipart: boolean,
 *   stop: () => Promise<void>, kill: () => void, exited: Promise<number | null>,
 * }>} `stop()`: stops the proxy, ends Prism's process group and removes the derived spec (idempotent);
 *   `kill()`: SIGKILLs Prism at once (for a process `exit` hook); `exited`: resolves when Prism exits
 */
export async function startMockServer({ spec, host = "127.0.0.1", port = 0, errors = true, prismCommand, cwd, quiet = false, onPrismOutput, signal, singlePage = false }) {
  const log = quiet ? () => {} : (line) => console.log(line);
  const prismOptions = { errors, command: prismCommand, cwd, onOutput: onPrismOutput, signal };
  const multipart = await specHasMultipart(spec);
  if (!multipart && singlePage) {
    // Prism directly, behind the proxy only for its single-page answers.
    const prism = await startPrism(spec, { ...prismOptions, host: "127.0.0.1" });
    try {
      const proxy = await startBracketProxy(prism.url, { spec, host, port, singlePage });
      signal?.throwIfAborted();
      let stopping;
      const stop = () => (stopping ??= proxy.stop().then(() => prism.stop()));
      return { url: proxy.url, port: proxy.port, prismPid: prism.pid, multipart: false, stop, kill: prism.kill, exited: prism.exited };
    } catch (error) {
      await prism.stop();
      throw error;
    }
  }
  if (!multipart) {
    const prism = await startPrism(spec, { ...prismOptions, host, port });
    return { url: prism.url, port: prism.port, prismPid: prism.pid, multipart: false, stop: prism.stop, kill: prism.kill, exited: prism.exited };
  }

  const derived = await derivePrismSpec(spec, { quiet });
  const cleanup = [() => rm(dirname(derived), { recursive: true, force: true })];
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      for (const step of cleanup.splice(0).reverse()) await step();
    })());
  let prism;
  try {
    prism = await startPrism(derived, { ...prismOptions, host: "127.0.0.1" });
    cleanup.push(() => prism.stop());
    const proxy = await startBracketProxy(prism.url, { spec: derived, host, port, singlePage });
    cleanup.push(() => proxy.stop());
    signal?.throwIfAborted();
    log(`[mock-server] Prism ${prism.url} (derived spec) behind the bracket proxy ${proxy.url}`);
    return { url: proxy.url, port: proxy.port, prismPid: prism.pid, multipart: true, stop, kill: () => prism.kill(), exited: prism.exited };
  } catch (error) {
    await stop();
    throw error;
  }
}
