// Property-based tests over every operation of every spec, driven by the generated operation tables
// (packages/<vendor>/src/generated/client.ts) and the runtime's source (packages/runtime/src):
//
// 1. valid params, built from the operation's schema (and confirmed valid by Ajv): the client sends
//    exactly one request whose method, path, query and body encoding are what the table says, and
//    returns the response in the operation's kind (JSON unwrapped, a file, nothing);
// 2. the same params with one rule broken (a required field dropped, a wrong type, a value outside
//    an enum, a string too long, an unknown property, NaN, an own `__proto__`, a dot-segment path
//    parameter, …, wherever it can happen): a ValidationError naming the field, and nothing sent;
// 3. junk (fc.anything(), as params, as a part of valid params, and as the call options): nothing but
//    an InboxKit error is ever thrown, through the runtime's client and through each vendor's own
//    factory (its built dist, with the vendor's extra checks), and no promise is left rejected unhandled;
// 4. the runtime's validator agrees with Ajv on every operation's and every webhook's real schema.
//
// Bounded: FC_RUNS runs per operation and property (default 20), a fixed seed per operation (FC_SEED
// moves them all); a failure names the operation, the seed and the counterexample.
//   ./node_modules/.bin/turbo run build && ./node_modules/.bin/vitest run --config vitest.config.ts scripts/test/operation-properties.test.ts
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mutationsOf, names, placesOf, setAt, validFor, valueFor, MISS, type Mutation } from "../../packages/runtime/test/support/arbitraries.js";
import { ajvAccepts, disagreement } from "../../packages/runtime/test/support/oracle.js";
import { createApiClient, isInboxKitError, ValidationError, type OperationMeta, type Schema } from "../../packages/runtime/src/index.js";
import { APIS, WEBHOOK_SCHEMAS, declared, type Api } from "./properties/apis.js";
import { wireProblems, type Recorded } from "./properties/wire.js";
import { loadVendor } from "./faults/vendors.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const RUNS = Number(process.env.FC_RUNS ?? 20);
const SEED = Number(process.env.FC_SEED ?? 424242);
const BASE = "https://api.example.test/base";

/** Characters that break things: lone surrogates, NUL, CR/LF, dots, slashes, percent signs, and any code point. */
const nastyChar = fc.oneof(
  fc.constantFrom("\ud800", "\udfff", "\u0000", "\r\n", ".", "..", "/", "%", "%2e", "?", "#", "&", "=", "[", "]", "{id}", "__proto__"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
);

/** Junk of every shape fast-check knows, its strings made of nasty characters. */
const junk = fc.anything({
  maxDepth: 3,
  maxKeys: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: nastyChar,
});

/** Values that have broken code before: no toString, cycles, holes, boxed and exotic numbers, lookalikes of files. */
const HOSTILE: readonly (() => unknown)[] = [
  () => Object.create(null),
  () => Object.assign(Object.create(null), { a: 1 }),
  () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    return cycle;
  },
  () => {
    const cycle: unknown[] = [1];
    cycle.push(cycle);
    return cycle;
  },
  () => [1, , 3], // eslint-disable-line no-sparse-arrays
  () => 10n,
  () => Symbol("s"),
  () => -0,
  () => Number.NaN,
  () => new Date(Number.NaN),
  () => new String("text"),
  () => new Map([["a", 1]]),
  () => new Uint16Array(2),
  () => new ArrayBuffer(2),
  () => ({ length: 2, 0: "a" }),
  () => ({ __proto__: { inherited: true } }),
  () => JSON.parse('{"__proto__": {"admin": true}}'),
];
const hostile = fc.constantFrom(...HOSTILE).map((make) => make());

/** What replaces one place of valid params: junk, a nasty string (where a string is expected, the type check passes), or a hostile value. */
const replacement = fc.oneof({ weight: 3, arbitrary: junk }, { weight: 2, arbitrary: fc.string({ unit: nastyChar, minLength: 1, maxLength: 4 }) }, { weight: 2, arbitrary: hostile });

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on("unhandledRejection", onUnhandled);
});
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
});

interface Harness {
  readonly calls: Recorded[];
  readonly call: (params: unknown, options?: unknown) => Promise<unknown>;
}

