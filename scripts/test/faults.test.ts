// Fault injection: every vendor client built in packages/*/dist, against a real HTTP server on
// 127.0.0.1 that misbehaves on purpose (scripts/test/faults/cases.ts), plus hostile inputs.
//
//   cd /work/main && ./node_modules/.bin/turbo run build && \
//     ./node_modules/.bin/vitest run --config vitest.config.ts scripts/test/faults.test.ts
//
// For every case and both a safe call and a send it asserts: the attempts the server saw, that no
// send body arrived twice, the exact error class, that a redirect never carried anything to the
// other origin, and that no configured or obtained secret (nor any credential header the server
// saw) appears in String(err), err.stack, JSON.stringify(err), util.inspect(err) or the logger's
// output. Vendors are listed in scripts/test/faults/vendors.ts; cases use small timeouts and an
// injected sleep (which records the waits asked for), so the suite takes a few seconds.
// FAULTS_DIST_ROOT=<dir> runs it against another build (<dir>/<vendor>/dist).
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatLogEvent, type LogEvent } from "../../packages/runtime/src/logger.js";
import { FAULT_CASES, HOSTILE_CHARACTERS, type Expectation } from "./faults/cases.js";
import { send, startFaultServer, type FaultServer, type Received } from "./faults/server.js";
import { FAULT_VENDORS, loadVendor, type AnyClient, type FaultVendor, type VendorModule } from "./faults/vendors.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

let server: FaultServer;
let other: FaultServer;
let vendor: FaultVendor | undefined;

beforeAll(async () => {
  // Logins are answered here, so that a case scripts only the call under test.
  server = await startFaultServer((req, res) => {
    const answer = vendor?.login?.(req.path, req.method);
    if (answer === undefined) return false;
    send(res, 200, answer);
    return true;
  });
  other = await startFaultServer();
});
afterAll(async () => {
  await server?.close();
  await other?.close();
});

interface Harness {
  readonly options: Record<string, unknown>;
  readonly logs: string[];
  readonly waits: number[];
}

/** Small backoffs, a logger that keeps every line, and a sleep that records and barely waits. */
function harness(timeoutMs = 2000): Harness {
  const logs: string[] = [];
  const waits: number[] = [];
  const options = {
    baseUrl: server.origin,
    timeoutMs,
    retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 },
    // A function logger gets the structured event: both it and the line a console logger would print are checked.
    logger: (event: LogEvent) => logs.push(formatLogEvent(event), JSON.stringify(event)),
    sleep: (ms: number) => {
      waits.push(ms);
      return new Promise<void>((r) => setTimeout(r, Math.min(ms, 5)));
    },
  };
  return { options, logs, waits };
}

const settle = (promise: Promise<unknown>) => promise.then((value) => ({ value, error: undefined as unknown }), (error: unknown) => ({ value: undefined, error }));
const apiRequests = (received: readonly Received[], v: FaultVendor) => received.filter((r) => v.login?.(r.path, r.method) === undefined);

/** Every rendering of an error a caller or a log pipeline might produce. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  return [String(e), e?.stack ?? "", JSON.stringify(e) ?? "", inspect(e), inspect(e, { showHidden: true, depth: 10 })];
}

/** The values that must never show: configured secrets, the obtained token, every credential header the server saw. */
function secretsOf(v: FaultVendor, received: readonly Received[]): string[] {
  const seen = received.flatMap((r) => [r.headers.authorization, r.headers["api_access_token"]].filter((h): h is string => typeof h === "string"));
  const parts = seen.flatMap((h) => h.split(" ").filter((p) => p.length >= 8));
  return [...new Set([...v.secrets, ...(v.obtained ? [v.obtained] : []), ...seen, ...parts])];
}

function assertNoSecrets(texts: readonly string[], secrets: readonly string[]): void {
  for (const text of texts) for (const secret of secrets) expect(text.includes(secret), `secret ${secret.slice(0, 6)}… in: ${text.slice(0, 300)}`).toBe(false);
}

function assertErrorClass(mod: VendorModule, error: unknown, expected: string): void {
  expect(error, `expected ${expected}`).toBeInstanceOf(Error);
  expect((error as Error).name, String(error)).toBe(expected);
  const Class = mod[expected] as { is?: (e: unknown) => boolean } | undefined;
  if (typeof Class?.is === "function") expect(Class.is(error)).toBe(true);
  expect(error).toBeInstanceOf(mod.InboxKitError as new () => Error);
}

