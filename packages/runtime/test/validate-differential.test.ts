// Differential test of the runtime's validator (src/validate.ts) against Ajv, JSON Schema draft
// 2020-12: for random schemas over every keyword the runtime implements, and values built from them
// (valid ones, mutated ones, random JSON), `validate(schema, value)` finds no issue exactly when Ajv
// accepts. Ajv is told about the runtime's documented extensions (test/support/oracle.ts); the cases
// where the runtime deliberately refuses what JSON Schema accepts are tested at the end.
// FC_SEED / FC_RUNS override the seed and the number of runs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validate, type Schema } from "../src/index.js";
import { char, dateArb, fileArb, mutationsOf, schemaArb, valueFor } from "./support/arbitraries.js";
import { ajvAccepts, disagreement } from "./support/oracle.js";

const seed = Number(process.env.FC_SEED ?? 20240611);
const runs = Number(process.env.FC_RUNS ?? 800);

const KEYS = ["a", "b", "c", "type"];
/** JSON values whose object keys are the ones the random schemas talk about. */
const json: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { maxDepth: 3, depthSize: "small" },
    fc.constantFrom<unknown>(null, true, false, "", "text", "image", "type", 3),
    fc.integer({ min: -5, max: 10 }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }),
    fc.string({ unit: char, maxLength: 5 }),
    dateArb,
    fc.constantFrom("2023-02-29", "2024-02-29", "2023-04-31", "2023-13-01", "+4915112345"),
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("v"), { maxKeys: 3 }),
  ),
})).v;

/** Values for `schema`: one built to satisfy it with every single-rule mutation of it, JSON in a string, and random JSON. */
const valuesFor = (schema: Schema): fc.Arbitrary<unknown[]> =>
  // No files here: a file is opaque to the runtime (a typeless schema's object keywords are not
  // checked on it) while Ajv reads a Uint8Array's indexes as keys; files are compared on their own below.
  fc.tuple(valueFor(schema, { extraKeys: true, files: false }), json, json).map(([built, a, b]) => [built, ...mutationsOf(schema, built).filter((m) => m.jsonSchema).map((m) => m.value), JSON.stringify(a), b]);

function agree(schema: Schema, value: unknown): void {
  const problem = disagreement(schema, value);
  if (problem) throw new Error(problem);
}

describe("validate agrees with Ajv (draft 2020-12)", () => {
  it(`on random schemas over every keyword and values built from them (${runs} runs)`, () => {
    fc.assert(
      fc.property(
        schemaArb(3).chain((schema) => fc.tuple(fc.constant(schema), valuesFor(schema))),
        ([schema, values]) => {
          for (const value of values) agree(schema, value);
        },
      ),
      { seed, numRuns: runs },
    );
  }, Math.max(30_000, runs * 25));
});

describe("files (format: binary) agree with the oracle's binary rule", () => {
  it(`a file passes a string schema with format binary whatever its string keywords, and fails enum, const and other types (${Math.ceil(runs / 4)} runs)`, () => {
    const binarySchema = fc
      .record(
        {
          type: fc.constantFrom<Schema["type"]>("string", ["string", "null"], "integer", ["integer", "object"]),
          minLength: fc.nat(3),
          maxLength: fc.nat(3),
          pattern: fc.constantFrom("^a+$", "b"),
          enum: fc.constant(["a", "b"]),
          const: fc.constant("a"),
        },
        { requiredKeys: ["type"] },
      )
      .map((s) => ({ ...s, format: "binary" }) as Schema);
    fc.assert(
      fc.property(binarySchema, fileArb, (schema, file) => agree(schema, file)),
      { seed, numRuns: Math.ceil(runs / 4) },
    );
  });
});