/** The answer of the fake server: a body of the operation's response kind. */
function answer(api: Api, op: OperationMeta): Response {
  if (op.response === "binary") return new Response(new Uint8Array([1, 2, 3]), { status: 200, headers: { "content-type": "image/png" } });
  if (op.response === "empty") return new Response(null, { status: 204 });
  const payload = { ok: true };
  const body = api.vendor.envelope ? { [api.vendor.envelope]: payload } : payload;
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
}

/** A client of one operation on the runtime, with a fetch that records each request and answers 200. */
function harness(api: Api, op: OperationMeta): Harness {
  const calls: Recorded[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    calls.push({ url, method: init.method ?? "GET", headers: new Headers(init.headers), body: init.body });
    return answer(api, op);
  };
  const client = createApiClient<{}, Record<string, Record<string, (p?: unknown, o?: unknown) => Promise<unknown>>>>(api.vendor, [op], { baseUrl: BASE, fetch, retry: false }, { pathDefaults: api.bound });
  const parts = op.id.split(".");
  const group = parts[parts.length - 2] as string;
  const name = parts[parts.length - 1] as string;
  return { calls, call: (params, options) => (client[group]?.[name] as (p?: unknown, o?: unknown) => Promise<unknown>)(params, options) };
}

/** The schema valid params are generated from: string path parameters non-empty (an empty segment would change the path; the runtime refuses it). */
function generationSchema(api: Api, op: OperationMeta): Schema {
  const schema = op.schema ?? { type: "object", additionalProperties: false };
  const nonEmpty = (props: Readonly<Record<string, Schema>> | undefined) => {
    if (!props) return props;
    const out: Record<string, Schema> = { ...props };
    for (const p of op.pathParams ?? []) if (out[p] && !(p in api.bound)) out[p] = { ...out[p], minLength: Math.max(1, out[p]?.minLength ?? 0) } as Schema;
    return out;
  };
  if (schema.oneOf) return { ...schema, oneOf: schema.oneOf.map((alt) => ({ ...alt, properties: nonEmpty(alt.properties) })) } as Schema;
  return { ...schema, properties: nonEmpty(schema.properties) } as Schema;
}

/** Valid params of `op` (MISS when none was found: skipped). */
function validParams(api: Api, op: OperationMeta): fc.Arbitrary<Record<string, unknown> | typeof MISS> {
  const gen = generationSchema(api, op);
  const real = op.schema ?? gen;
  // A path parameter "." or ".." (or its encoding) is refused by the runtime whatever the schema says: it would change the path.
  const dotted = (v: Record<string, unknown>) => (op.pathParams ?? []).some((p) => typeof v[p] === "string" && /^(?:\.|%2e){1,2}$/i.test(v[p] as string));
  return validFor(gen).map((v) => (v === MISS || !ajvAccepts(real, v) || dotted(v as Record<string, unknown>) ? MISS : (v as Record<string, unknown>)));
}

const DOT_SEGMENTS = [".", "..", "%2e", "%2E%2e"];

/** Every single-rule mutation of `params`: the schema's (those Ajv rejects, and the runtime's own rules), plus dot segments in path parameters. */
function mutationsFor(api: Api, op: OperationMeta, params: Record<string, unknown>): Mutation[] {
  const schema = op.schema ?? { type: "object", additionalProperties: false };
  const out = mutationsOf(schema, params).filter((m) => !m.jsonSchema || !ajvAccepts(schema, m.value));
  const props = declared(op);
  for (const p of op.pathParams ?? []) {
    if (p in api.bound || !props[p]) continue;
    const types = props[p]?.type;
    if (types === undefined || types === "string" || (Array.isArray(types) && types.includes("string"))) {
      for (const dots of DOT_SEGMENTS.slice(0, 2)) out.push({ kind: "dot-segment", path: p, value: { ...params, [p]: dots }, jsonSchema: false });
    }
  }
  return out;
}

const settle = (p: Promise<unknown>) => p.then((value) => ({ value, error: undefined as unknown, threw: false }), (error: unknown) => ({ value: undefined, error, threw: true }));

const ops = APIS.flatMap((api) => api.table.map((op, i) => ({ api, op, seed: SEED + i + api.name.length * 1000 })));

