// `npx @inboxkit/mock <vendor> [--port N] [--host H] [--quiet]`: starts the vendor's mock, prints its
// base URL and a client snippet, streams Prism's request log, and on Ctrl-C / SIGTERM / SIGHUP stops
// the proxy and Prism's whole process group before exiting (no orphan Prism left behind).
import { parseArgs } from "node:util";
import { listVendors, startMock, type Mock } from "./index.js";

const USAGE = `Usage: npx @inboxkit/mock <vendor> [--port N] [--host ADDRESS] [--quiet]

Starts a local mock of the vendor's API from its OpenAPI spec (Prism): requests are checked against
the spec (an invalid one gets a 422, a missing credential a 401) and answered with its examples.

  --port N         port to listen on (default 4010; 0 = any free port)
  --host ADDRESS   address to listen on (default 127.0.0.1)
  --quiet          do not print Prism's request log
  --list           list the vendors and exit
  --help           this text`;

function fail(message: string, code = 2): never {
  process.stderr.write(`@inboxkit/mock: ${message}\n`);
  process.exit(code);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      port: { type: "string", short: "p" },
      host: { type: "string", short: "h" },
      quiet: { type: "boolean", short: "q" },
      list: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
}
try {
  args = parse();
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`);
}

const vendors = (() => {
  try {
    return listVendors();
  } catch (error) {
    return fail((error as Error).message, 1);
  }
})();
if (args.values.help) {
  process.stdout.write(`${USAGE}\n\nVendors: ${vendors.map((v) => v.name).join(", ")}\n`);
  process.exit(0);
}
if (args.values.list) {
  for (const v of vendors) process.stdout.write(`${v.name.padEnd(12)} ${v.title} ${v.apiVersion}  (${v.package})\n`);
  process.exit(0);
}
const [name, ...extra] = args.positionals;
if (!name || extra.length) fail(`${name ? `one vendor only, got ${args.positionals.join(" ")}` : "which vendor?"}\n\n${USAGE}\n\nVendors: ${vendors.map((v) => v.name).join(", ")}`);
if (!vendors.some((v) => v.name === name)) fail(`unknown vendor "${name}"; choose one of: ${vendors.map((v) => v.name).join(", ")}`);
const port = args.values.port === undefined ? 4010 : Number(args.values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number (0-65535), got ${args.values.port}`);

let mock: Mock | undefined;
let stopping: Promise<void> | undefined;
/** Aborted by a signal that arrives while the mock starts: startMock then stops what it started. */
const starting = new AbortController();

/** Stops everything once, then exits. A second signal while stopping kills Prism at once. */
function shutdown(reason: string, code = 0): Promise<void> {
  if (stopping) {
    mock?.kill();
    return stopping;
  }
  if (reason) process.stderr.write(`\n@inboxkit/mock: ${reason}, stopping…\n`);
  if (!mock) {
    // Still starting: startMock rejects once it has stopped what it started, and the catch below exits.
    stopping = new Promise(() => {});
    starting.abort(new Error(reason));
    return stopping;
  }
  stopping = (async () => {
    if (mock) {
      const timer = setTimeout(() => mock?.kill(), 5000);
      await mock.stop().catch(() => mock?.kill());
      clearTimeout(timer);
    }
    process.exit(code);
  })();
  return stopping;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(`${signal} received`));
// Last resort (an uncaught error, process.exit elsewhere): never leave Prism running.
process.on("exit", () => mock?.kill());
process.on("uncaughtException", (error) => {
  process.stderr.write(`@inboxkit/mock: ${error.stack ?? error}\n`);
  void shutdown("", 1);
});

try {
  mock = await startMock(name, {
    port,
    host: args.values.host ?? "127.0.0.1",
    signal: starting.signal,
    ...(args.values.quiet ? {} : { onLog: (chunk: string) => process.stdout.write(chunk) }),
  });
} catch (error) {
  if (starting.signal.aborted) process.exit(0); // stopped by a signal while starting
  fail((error as Error).message, 1);
}
void mock.exited.then((code) => {
  if (!stopping) void shutdown(`Prism exited unexpectedly (code ${code})`, 1);
});

const { vendor, url, snippet } = mock;
process.stdout.write(
  [
    `@inboxkit/mock: ${vendor.title} ${vendor.apiVersion} mocked from its OpenAPI spec (Prism, pid ${mock.prismPid})`,
    "",
    `Base URL: ${url}`,
    `Spec:     ${vendor.spec}`,
    "",
    ...(snippet
      ? ["Paste into your code (any non-empty credentials work against the mock):", "", ...snippet.split("\n").map((l) => (l ? `  ${l}` : "")), ""]
      : [`(no client snippet for ${vendor.name} in this build; pass baseUrl: "${url}" to the ${vendor.package} client)`, ""]),
    "Requests are validated against the spec (422 for an invalid one, 401 without credentials) and answered with its examples.",
    "Press Ctrl-C to stop.",
    "",
    "",
  ].join("\n"),
);