// One example per disagreement the property found, fixed in src/validate.ts: each must keep agreeing.
describe("regressions: disagreements with Ajv that were fixed", () => {
  const both = (schema: Schema, value: unknown, accepted: boolean) => {
    expect(ajvAccepts(schema, value)).toBe(accepted);
    expect(validate(schema, value).length === 0).toBe(accepted);
  };

  it("oneOf and anyOf side by side: both apply (anyOf was ignored)", () => {
    const schema: Schema = { oneOf: [{}], anyOf: [{ type: "integer" }] };
    both(schema, "", false);
    both(schema, 3, true);
    expect(validate(schema, "")).toEqual([{ path: "", message: "must satisfy one of: (expected integer, got string)" }]);
  });

  it("oneOf means exactly one (it was treated as anyOf)", () => {
    const schema: Schema = { oneOf: [{ type: "integer" }, { type: "number", maximum: 5 }] };
    both(schema, 7, true);
    both(schema, 2.5, true);
    both(schema, 3, false);
    expect(validate(schema, 3, "n")).toEqual([{ path: "n", message: "must satisfy exactly one of the alternatives, but satisfies 2 (1 and 2 of 2)" }]);
    both({ anyOf: [{ type: "integer" }, { type: "number" }] }, 3, true);
  });

  it("a tagged union whose alternatives do not require the tag accepts a value without it (it said 'is required')", () => {
    const schema: Schema = {
      oneOf: [
        { type: "object", properties: { type: { const: "text" } } },
        { type: "object", properties: { type: { const: "image" }, url: { type: "string" } }, required: ["url"] },
      ],
    };
    both(schema, {}, true);
    both(schema, { url: "u" }, false); // matches both alternatives
    both(schema, { type: "image", url: "u" }, true);
    // When every alternative requires the tag, its absence is still reported as the tag.
    const required: Schema = { oneOf: [{ type: "object", properties: { type: { const: "a" } }, required: ["type"] }, { type: "object", properties: { type: { const: "b" } }, required: ["type"] }] };
    both(required, {}, false);
    expect(validate(required, {}, "m")).toEqual([{ path: "m.type", message: 'is required (one of "a", "b")' }]);
  });

  it("enum, const and tags compare JSON values by content (objects and arrays never matched)", () => {
    both({ enum: [[1], { a: 1, b: [2] }] }, [1], true);
    both({ enum: [[1], { a: 1, b: [2] }] }, { b: [2], a: 1 }, true);
    both({ enum: [[1], { a: 1, b: [2] }] }, [1, 1], false);
    both({ const: { a: [1] } }, { a: [1] }, true);
    both({ const: { a: [1] } }, { a: [1], b: 1 }, false);
    both({ const: [] }, {}, false);
    const tagged: Schema = { anyOf: [{ type: "object", properties: { type: { const: { k: 1 } } } }, { type: "object", properties: { type: { const: "text" } } }] };
    both(tagged, { type: { k: 1 } }, true);
    expect(validate({ enum: ["a", { k: 1 }] }, "b")).toEqual([{ path: "", message: 'must be one of "a", {"k":1}, got "b"' }]);
  });

  it("uniqueItems compares by content, whatever the key order (JSON text was compared)", () => {
    both({ type: "array", uniqueItems: true }, [{ a: 1, b: 2 }, { b: 2, a: 1 }], false);
    both({ type: "array", uniqueItems: true }, [[1, 2], [2, 1]], true);
    both({ type: "array", uniqueItems: true }, [1, "1"], true);
  });

  it("format date: the date must exist (2023-02-29 and 2023-04-31 passed)", () => {
    const date: Schema = { type: "string", format: "date" };
    for (const [text, ok] of [["2024-02-29", true], ["2000-02-29", true], ["2023-02-29", false], ["1900-02-29", false], ["2023-04-31", false], ["2023-12-31", true], ["2023-13-01", false], ["2023-1-01", false]] as const) both(date, text, ok);
    expect(validate(date, "2023-02-29", "birthday")).toEqual([{ path: "birthday", message: "must be a date as YYYY-MM-DD" }]);
  });
});

