#!/usr/bin/env node
// Finds (or, as root on Debian, installs) the `redis-server` binary the @inboxkit/budget-redis tests
// and the distributed-budget benchmark start on a free port (never a system service):
//   1. $REDIS_SERVER_PATH, if set (must be executable)
//   2. /usr/bin/redis-server, if present, else `redis-server` on PATH
//   3. as root with apt-get available: `apt-get update && apt-get install -y redis-server`
// Usage: node scripts/ensure-redis.mjs   → prints the path on stdout (progress goes to stderr)
// ESM:   import { ensureRedis } from "./ensure-redis.mjs"; const path = ensureRedis();
import { fileURLToPath } from "node:url";
import { cli, ensureDebianBinary } from "./ensure-debian-binary.mjs";

export const DEBIAN_REDIS_SERVER = "/usr/bin/redis-server";

function log(message) {
  process.stderr.write(`[ensure-redis] ${message}\n`);
}

/**
 * Returns the path of a usable `redis-server`, installing Debian's `redis-server` package if needed
 * and possible. Throws an Error with an explanation when none can be found or installed.
 * @returns {string}
 */
export function ensureRedis() {
  return ensureDebianBinary({ name: "redis-server", envVar: "REDIS_SERVER_PATH", path: DEBIAN_REDIS_SERVER, command: "redis-server", pkg: "redis-server", searchPath: true, log });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) cli(ensureRedis, log);
