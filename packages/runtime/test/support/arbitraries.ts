// fast-check arbitraries driven by the runtime's JSON Schema subset (packages/runtime/src/validate.ts):
// values built to satisfy a schema (`valueFor`), mutations of a valid value that break exactly one
// rule at a known path (`mutationsOf`), and random schemas over every keyword (`schemaArb`).
import fc from "fast-check";
import type { Schema } from "../../src/validate.js";
import { ajvAccepts, isFileValue } from "./oracle.js";

const asList = (type: Schema["type"]): string[] | undefined => (type === undefined ? undefined : typeof type === "string" ? [type] : [...type]);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !isFileValue(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** One character (one code point): mostly printable ASCII (URL-significant ones included), some controls, some beyond the BMP; never a lone surrogate. */
export const char = fc
  .oneof(
    { weight: 10, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }) },
    { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xd7ff }) },
    { weight: 1, arbitrary: fc.integer({ min: 0xe000, max: 0x10ffff }) },
  )
  .map((cp) => String.fromCodePoint(cp));

/** Whether `text` is well-formed UTF-16 (no lone surrogate). */
export const wellFormed = (text: string): boolean => !/\p{Surrogate}/u.test(text);

/** A file as callers pass one: bytes, a Blob or a File. */
export const fileArb: fc.Arbitrary<Uint8Array | Blob> = fc.uint8Array({ maxLength: 24 }).chain((bytes) =>
  fc.constantFrom<Uint8Array | Blob>(bytes, new Blob([bytes], { type: "application/octet-stream" }), new File([bytes], "photo.png", { type: "image/png" })),
);

/** A date `YYYY-MM-DD` that exists. */
export const dateArb = fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** Small JSON values (no `__proto__` key: the runtime refuses it on purpose). */
export const smallJson = (depth = 2): fc.Arbitrary<unknown> =>
  fc.jsonValue({ maxDepth: depth }).filter((v) => !JSON.stringify(v).includes('"__proto__"'));

export interface ValueOptions {
  /** Files (Uint8Array, Blob, File) for `format: binary` (default true). */
  readonly files?: boolean;
  /** Extra keys in objects whose additional properties are open (default false). */
  readonly extraKeys?: boolean;
  /** Decides how a string property is generated when the caller needs more (path parameters). */
  readonly string?: (schema: Schema) => fc.Arbitrary<string> | undefined;
}

/** A shallow merge of two schemas that both apply (allOf, or a union alternative under its parent). */
export function merge(a: Schema, b: Schema): Schema {
  const out: Record<string, unknown> = { ...a, ...b };
  const ta = asList(a.type);
  const tb = asList(b.type);
  if (ta && tb) {
    const both = ta.filter((t) => tb.includes(t) || (t === "integer" && tb.includes("number")));
    for (const t of tb) if (t === "integer" && ta.includes("number") && !both.includes("integer")) both.push("integer");
    out.type = both.length === 1 ? both[0] : both;
  }
  if (a.properties && b.properties) {
    const props: Record<string, Schema> = { ...a.properties };
    for (const [k, v] of Object.entries(b.properties)) props[k] = props[k] ? merge(props[k] as Schema, v) : v;
    out.properties = props;
  }
  if (a.required && b.required) out.required = [...new Set([...a.required, ...b.required])];
  if (a.dependentRequired && b.dependentRequired) out.dependentRequired = { ...a.dependentRequired, ...b.dependentRequired };
  if (a.additionalProperties === false || b.additionalProperties === false) out.additionalProperties = false;
  for (const k of ["minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum"] as const) {
    if (a[k] !== undefined && b[k] !== undefined) out[k] = Math.max(a[k] as number, b[k] as number);
  }
  for (const k of ["maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum"] as const) {
    if (a[k] !== undefined && b[k] !== undefined) out[k] = Math.min(a[k] as number, b[k] as number);
  }
  if (a.items && b.items) out.items = merge(a.items, b.items);
  return out as Schema;
}

function without(schema: Schema, key: "oneOf" | "anyOf" | "allOf"): Schema {
  const { [key]: _dropped, ...rest } = schema;
  return rest as Schema;
}