describe("every operation of every spec (property-based)", () => {
  it("covers every operation of every table", () => {
    expect(ops.length).toBe(APIS.reduce((n, a) => n + a.table.length, 0));
    expect(ops.length).toBeGreaterThanOrEqual(170);
  });

  describe.each(APIS.map((api) => [api.name, api] as const))("%s", (_, api) => {
    const mine = ops.filter((o) => o.api === api);

    it(`valid params: one request, as the table says (${RUNS} runs per operation)`, async () => {
      for (const { op, seed } of mine) {
        const h = harness(api, op);
        await fc.assert(
          fc.asyncProperty(validParams(api, op), async (params) => {
            fc.pre(params !== MISS);
            h.calls.length = 0;
            const { value, error, threw } = await settle(h.call(params));
            if (threw) throw new Error(`${op.id} refused valid params: ${String(error)}`);
            expect(h.calls, op.id).toHaveLength(1);
            const problems = await wireProblems(op, params as Record<string, unknown>, h.calls[0] as Recorded, BASE, api.bound);
            expect(problems, `${op.id}: ${JSON.stringify(params)}`).toEqual([]);
            if (op.response === "binary") expect((value as { bytes: Uint8Array }).bytes).toEqual(new Uint8Array([1, 2, 3]));
            else if (op.response === "empty") expect(value).toBeUndefined();
            else expect(value).toEqual({ ok: true });
          }),
          { numRuns: RUNS, seed, endOnFailure: true },
        );
      }
    });

    it("one rule broken: a ValidationError naming the field, nothing sent", async () => {
      for (const { op, seed } of mine) {
        const h = harness(api, op);
        const cases = validParams(api, op).chain((params) => {
          if (params === MISS) return fc.constant(undefined);
          const all = mutationsFor(api, op, params);
          return all.length ? fc.constantFrom(...all) : fc.constant(undefined);
        });
        await fc.assert(
          fc.asyncProperty(cases, async (mutation) => {
            fc.pre(mutation !== undefined);
            const m = mutation as Mutation;
            h.calls.length = 0;
            const { error } = await settle(h.call(m.value));
            const where = `${op.id} ${m.kind} at ${m.path || "(root)"}`;
            expect(ValidationError.is(error), `${where}: ${String(error)}`).toBe(true);
            expect(names((error as ValidationError).issues, m.path), `${where}: ${JSON.stringify((error as ValidationError).issues)}`).toBe(true);
            expect(h.calls, where).toHaveLength(0);
          }),
          { numRuns: RUNS, seed, endOnFailure: true },
        );
      }
    });

    it("junk params and options: only InboxKit errors", async () => {
      for (const { op, seed } of mine) {
        const h = harness(api, op);
        const params = fc.oneof(
          junk,
          validParams(api, op).chain((valid) => {
            if (valid === MISS) return junk;
            // One place replaced, or one place added (an extra key holding junk).
            return fc.tuple(fc.constantFrom(...placesOf(valid)), replacement).map(([keys, value]) => setAt(valid, keys, value));
          }),
        );
        await fc.assert(
          fc.asyncProperty(params, fc.option(junk, { freq: 3 }), async (p, options) => {
            const { error, threw } = await settle(h.call(p, options ?? undefined));
            if (threw && !isInboxKitError(error)) throw new Error(`${op.id} threw a ${(error as Error)?.constructor?.name}: ${String(error)}`);
          }),
          { numRuns: RUNS, seed, endOnFailure: true },
        );
        // And a sweep: every hostile value at every place of one valid value.
        const [valid] = fc.sample(validParams(api, op), { seed, numRuns: 5 }).filter((v) => v !== MISS);
        for (const keys of valid ? placesOf(valid) : []) {
          for (const make of HOSTILE) {
            const p = setAt(valid, keys, make());
            const { error, threw } = await settle(h.call(p));
            if (threw && !isInboxKitError(error)) throw new Error(`${op.id} threw a ${(error as Error)?.constructor?.name} for ${String(make)} at ${keys.join(".") || "(root)"}: ${String(error)}`);
          }
        }
      }
      expect(unhandled).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------------------------------
// The same junk through each vendor's own factory (its dist, with the vendor's checks and auth).

type AnyClient = Record<string, Record<string, (p?: unknown, o?: unknown) => Promise<unknown>>>;
const FACTORIES: Record<string, { readonly pkg: string; readonly build: (mod: Record<string, unknown>, fetch: unknown) => AnyClient }> = {
  helpwise: { pkg: "helpwise", build: (m, fetch) => (m.createHelpwiseClient as (o: unknown) => AnyClient)({ apiKey: "hw_key_1234", apiSecret: "hw_secret_1234", baseUrl: BASE, fetch, retry: false }) },
  helpshift: { pkg: "helpshift", build: (m, fetch) => (m.createHelpshiftClient as (o: unknown) => AnyClient)({ apiKey: "hs_key_1234", domain: "acme", baseUrl: BASE, fetch, retry: false }) },
  desk360: { pkg: "desk360", build: (m, fetch) => (m.createDesk360Client as (o: unknown) => AnyClient)({ token: "d3_token_1234", baseUrl: BASE, fetch, retry: false, requestBudget: false }) },
  "nimchat/platform": { pkg: "nimchat", build: (m, fetch) => (m.createNimchatPlatformClient as (o: unknown) => AnyClient)({ platformToken: "nc_platform_1234", baseUrl: BASE, fetch, retry: false }) },
  "nimchat/application": { pkg: "nimchat", build: (m, fetch) => (m.createNimchatClient as (o: unknown) => AnyClient)({ userToken: "nc_user_1234", accountId: 3, baseUrl: BASE, fetch, retry: false }) },
  "nimchat/public": { pkg: "nimchat", build: (m, fetch) => (m.createNimchatPublicClient as (o: unknown) => AnyClient)({ inboxIdentifier: "inbox-1", baseUrl: BASE, fetch, retry: false }) },
  wabbit: { pkg: "wabbit", build: (m, fetch) => (m.createWabbitClient as (o: unknown) => AnyClient)({ token: "wb_token_1234", baseUrl: BASE, fetch, retry: false }) },
};

describe("junk through each vendor's own client (dist)", () => {
  it.each(APIS.map((api) => [api.name, api] as const))("%s: only InboxKit errors", async (_, api) => {
    const factory = FACTORIES[api.name];
    if (!factory) throw new Error(`no factory for ${api.name}`);
    const mod = await loadVendor(ROOT, factory.pkg);
    let current: OperationMeta | undefined;
    const fetch = async () => answer(api, current as OperationMeta);
    const client = factory.build(mod, fetch);
    let called = 0;
    for (const [i, op] of api.table.entries()) {
      const parts = op.id.split(".");
      const method = client[parts[parts.length - 2] as string]?.[parts[parts.length - 1] as string];
      if (typeof method !== "function") continue;
      called++;
      current = op;
      const params = fc.oneof(junk, validParams(api, op).chain((valid) => (valid === MISS ? junk : fc.tuple(fc.constantFrom(...placesOf(valid)), replacement).map(([keys, value]) => setAt(valid, keys, value)))));
      await fc.assert(
        fc.asyncProperty(params, fc.option(junk, { freq: 3 }), async (p, options) => {
          const { error, threw } = await settle(method(p, options ?? undefined));
          if (threw && !isInboxKitError(error)) throw new Error(`${api.name} ${op.id} threw a ${(error as Error)?.constructor?.name}: ${String(error)}`);
        }),
        { numRuns: Math.ceil(RUNS / 2), seed: SEED + i, endOnFailure: true },
      );
    }
    expect(called).toBeGreaterThan(0);
    expect(unhandled).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// The validator against Ajv on the real schemas.

describe("validate agrees with Ajv on every real schema", () => {
  const schemas = [
    ...ops.map(({ api, op }) => ({ name: `${api.name} ${op.id}`, schema: op.schema ?? {} })),
    ...WEBHOOK_SCHEMAS,
  ];
  it(`every operation and webhook schema, with values built from it, mutated and random (${schemas.length} schemas)`, () => {
    for (const [i, { name, schema }] of schemas.entries()) {
      // A value built from the schema and every single-rule mutation of it; and random JSON.
      const values = fc.oneof(
        valueFor(schema, { extraKeys: true }).map((v) => [v, ...mutationsOf(schema, v).filter((m) => m.jsonSchema).map((m) => m.value)]),
        fc.jsonValue({ maxDepth: 2 }).map((v) => [v]),
      );
      fc.assert(
        fc.property(values, (batch) => {
          for (const value of batch) {
            const problem = disagreement(schema, value);
            if (problem) throw new Error(`${name}: ${problem}`);
          }
        }),
        { numRuns: RUNS, seed: SEED + i, endOnFailure: true },
      );
    }
  });
});
