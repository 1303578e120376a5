/**
 * `@inboxkit/mock`: a local sandbox of an InboxKit vendor API. It runs Prism on the vendor's OpenAPI
 * spec (shipped inside this package), so requests are validated against the spec and answered with
 * its examples; a spec with `multipart/form-data` bodies in PHP bracket notation (Desk360) is served
 * through a small proxy that decodes them for Prism.
 *
 * ```ts
 * import { startMock } from "@inboxkit/mock";
 * import { createDesk360Client } from "@inboxkit/desk360";
 *
 * const mock = await startMock("desk360", { port: 0 });
 * const desk360 = createDesk360Client({ email: "ops@example.org", password: "YOUR_PASSWORD", baseUrl: mock.url });
 * console.log(await desk360.integrations.list());
 * await mock.stop();
 * ```
 *
 * From a shell: `npx @inboxkit/mock <vendor> [--port N]`.
 * @packageDocumentation
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMockServer } from "../../../scripts/vitest/mock-server.mjs";

/** One vendor API the sandbox can mock. */
export interface MockVendor {
  /** The vendor's name, as `npx @inboxkit/mock <name>` takes it (`desk360`). */
  readonly name: string;
  /** The API's title (`info.title` of its spec). */
  readonly title: string;
  /** The API's version (`info.version` of its spec). */
  readonly apiVersion: string;
  /** Absolute path of the spec file inside this package. */
  readonly spec: string;
  /** The npm package of its client (`@inboxkit/desk360`). */
  readonly package: string;
}

/** Options of {@link startMock}. */
export interface MockOptions {
  /** Port to listen on; `0` picks a free one. Default 4010 (Prism's usual port). */
  readonly port?: number;
  /** Address to listen on. Default `127.0.0.1`. */
  readonly host?: string;
  /**
   * Prism's `--errors` mode (default true): a request the spec does not allow is answered with an
   * error (422 problem+json, 401 without credentials) instead of an example.
   */
  readonly errors?: boolean;
  /** Prism's request log, one chunk per write, once it listens (default: dropped). */
  readonly onLog?: (chunk: string) => void;
  /** Aborting it while the mock starts stops whatever has started and rejects. */
  readonly signal?: AbortSignal;
  /**
   * Lists paged by a `Link` header or a `next` URL answer as their last page (default true): Prism
   * answers every page with the spec's example, so a client that follows the next-page pointer
   * would fetch the same page again (InboxKit's iterators stop that with a PaginationError).
   */
  readonly singlePage?: boolean;
}

/** A running mock. */
export interface Mock {
  readonly vendor: MockVendor;
  /** The base URL to give the client (`http://127.0.0.1:4010`). */
  readonly url: string;
  readonly port: number;
  /** Process id of Prism (it runs in its own process group). */
  readonly prismPid: number;
  /** A ready-to-paste snippet that creates the vendor's client against {@link Mock.url}. */
  readonly snippet: string | undefined;
  /** Stops the mock: the proxy (if any), Prism's whole process group, the temp files. Idempotent. */
  stop(): Promise<void>;
  /** Kills Prism at once (SIGKILL), synchronously: for a process `exit` hook. */
  kill(): void;
  /** Resolves with Prism's exit code when it exits (for whatever reason). */
  readonly exited: Promise<number | null>;
}

interface VendorsFile {
  readonly baseUrlToken: string;
  readonly vendors: Record<string, Omit<MockVendor, "spec"> & { spec: string; snippet: string | null }>;
}

/** The directory of dist/vendors.json and dist/specs/ (this file's directory once built). */
function dataDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, "..", "dist")]) if (existsSync(join(dir, "vendors.json"))) return dir;
  throw new Error(`@inboxkit/mock: no vendors.json next to ${here}; build the package first (pnpm --filter @inboxkit/mock build)`);
}

let cache: { dir: string; file: VendorsFile } | undefined;
function vendorsFile(): { dir: string; file: VendorsFile } {
  if (!cache) {
    const dir = dataDir();
    cache = { dir, file: JSON.parse(readFileSync(join(dir, "vendors.json"), "utf8")) as VendorsFile };
  }
  return cache;
}

/** Every vendor the sandbox can mock, in the order of the repository's redocly.yaml. */
export function listVendors(): MockVendor[] {
  const { dir, file } = vendorsFile();
  return Object.values(file.vendors).map(({ snippet: _snippet, ...v }) => ({ ...v, spec: join(dir, v.spec) }));
}

/**
 * One vendor by name.
 * @throws {Error} naming the vendors there are, when there is none by that name
 */
export function getVendor(name: string): MockVendor {
  const found = listVendors().find((v) => v.name === name);
  if (!found) throw new Error(`unknown vendor "${name}"; this sandbox mocks: ${listVendors().map((v) => v.name).join(", ")}`);
  return found;
}

/**
 * The snippet that creates the vendor's client against `baseUrl`, with placeholder credentials
 * (the mock checks that credentials are sent, not their value). Undefined when the package was built
 * without one for this vendor.
 */
export function clientSnippet(name: string, baseUrl: string): string | undefined {
  const { file } = vendorsFile();
  const template = file.vendors[getVendor(name).name]?.snippet;
  return template ? template.split(file.baseUrlToken).join(baseUrl) : undefined;
}

/** How Prism's CLI is run: this Node binary and the `@stoplight/prism-cli` this package depends on. */
export function prismCommand(): string[] {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = JSON.parse(readFileSync(pkgJson, "utf8")) as { bin: string | Record<string, string> };
  const rel = typeof bin === "string" ? bin : (bin.prism ?? Object.values(bin)[0]);
  if (!rel) throw new Error("@stoplight/prism-cli has no bin");
  return [process.execPath, join(dirname(pkgJson), rel)];
}

/**
 * Starts the mock of one vendor and resolves once it answers. Stop it with `stop()`.
 * @param name the vendor (see {@link listVendors})
 * @throws {Error} for an unknown vendor, or when Prism cannot start (e.g. the port is taken)
 */
export async function startMock(name: string, options: MockOptions = {}): Promise<Mock> {
  const vendor = getVendor(name);
  const { port = 4010, host = "127.0.0.1", errors = true, onLog, signal, singlePage = true } = options;
  const server = await startMockServer({
    spec: vendor.spec,
    host,
    port,
    errors,
    prismCommand: prismCommand(),
    cwd: dirname(vendor.spec),
    quiet: true,
    singlePage,
    ...(onLog ? { onPrismOutput: onLog } : {}),
    ...(signal ? { signal } : {}),
  });
  return {
    vendor,
    url: server.url,
    port: server.port,
    prismPid: server.prismPid,
    snippet: clientSnippet(name, server.url),
    stop: server.stop,
    kill: server.kill,
    exited: server.exited,
  };
}