function inferTypes(schema: Schema): string[] | undefined {
  if (schema.properties || schema.required || schema.additionalProperties !== undefined || schema.dependentRequired || schema.minProperties !== undefined) return ["object"];
  if (schema.items || schema.minItems !== undefined || schema.maxItems !== undefined || schema.uniqueItems) return ["array"];
  if (schema.pattern || schema.format || schema.minLength !== undefined || schema.maxLength !== undefined || schema.contentSchema) return ["string"];
  if (schema.minimum !== undefined || schema.maximum !== undefined || schema.exclusiveMinimum !== undefined || schema.exclusiveMaximum !== undefined) return ["number"];
  return undefined;
}

function integerArb(schema: Schema): fc.Arbitrary<number> {
  let lo = -(2 ** 40);
  let hi = 2 ** 40;
  if (schema.minimum !== undefined) lo = Math.max(lo, Math.ceil(schema.minimum));
  if (schema.exclusiveMinimum !== undefined) lo = Math.max(lo, Math.floor(schema.exclusiveMinimum) + 1);
  if (schema.maximum !== undefined) hi = Math.min(hi, Math.floor(schema.maximum));
  if (schema.exclusiveMaximum !== undefined) hi = Math.min(hi, Math.ceil(schema.exclusiveMaximum) - 1);
  if (lo > hi) return fc.constant(lo);
  const near = fc.integer({ min: Math.max(lo, Math.min(hi, -100)), max: Math.min(hi, Math.max(lo, 1000)) });
  return fc.oneof({ weight: 4, arbitrary: near }, { weight: 1, arbitrary: fc.integer({ min: lo, max: hi }) }, { weight: 1, arbitrary: fc.constantFrom(lo, hi) });
}

function numberArb(schema: Schema): fc.Arbitrary<number> {
  const min = Math.max(schema.minimum ?? -1e9, schema.exclusiveMinimum ?? -1e9);
  const max = Math.min(schema.maximum ?? 1e9, schema.exclusiveMaximum ?? 1e9);
  if (min >= max) return fc.constant(min);
  const double = fc.double({
    min,
    max,
    noNaN: true,
    noDefaultInfinity: true,
    minExcluded: schema.exclusiveMinimum !== undefined && min === schema.exclusiveMinimum,
    maxExcluded: schema.exclusiveMaximum !== undefined && max === schema.exclusiveMaximum,
  });
  return fc.oneof(double, integerArb(schema));
}

function stringArb(schema: Schema, o: ValueOptions): fc.Arbitrary<unknown> {
  const custom = o.string?.(schema);
  if (custom) return custom;
  const min = schema.minLength ?? 0;
  const max = Math.max(min, schema.maxLength ?? min + 12);
  const length = (s: string) => [...s].length >= min && [...s].length <= (schema.maxLength ?? Infinity);
  if (schema.format === "binary" && o.files !== false) return fc.oneof({ weight: 3, arbitrary: fileArb }, { weight: 1, arbitrary: fc.string({ unit: char, minLength: min, maxLength: max }) });
  if (schema.format === "date") return dateArb;
  if (schema.contentMediaType === "application/json" && schema.contentSchema) return valueFor(schema.contentSchema, { ...o, files: false }).map((v) => JSON.stringify(v));
  if (schema.pattern !== undefined) {
    // No filter (a filter that never passes would loop for ever): a string of the wrong length is simply not valid.
    const matching = fc.stringMatching(new RegExp(schema.pattern, "u"), { maxLength: Math.max(max, 40) });
    return fc.tuple(matching, matching, matching).map(([a, b, c]) => [a, b, c].find((s) => length(s) && wellFormed(s)) ?? a);
  }
  return fc.string({ unit: char, minLength: min, maxLength: max });
}

