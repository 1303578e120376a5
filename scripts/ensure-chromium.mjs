#!/usr/bin/env node
// Finds (or, as root on Debian, installs) a Chromium the browser tests can drive with playwright-core.
// Never downloads Playwright's own browser builds (`playwright install`): it uses Debian's chromium.
//   1. $CHROMIUM_PATH, if set (must exist)
//   2. /usr/bin/chromium, if present
//   3. as root with apt-get available: `apt-get update && apt-get install -y chromium`
// Usage: node scripts/ensure-chromium.mjs   → prints the path on stdout (progress goes to stderr)
// ESM:   import { ensureChromium } from "./ensure-chromium.mjs"; const path = ensureChromium();
import { fileURLToPath } from "node:url";
import { cli, ensureDebianBinary } from "./ensure-debian-binary.mjs";

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

/**
 * Returns the path of a usable Chromium binary, installing Debian's `chromium` package if needed
 * and possible. Throws an Error with an explanation when no Chromium can be found or installed.
 * @returns {string}
 */
export function ensureChromium() {
  return ensureDebianBinary({ name: "Chromium", envVar: "CHROMIUM_PATH", path: DEBIAN_CHROMIUM, command: "chromium", pkg: "chromium", searchPath: false, log, note: " (this can take a minute)" });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) cli(ensureChromium, log);