// Where the runtime deliberately refuses (or accepts) what JSON Schema does not, with Ajv's answer
// shown: these are the exceptions the differential keeps its values out of (test/support/oracle.ts).
describe("documented differences from JSON Schema", () => {
  const rawAjv = (schema: Schema, value: unknown) => ajvAccepts({ ...schema }, value);

  it("NaN and ±Infinity are refused (JSON has neither; Ajv takes NaN as a number)", () => {
    expect(rawAjv({ type: "number" }, Number.NaN)).toBe(true);
    expect(validate({ type: "number" }, Number.NaN)).toEqual([{ path: "", message: "must be a finite number (got NaN)" }]);
  });

  it("an own __proto__ key is refused unless declared (Ajv sees a plain key)", () => {
    const hostile = JSON.parse('{"__proto__":{"admin":true}}');
    expect(rawAjv({ type: "object" }, hostile)).toBe(true);
    expect(validate({ type: "object" }, hostile)).toEqual([{ path: "__proto__", message: "is not a known parameter" }]);
  });

  it("a lone surrogate is refused: it cannot be sent (encodeURIComponent throws, forms and multipart replace it with U+FFFD)", () => {
    expect(rawAjv({ type: "string" }, "a\ud800")).toBe(true);
    expect(validate({ type: "object", properties: { to: { type: "string" } } }, { to: "a\ud800" })).toEqual([
      { path: "to", message: "must not contain a lone surrogate (U+D800 to U+DFFF): it is not a character and cannot be sent as UTF-8" },
    ]);
    expect(validate({ type: "string" }, "\ud83d\ude00")).toEqual([]); // a pair is one character
  });

  it("a file is opaque: object keywords of a typeless schema are not checked on it (Ajv reads a Uint8Array's indexes as keys)", () => {
    expect(rawAjv({ required: ["name"] }, new Uint8Array(2))).toBe(false);
    expect(validate({ required: ["name"] }, new Uint8Array(2))).toEqual([]);
    expect(validate({ type: "object", required: ["name"] }, new Uint8Array(2))).toEqual([]);
  });

  it("format binary takes files; contentSchema strings are decoded and checked (Ajv: annotations only)", () => {
    expect(validate({ type: "string", format: "binary" }, new Uint8Array(2))).toEqual([]);
    expect(ajvAccepts({ type: "string", format: "binary" }, new Blob(["x"]))).toBe(true); // the oracle's binaryFile keyword
    const encoded: Schema = { type: "string", contentMediaType: "application/json", contentSchema: { type: "array", items: { type: "string" } } };
    expect(validate(encoded, "[1]")).toEqual([{ path: "[0]", message: "expected string, got integer" }]);
    expect(ajvAccepts(encoded, "[1]")).toBe(false); // the oracle's jsonContent keyword
  });
});

describe("values JSON would send differently", () => {
  it("array holes are checked like the null JSON sends for them (forEach skipped them)", () => {
    // eslint-disable-next-line no-sparse-arrays
    const holey = [1, , 3];
    expect(validate({ type: "array", items: { type: "integer" } }, holey)).toEqual([{ path: "[1]", message: "expected integer, got undefined" }]);
  });

  it("a message never throws on what it shows (a null-prototype object has no toString)", () => {
    const bare = Object.create(null) as object;
    expect(validate({ enum: ["a"] }, bare)).toEqual([{ path: "", message: 'must be one of "a", got {}' }]);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(validate({ enum: ["a"] }, circular)[0]?.message).toBe('must be one of "a", got an object');
    expect(validate({ const: 1 }, 10n)[0]?.message).toBe("must be 1");
    expect(validate({ enum: [1] }, Symbol("s"))[0]?.message).toBe("must be one of 1, got Symbol(s)");
    // The tag of a discriminated union is shown too (a null-prototype tag threw a TypeError).
    const union: Schema = { oneOf: [{ type: "object", properties: { type: { const: "text" } }, required: ["type"] }, { type: "object", properties: { type: { const: "image" } }, required: ["type"] }] };
    expect(validate(union, { type: bare }, "header")).toEqual([{ path: "header.type", message: 'must be one of "text", "image", got {}' }]);
  });
});