function arrayArb(schema: Schema, o: ValueOptions): fc.Arbitrary<unknown[]> {
  const item = schema.items ? valueFor(schema.items, o) : smallJson(1);
  const minLength = schema.minItems ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? minLength + 3, minLength + 3));
  const list = fc.array(item, { minLength, maxLength });
  if (!schema.uniqueItems) return list;
  // Duplicates dropped afterwards (fc.uniqueArray would search for ever when too few distinct values exist).
  return list.map((values) => {
    const seen = new Set<unknown>();
    return values.filter((v) => {
      const key = isFileValue(v) ? v : JSON.stringify(v);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });
}

const EXTRA_KEYS = ["x", "extra", "meta", "2"];

function objectArb(schema: Schema, o: ValueOptions): fc.Arbitrary<Record<string, unknown>> {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const extraSchema = typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined;
  const open = schema.additionalProperties === undefined || schema.additionalProperties === true;
  const keys = [...new Set([...Object.keys(props), ...required])];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of keys) model[key] = props[key] ? valueFor(props[key] as Schema, o) : extraSchema ? valueFor(extraSchema, o) : smallJson(1);
  const presence: Record<string, fc.Arbitrary<boolean>> = {};
  for (const key of keys) presence[key] = required.has(key) ? fc.constant(true) : fc.boolean();
  const extraValue = extraSchema ? valueFor(extraSchema, o) : smallJson(1);
  const extraKeys = EXTRA_KEYS.filter((k) => !keys.includes(k));
  const extras =
    (extraSchema || (open && o.extraKeys)) && extraKeys.length
      ? fc.array(fc.tuple(fc.constantFrom(...extraKeys), extraValue), { maxLength: 2 })
      : fc.constant([] as [string, unknown][]);
  return fc.tuple(fc.record(model), fc.record(presence), extras).map(([values, present, extra]) => {
    const chosen = new Set(keys.filter((k) => present[k]));
    // dependentRequired: a present property brings the ones it needs (to a fixpoint).
    for (let changed = true; changed; ) {
      changed = false;
      for (const [key, needs] of Object.entries(schema.dependentRequired ?? {})) {
        if (!chosen.has(key)) continue;
        for (const need of needs) if (!chosen.has(need) && keys.includes(need)) (chosen.add(need), (changed = true));
      }
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) if (chosen.has(key)) out[key] = values[key];
    for (const [k, v] of extra) out[k] = v;
    return out;
  });
}

/**
 * Values meant to satisfy `schema`, built from its keywords. Constructed, not guaranteed: filter with
 * {@link validFor} (Ajv as the judge) where validity matters.
 */
export function valueFor(schema: Schema, o: ValueOptions = {}): fc.Arbitrary<unknown> {
  if (schema.allOf) return valueFor(schema.allOf.reduce(merge, without(schema, "allOf")), o);
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map((alt) => valueFor(merge(without(schema, "oneOf"), alt), o)));
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((alt) => valueFor(merge(without(schema, "anyOf"), alt), o)));
  // Copies, not the schema's own objects: equality must be by content (the same reference always matches).
  if (schema.const !== undefined) return fc.constant(schema.const).map(cloneJson);
  if (schema.enum) return fc.constantFrom(...schema.enum).map(cloneJson);
  const types = asList(schema.type) ?? inferTypes(schema);
  if (!types || types.length === 0) return smallJson(2);
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case "null":
          return fc.constant(null);
        case "boolean":
          return fc.boolean();
        case "integer":
          return integerArb(schema);
        case "number":
          return numberArb(schema);
        case "string":
          return stringArb(schema, o);
        case "array":
          return arrayArb(schema, o);
        case "object":
          return objectArb(schema, o);
        default:
          return smallJson(1);
      }
    }),
  );
}

/** Values that satisfy `schema` as Ajv judges it (with the runtime's extensions, see oracle.ts). */
export function validFor(schema: Schema, o: ValueOptions = {}): fc.Arbitrary<unknown> {
  // The first of up to 50 candidates Ajv accepts, else MISS (skip it with fc.pre): a bounded search, never a hang.
  return fc.infiniteStream(valueFor(schema, o)).map((candidates) => {
    let tries = 0;
    for (const v of candidates) {
      if (ajvAccepts(schema, v)) return v;
      if (++tries >= 50) break;
    }
    return MISS;
  });
}

/** What {@link validFor} yields when it found no valid value. */
export const MISS: unique symbol = Symbol("no valid value found");

// ---------------------------------------------------------------------------------------------------
// Mutations: one rule broken at one known place.

/** A key path into a value: object keys and array indexes. */
export type KeyPath = readonly (string | number)[];

/** The runtime's issue path of a key path (`a.b[0].c`, `[1]`, `` for the root). */
export function issuePath(keys: KeyPath): string {
  let out = "";
  for (const k of keys) out = typeof k === "number" ? `${out}[${k}]` : out ? `${out}.${k}` : k;
  return out;
}

/** A copy of the plain containers of `value` (files and other objects are shared). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
    for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: cloneJson(value[key]), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return value;
}

/** Pass as the value of {@link setAt} to remove the key. */
export const REMOVE = Symbol("remove");

