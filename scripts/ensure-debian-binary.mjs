// Finds (or, as root on Debian, installs) a binary a test needs, never a service: the one rule behind
// scripts/ensure-chromium.mjs and scripts/ensure-redis.mjs.
//   1. the environment variable `envVar`, if set (must be executable)
//   2. the Debian path `path`, if present, else (when `searchPath`) `command` on PATH
//   3. as root with apt-get available: `apt-get update && apt-get install -y <package>`
// Progress goes to stderr, so a CLI's stdout can stay the path alone.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

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

/**
 * Returns the path of a usable binary, installing its Debian package if needed and possible. Throws
 * an Error explaining what to install or set when none can be found or installed.
 * @param {{ name: string, envVar: string, path: string, command: string, pkg: string, searchPath: boolean, log: (line: string) => void, note?: string }} spec
 * @returns {string}
 */
export function ensureDebianBinary({ name, envVar, path, command, pkg, searchPath, log, note = "" }) {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${envVar} is set to ${fromEnv}, but that is not an executable file.`);
    return fromEnv;
  }
  if (isExecutable(path)) return path;
  const found = searchPath ? onPath(command) : undefined;
  if (found) return found;

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !onPath("apt-get")) {
    throw new Error(
      `No ${name} found: ${envVar} is not set and ${path} does not exist` +
        (isRoot ? ", and apt-get is not available to install it." : ", and this process is not root so it cannot apt-get install it.") +
        ` Install ${name} (Debian: \`apt-get install -y ${pkg}\`) or set ${envVar} to a ${command} binary.`,
    );
  }
  log(`${path} not found; installing Debian's ${pkg} package with apt-get${note}`);
  const run = (args) => {
    log(`$ apt-get ${args.join(" ")}`);
    const started = Date.now();
    const result = spawnSync("apt-get", args, { stdio: ["ignore", process.stderr, process.stderr], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (result.error) throw new Error(`apt-get could not start: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} exited with ${result.status ?? result.signal}`);
    log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  run(["update"]);
  run(["install", "-y", pkg]);
  if (!isExecutable(path)) throw new Error(`apt-get install ${pkg} finished, but ${path} still does not exist.`);
  log(`installed ${path}`);
  return path;
}

/** Runs `find` as a CLI: the path on stdout, or the error on stderr and exit code 1. */
export function cli(find, log) {
  try {
    process.stdout.write(`${find()}\n`);
  } catch (error) {
    log(`error: ${error.message}`);
    process.exit(1);
  }
}
