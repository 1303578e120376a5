#!/usr/bin/env node
// Finds (or, as root on Debian, installs) a Chromium the browser tests can drive with playwright-core.
// Never downloads Playwright's own browser builds (`playwright install`): it uses Debian's chromium.
//   1. $CHROMIUM_PATH, if set (must exist)
//   2. /usr/bin/chromium, if present
//   3. as root with apt-get available: `apt-get update && apt-get install -y chromium`
// Usage: node scripts/ensure-chromium.mjs   → prints the path on stdout (progress goes to stderr)
// ESM:   import { ensureChromium } from "./ensure-chromium.mjs"; const path = ensureChromium();
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** Flags for headless Chromium on this kind of machine: root, no GPU, no network but loopback. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

function log(message) {
  process.stderr.write(`[ensure-chromium] ${message}\n`);
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => dir && isExecutable(join(dir, command)));
}

function run(command, args) {
  log(`$ ${command} ${args.join(" ")}`);
  const started = Date.now();
  // Output goes to stderr so stdout stays the path alone.
  const result = spawnSync(command, args, {
    stdio: ["ignore", process.stderr, process.stderr],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Returns the path of a usable Chromium binary, installing Debian's `chromium` package if needed
 * and possible. Throws an Error with an explanation when no Chromium can be found or installed.
 * @returns {string}
 */
export function ensureChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but that is not an executable file.`);
    return fromEnv;
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !onPath("apt-get")) {
    throw new Error(
      `No Chromium found: CHROMIUM_PATH is not set and ${DEBIAN_CHROMIUM} does not exist` +
        (isRoot ? ", and apt-get is not available to install it." : ", and this process is not root so it cannot apt-get install it.") +
        ` Install Chromium (Debian: \`apt-get install -y chromium\`) or set CHROMIUM_PATH to a Chromium/Chrome binary.`,
    );
  }
  log(`${DEBIAN_CHROMIUM} not found; installing Debian's chromium package with apt-get (this can take a minute)`);
  run("apt-get", ["update"]);
  run("apt-get", ["install", "-y", "chromium"]);
  if (!existsSync(DEBIAN_CHROMIUM)) throw new Error(`apt-get install chromium finished, but ${DEBIAN_CHROMIUM} still does not exist.`);
  log(`installed ${DEBIAN_CHROMIUM}`);
  return DEBIAN_CHROMIUM;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(`${ensureChromium()}\n`);
  } catch (error) {
    log(`error: ${error.message}`);
    process.exit(1);
  }
}