/** A deep copy with every object's keys in reverse order. */
export function reordered<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reordered) as T;
  if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).reverse().map((k) => [k, reordered(value[k])])) as T;
  return value;
}

/** Every place in `value` (the root, and each key and index of its plain objects and arrays). */
export function placesOf(value: unknown, keys: KeyPath = []): KeyPath[] {
  const out: KeyPath[] = [keys];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...placesOf(v, [...keys, i])));
  else if (isPlainObject(value)) for (const k of Object.keys(value)) out.push(...placesOf(value[k], [...keys, k]));
  return out;
}

/** `root` with the value at `keys` replaced (or removed with {@link REMOVE}); own keys are set with defineProperty, so `__proto__` stays a key. */
export function setAt(root: unknown, keys: KeyPath, value: unknown): unknown {
  const copy = cloneJson(root);
  if (keys.length === 0) return value;
  let parent = copy as Record<string | number, unknown>;
  for (const k of keys.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = keys[keys.length - 1] as string | number;
  if (value === REMOVE) delete parent[last];
  else Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** One way to make a valid value invalid. */
export interface Mutation {
  /** What was broken, for failure messages: `drop-required`, `wrong-type`, `enum`, `too-long`, … */
  readonly kind: string;
  /** The issue path the validator must name. */
  readonly path: string;
  /** The mutated whole value. */
  readonly value: unknown;
  /** Whether JSON Schema (Ajv) rejects it too; false for the runtime's own rules (NaN, `__proto__`, dot segments, lone surrogates). */
  readonly jsonSchema: boolean;
}

/** The schemas that apply to `value` at this place: the schema, its allOf members, and the union alternatives it satisfies. */
function applicable(schema: Schema, value: unknown): Schema[] {
  const out: Schema[] = [schema];
  for (const s of schema.allOf ?? []) out.push(...applicable(s, value));
  for (const union of [schema.oneOf, schema.anyOf]) {
    if (!union) continue;
    const hit = union.find((alt) => ajvAccepts(alt, value));
    if (hit) out.push(...applicable(hit, value));
  }
  return out;
}

const WRONG: readonly [string, unknown][] = [
  ["string", "wrong"],
  ["integer", 7],
  ["number", 2.5],
  ["boolean", true],
  ["null", null],
  ["array", []],
  ["object", {}],
];

/**
 * Every single-rule mutation of `value` (valid for `schema`): dropped required properties, wrong
 * types, values outside an enum, strings too long or short, numbers out of range, arrays too short
 * or long, duplicates, bad dates and patterns, JSON that does not parse, unknown properties, NaN and
 * own `__proto__` keys, at every place of the value. `root` is the whole value; `keys` where we are.
 */
export function mutationsOf(schema: Schema, value: unknown, root: unknown = value, keys: KeyPath = []): Mutation[] {
  const out: Mutation[] = [];
  const here = issuePath(keys);
  const push = (kind: string, path: string, mutated: unknown, jsonSchema = true) => out.push({ kind, path, value: mutated, jsonSchema });
  const schemas = applicable(schema, value);
  const all = <K extends keyof Schema>(k: K) => schemas.map((s) => s[k]).filter((x) => x !== undefined) as NonNullable<Schema[K]>[];

  const types = all("type").flatMap((t) => asList(t) as string[]);
  if (types.length) {
    for (const [type, wrong] of WRONG) {
      if (types.includes(type) || (type === "integer" && types.includes("number"))) continue;
      push("wrong-type", here, setAt(root, keys, wrong));
      break;
    }
  }
  if (all("enum").length) push("enum", here, setAt(root, keys, typeof value === "number" ? 987654.5 : "not-one-of-the-enum"));
  if (all("const").length) push("const", here, setAt(root, keys, typeof value === "string" ? `${value}!` : "not-the-const"));
  if (typeof value === "number") {
    push("NaN", here, setAt(root, keys, Number.NaN), false);
    for (const m of all("maximum")) push("maximum", here, setAt(root, keys, m + 1));
    for (const m of all("minimum")) push("minimum", here, setAt(root, keys, m - 1));
    for (const m of all("exclusiveMaximum")) push("exclusiveMaximum", here, setAt(root, keys, m));
    for (const m of all("exclusiveMinimum")) push("exclusiveMinimum", here, setAt(root, keys, m));
  }
  if (typeof value === "string") {
    for (const m of all("maxLength")) push("too-long", here, setAt(root, keys, "9".repeat(m + 1)));
    for (const m of all("minLength")) if (m > 0) push("too-short", here, setAt(root, keys, ""));
    for (const p of all("pattern")) if (!new RegExp(p, "u").test("\u0007")) push("pattern", here, setAt(root, keys, "\u0007"));
    if (all("format").includes("date")) push("date", here, setAt(root, keys, "2023-02-30"));
    if (schemas.some((s) => s.contentSchema && s.contentMediaType === "application/json")) push("json-content", here, setAt(root, keys, "{not json"));
    push("lone-surrogate", here, setAt(root, keys, `${value}\ud800`), false);
  }
  if (Array.isArray(value)) {
    for (const m of all("minItems")) if (m > 0) push("too-few-items", here, setAt(root, keys, []));
    for (const m of all("maxItems")) if (value.length > 0) push("too-many-items", here, setAt(root, keys, Array.from({ length: m + 1 }, () => value[0])));
    // A duplicate that is a copy with its keys in the other order: equal as JSON, not as text.
    if (all("uniqueItems").includes(true) && value.length > 0) push("duplicate-items", here, setAt(root, keys, [...value, reordered(value[0])]));
    const items = all("items")[0];
    if (items) value.forEach((item, i) => out.push(...mutationsOf(items, item, root, [...keys, i])));
  }
  if (isPlainObject(value)) {
    const child = (k: string) => issuePath([...keys, k]);
    for (const k of new Set(all("required").flat())) if (Object.prototype.hasOwnProperty.call(value, k)) push("drop-required", child(k), setAt(root, [...keys, k], REMOVE));
    const declared = new Set(all("properties").flatMap((p) => Object.keys(p)));
    if (schemas.some((s) => s.additionalProperties === false)) push("unknown-property", child("zzUnknown"), setAt(root, [...keys, "zzUnknown"], 1));
    if (!declared.has("__proto__")) push("own-__proto__", child("__proto__"), setAt(root, [...keys, "__proto__"], { polluted: true }), false);
    for (const [k, v] of Object.entries(value)) {
      const sub = schemas.find((s) => s.properties && Object.prototype.hasOwnProperty.call(s.properties, k))?.properties?.[k] ?? all("additionalProperties").find((a): a is Schema => typeof a === "object");
      if (sub) out.push(...mutationsOf(sub, v, root, [...keys, k]));
    }
  }
  return out;
}

/**
 * Whether the runtime's issues name `path`: exactly, or at an enclosing union whose message reports
 * its alternatives and names the field within it (`must satisfy one of: (location.latitude …) or …`).
 */
export function names(issues: readonly { path: string; message: string }[], path: string): boolean {
  return issues.some((i) => {
    if (i.path === path) return true;
    if (!/^must satisfy /.test(i.message)) return false;
    const inside = i.path === "" ? path : path.startsWith(`${i.path}.`) ? path.slice(i.path.length + 1) : path.startsWith(`${i.path}[`) ? path.slice(i.path.length) : undefined;
    if (inside === undefined) return false;
    const first = /^(\[\d+\]|[^.[]+)/.exec(inside)?.[1] ?? inside;
    return i.message.includes(first);
  });
}

// ---------------------------------------------------------------------------------------------------
// Random schemas over every keyword the runtime implements.

const PATTERNS = ["^[a-c]+$", "^\\+[1-9][0-9]{1,14}$", "^[1-9][0-9]*[mhd]$", "^[A-Za-z0-9]+$", "b", "^.{2}$", "^\\p{L}+$"];
const KEYS = ["a", "b", "c", "type"];
const smallInt = fc.integer({ min: -3, max: 6 });
const bound = fc.oneof(smallInt, fc.constantFrom(0.5, -1.5, 2.25));
const jsonLeaf = fc.oneof(fc.constantFrom<unknown>(null, true, false, 0, 1, -1, 1.5, "", "a", "b", "type"), fc.constantFrom<unknown>([], [1], { a: 1 }, { a: 1, b: [2] }, { b: [2], a: 1 }));

/** Some of `model`'s keywords (at most `max`), each with a value from its arbitrary (only the chosen ones are generated). */
function some(model: Record<string, fc.Arbitrary<unknown>>, max: number, always: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Schema> {
  return fc
    .shuffledSubarray(Object.keys(model), { maxLength: max })
    .chain((keys) => fc.record({ ...always, ...Object.fromEntries(keys.map((k) => [k, model[k] as fc.Arbitrary<unknown>])) }))
    .map((s) => ("contentSchema" in s ? { ...s, contentMediaType: "application/json" } : s) as Schema);
}

/** Random schemas of the runtime's keyword set, nested up to `depth`. */
export function schemaArb(depth = 2): fc.Arbitrary<Schema> {
  const { schema } = fc.letrec<{ schema: Schema; leaf: Schema; object: Schema; union: Schema }>((tie) => {
    const enumArb = fc.uniqueArray(jsonLeaf, { minLength: 1, maxLength: 4, selector: (v) => JSON.stringify(v) });
    // A keyword of another type's family now and then (it must not apply: minLength on a number…).
    const stray = { minimum: bound, minItems: fc.nat(2), required: fc.constant(["a"]) };
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });
    const typed = (types: Schema["type"][]) => ({ type: maybe(fc.constantFrom(...types)) });
    const strip = (s: Schema): Schema => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as Schema;
    return {
      schema: fc.oneof({ depthSize: "small", maxDepth: depth, withCrossShrink: true }, tie("leaf"), tie("object"), tie("union")),
      leaf: fc
        .oneof(
          some({ minLength: fc.nat(3), maxLength: fc.nat(4), pattern: fc.constantFrom(...PATTERNS), format: fc.constantFrom("date", "binary"), contentSchema: tie("schema"), enum: enumArb, ...stray }, 3, typed(["string", ["string", "null"]])),
          some({ minimum: bound, maximum: bound, exclusiveMinimum: bound, exclusiveMaximum: bound, enum: enumArb, const: jsonLeaf, minLength: fc.nat(3) }, 3, typed(["integer", "number", ["integer", "string"], ["number", "boolean"]])),
          some({ items: tie("schema"), minItems: fc.nat(2), maxItems: fc.nat(3), uniqueItems: fc.boolean(), minimum: bound }, 3, typed(["array", ["array", "null"]])),
          some({ enum: enumArb, const: jsonLeaf }, 1, typed(["boolean", "null", "string", "object"])),
        )
        .map(strip),
      object: some(
        {
          properties: fc.dictionary(fc.constantFrom(...KEYS), tie("schema"), { maxKeys: 3 }),
          required: fc.uniqueArray(fc.constantFrom(...KEYS), { maxLength: 2 }),
          additionalProperties: fc.oneof(fc.boolean(), tie("schema")),
          minProperties: fc.nat(2),
          maxProperties: fc.nat(3),
          dependentRequired: fc.dictionary(fc.constantFrom(...KEYS), fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 2 }), { maxKeys: 2 }),
          maxLength: fc.nat(2),
        },
        4,
        typed(["object", ["object", "null"]]),
      ).map(strip),
      union: fc.oneof(
        fc.record({ oneOf: fc.array(tie("schema"), { minLength: 1, maxLength: 3 }) }),
        fc.record({ anyOf: fc.array(tie("schema"), { minLength: 1, maxLength: 3 }) }),
        fc.record({ allOf: fc.array(tie("schema"), { minLength: 1, maxLength: 2 }) }),
        fc.record({ oneOf: fc.array(tie("schema"), { minLength: 1, maxLength: 2 }), anyOf: fc.array(tie("schema"), { minLength: 1, maxLength: 2 }) }),
        // Tagged unions, the way the specs write message kinds: each alternative pins `type`.
        fc
          .tuple(fc.uniqueArray(fc.constantFrom<unknown>("text", "image", 3, { k: 1 }), { minLength: 2, maxLength: 3, selector: (v) => JSON.stringify(v) }), fc.boolean(), fc.boolean(), fc.array(tie("schema"), { minLength: 3, maxLength: 3 }))
          .map(([tags, requireTag, useEnum, subs]) => ({
            [useEnum ? "anyOf" : "oneOf"]: tags.map((tag, i) => ({
              type: "object",
              properties: { type: useEnum ? { enum: [tag] } : { const: tag }, a: subs[i] as Schema },
              ...(requireTag ? { required: ["type"] } : {}),
            })),
          })) as fc.Arbitrary<Schema>,
      ),
    };
  });
  return schema;
}
