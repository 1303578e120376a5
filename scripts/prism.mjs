// Starts and stops a Prism mock server for one spec, on 127.0.0.1 and a free port.
// Used by the contract tests (vitest globalSetup), the demo and the benchmarks.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
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
 * Starts `prism mock <spec> --errors` on 127.0.0.1 and resolves once it listens.
 * @param {string} spec path relative to the repo root, e.g. specs/helpwise/openapi.yaml
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startPrism(spec, { errors = true, timeoutMs = 30_000 } = {}) {
  const port = await freePort();
  const bin = join(root, "node_modules", ".bin", process.platform === "win32" ? "prism.cmd" : "prism");
  const args = ["mock", join(root, spec), "-h", "127.0.0.1", "-p", String(port)];
  if (errors) args.push("--errors");
  const child = spawn(bin, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], detached: process.platform !== "win32" });
  let output = "";
  const collect = (chunk) => {
    output += chunk;
    if (output.length > 20_000) output = output.slice(-10_000);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise((resolve) => child.once("exit", resolve));
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
    if (child.exitCode !== null) throw new Error(`Prism exited early for ${spec}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Prism did not start within ${timeoutMs} ms for ${spec}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${port}`, port, stop, output: () => output };
}
