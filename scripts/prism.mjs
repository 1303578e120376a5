// Starts and stops a Prism mock server for one spec, on 127.0.0.1 and a free port.
// Used by the contract tests (vitest globalSetup), the demo and the benchmarks.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Resolves a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `prism mock <spec> --errors` (by default on 127.0.0.1 and a free port) and resolves once it
 * listens. Prism runs in its own process group; `stop()` ends the group and waits for it.
 * @param {string} spec path relative to the repo root (e.g. specs/helpwise/openapi.yaml), or absolute
 * @param {{ errors?: boolean, timeoutMs?: number, host?: string, port?: number, command?: string[], cwd?: string, onOutput?: (chunk: string) => void, signal?: AbortSignal }} [options]
 *   `command`: how to run Prism's CLI (default: the repo's node_modules/.bin/prism), e.g.
 *   `[process.execPath, "<…>/@stoplight/prism-cli/dist/index.js"]`; `onOutput`: Prism's output once it listens;
 *   `signal`: aborting it while Prism starts stops Prism and rejects.
 * @returns {Promise<{ url: string, port: number, pid: number, stop: () => Promise<void>, kill: () => void, exited: Promise<number | null>, output: () => string }>}
 *   `kill()`: SIGKILL the group at once (for a process `exit` hook); `exited`: resolves with the exit code
 */
export async function startPrism(spec, { errors = true, timeoutMs = 30_000, host = "127.0.0.1", port: wanted, command, cwd = root, onOutput, signal } = {}) {
  signal?.throwIfAborted();
  const port = wanted || (await freePort());
  const [bin, ...binArgs] = command ?? [join(root, "node_modules", ".bin", process.platform === "win32" ? "prism.cmd" : "prism")];
  const args = [...binArgs, "mock", isAbsolute(spec) ? spec : join(root, spec), "-h", host, "-p", String(port)];
  if (errors) args.push("--errors");
  const child = spawn(bin, args, { cwd, stdio: ["ignore", "pipe", "pipe"], detached: process.platform !== "win32" });
  let output = "";
  let listening = false;
  const collect = (chunk) => {
    output += chunk;
    if (output.length > 20_000) output = output.slice(-10_000);
    if (listening && onOutput) onOutput(String(chunk));
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  let spawnError;
  child.once("error", (error) => (spawnError = error));
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  const kill = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(process.platform === "win32" ? child.pid : -child.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(process.platform === "win32" ? child.pid : -child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 3000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  while (!/listening on/i.test(output)) {
    if (spawnError) throw new Error(`cannot start Prism (${bin}): ${spawnError.message}`);
    if (signal?.aborted) {
      await stop();
      signal.throwIfAborted();
    }
    if (child.exitCode !== null) throw new Error(`Prism exited early for ${spec}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Prism did not start within ${timeoutMs} ms for ${spec}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  listening = true;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, port, pid: child.pid, stop, kill, exited, output: () => output };
}