describe.each(FAULT_VENDORS.map((v) => [v.name, v] as const))("%s", (_name, v) => {
  let mod: VendorModule;
  beforeAll(async () => {
    mod = await loadVendor(ROOT, v.name);
    vendor = v;
  });

  describe.each(FAULT_CASES.map((c) => [c.name, c] as const))("%s", (_case, fault) => {
    it.each([["safe call", "safe"], ["send", "send"]] as const)("%s", async (_label, kind) => {
      vendor = v;
      server.use(fault.handler(other.origin));
      other.use((_req, res) => send(res, 200, { stolen: true }));
      const { options, logs, waits } = harness(fault.timeoutMs);
      const client = v.build(mod, { ...v.credentials, ...options });
      const marker = `marker-${Math.random().toString(36).slice(2, 10)}`;
      const { value, error } = await settle(kind === "safe" ? v.safe(client) : v.send(client, marker));
      server.hangUp();
      // Let the client see those sockets close before the next case sends (the keep-alive race).
      await new Promise((r) => setTimeout(r, 20));
      const expected: Expectation = fault[kind];
      const received = apiRequests(server.received, v);

      expect(received.length, `attempts (error: ${String(error)})`).toBe(expected.attempts);
      expect(received.filter((r) => r.body.includes(marker)).length).toBeLessThanOrEqual(1);
      if (expected.error) assertErrorClass(mod, error, expected.error);
      else {
        expect(error, String(error)).toBeUndefined();
        expect(value).toBeDefined();
      }
      expected.check?.({ waits, error });
      expect(other.received, "nothing may reach the other origin").toEqual([]);
      assertNoSecrets([...(error === undefined ? [] : renderings(error)), ...logs], secretsOf(v, server.received));
    });
  });

  describe("hostile inputs (refused before anything is sent)", () => {
    const refused = async (run: (h: Harness) => Promise<unknown> | unknown, extraSecrets: readonly string[] = []) => {
      server.use((_req, res) => send(res, 200, { status: "success", data: {} }));
      const h = harness();
      const { error } = await settle((async () => run(h))());
      assertErrorClass(mod, error, "ValidationError");
      expect(apiRequests(server.received, v)).toEqual([]);
      assertNoSecrets([...renderings(error), ...h.logs], [...v.secrets, ...extraSecrets]);
    };

    it.each(HOSTILE_CHARACTERS)("a credential with %s", async (_label, char) => {
      const hostile = `hostile_5ecret_${v.name}`;
      await refused((h) => v.build(mod, { ...v.withHeaderCredential(`${hostile}${char}tail`), ...h.options }), [hostile]);
    });

    it.each(HOSTILE_CHARACTERS)("a per-call header with %s", async (_label, char) => {
      await refused((h) => v.safe(v.build(mod, { ...v.credentials, ...h.options }), { headers: { "X-Trace": `trace${char}` } }));
    });

    it("an invalid per-call header name", async () => {
      await refused((h) => v.safe(v.build(mod, { ...v.credentials, ...h.options }), { headers: { "X Trace": "x" } }));
    });

    it.each(["..", "."])("a path parameter of %j", async (value) => {
      if (!v.pathParam) return; // this vendor has no path parameter a caller passes
      await refused((h) => (v.pathParam as NonNullable<FaultVendor["pathParam"]>)(mod, { ...v.credentials, ...h.options }, value));
    });

    it("a __proto__ key", async () => {
      await refused((h) => v.safeWith(v.build(mod, { ...v.credentials, ...h.options }), JSON.parse('{"__proto__": {"admin": true}}') as Record<string, unknown>));
    });

    it.each([NaN, Infinity])("%s as a number", async (n) => {
      await refused((h) => v.numberParam(v.build(mod, { ...v.credentials, ...h.options }) as AnyClient, n));
    });

    it("a baseUrl with user:password@", async () => {
      const password = `pw_5ecret_${v.name}`;
      await refused((h) => v.build(mod, { ...v.credentials, ...h.options, baseUrl: server.origin.replace("http://", `http://admin:${password}@`) }), [password]);
    });
  });
});
