#!/usr/bin/env node
// Finds (or, as root on Debian, installs) the `redis-server` binary the @inboxkit/budget-redis tests
// and the distributed-budget benchmark start on a free port (never a system service):
//   1. $REDIS_SERVER_PATH, if set (must be executable)
//   2. /usr/bin/redis-server, if present, else `redis-server` on PATH
//   3. as root with apt-get available: `apt-get update && apt-get install -y redis-server`
// Usage: node scripts/ensure-redis.mjs   → prints the path on stdout (progress goes to stderr)
// ESM:   import { ensureRedis } from "./ensure-redis.mjs"; const path = ensureRedis();
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

export const DEBIAN_REDIS_SERVER = "/usr/bin/redis-server";

function log(message) {
  process.stderr.write(`[ensure-redis] ${message}\n`);
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
  for (const dir of (process.env.PATH ?? "").split(delimiter)) if (dir && isExecutable(join(dir, command))) return join(dir, command);
  return undefined;
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
 * Returns the path of a usable `redis-server`, installing Debian's `redis-server` package if needed
 * and possible. Throws an Error with an explanation when none can be found or installed.
 * @returns {string}
 */
export function ensureRedis() {
  const fromEnv = process.env.REDIS_SERVER_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`REDIS_SERVER_PATH is set to ${fromEnv}, but that is not an executable file.`);
    return fromEnv;
  }
  if (isExecutable(DEBIAN_REDIS_SERVER)) return DEBIAN_REDIS_SERVER;
  const found = onPath("redis-server");
  if (found) return found;

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !onPath("apt-get")) {
    throw new Error(
      `No redis-server found: REDIS_SERVER_PATH is not set and ${DEBIAN_REDIS_SERVER} does not exist` +
        (isRoot ? ", and apt-get is not available to install it." : ", and this process is not root so it cannot apt-get install it.") +
        " Install Redis (Debian: `apt-get install -y redis-server`) or set REDIS_SERVER_PATH to a redis-server binary.",
    );
  }
  log(`${DEBIAN_REDIS_SERVER} not found; installing Debian's redis-server package with apt-get`);
  run("apt-get", ["update"]);
  run("apt-get", ["install", "-y", "redis-server"]);
  if (!isExecutable(DEBIAN_REDIS_SERVER)) throw new Error(`apt-get install redis-server finished, but ${DEBIAN_REDIS_SERVER} still does not exist.`);
  log(`installed ${DEBIAN_REDIS_SERVER}`);
  return DEBIAN_REDIS_SERVER;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(`${ensureRedis()}\n`);
  } catch (error) {
    log(`error: ${error.message}`);
    process.exit(1);
  }
}
