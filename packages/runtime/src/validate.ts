/**
 * A small validator for the JSON Schema subset the specs use for request constraints. The generator
 * emits each operation's parameter schema stripped to these keywords, so what the spec says is what
 * the client checks before sending.
 *
 * Its cost follows the schemas it checks: {@link checkSchema} knows the keywords every schema may
 * use (types, bounds, lengths, patterns, enums, properties, items, allOf), and the few that only some
 * schemas use (unions, `format: date`, JSON in a string, `dependentRequired`, `uniqueItems`) are
 * {@link SchemaKeywords} an operation carries when its schema uses them (`op.keywords`, written by
 * the generator), so that a bundle holds only those; their checkers, and `validate` (which checks
 * with all of them), are in the `keywords` module.
 * @module
 */
import type { ValidationIssue } from "./errors.js";

/** The JSON Schema keywords the runtime checks. */
export interface Schema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  /** The rule of `pattern` in words (the spec's `x-pattern-message`), used instead of the regex in the message. */
  readonly patternMessage?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly allOf?: readonly Schema[];
  /** For each property, the properties that become required when it is present. */
  readonly dependentRequired?: Readonly<Record<string, readonly string[]>>;
  /** With `contentSchema`: a string holding JSON, whose decoded value must match `contentSchema`. */
  readonly contentMediaType?: string;
  readonly contentSchema?: Schema;
}

const patterns = new Map<string, RegExp>();

function isBinary(value: unknown): boolean {
  return (typeof Blob !== "undefined" && value instanceof Blob) || value instanceof Uint8Array || value instanceof ArrayBuffer;
}

/** The JSON type of a value (`integer` for a whole number). @internal */
export function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Whether a value of JSON type `actual` is of the schema type `expected` (an integer is a number; bytes are a binary string). @internal */
export function typeMatches(expected: string, actual: string, value: unknown, schema: Schema): boolean {
  if (expected === actual) return true;
  if (expected === "number" && actual === "integer") return true;
  if (expected === "string" && schema.format === "binary" && isBinary(value)) return true;
  return false;
}


/** A value for a message: never throws (a null-prototype object has no toString) and stays short. */
export function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null || (typeof v !== "object" && typeof v !== "function")) return typeof v === "symbol" ? v.toString() : String(v);
  if (isBinary(v)) return "binary";
  let text: string | undefined;
  try {
    text = JSON.stringify(v);
  } catch {
    /* circular or a BigInt inside */
  }
  if (text === undefined) return typeof v === "function" ? "a function" : Array.isArray(v) ? "an array" : "an object";
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
/** `1 character`, `2 characters`: a count with its noun in the right number. */
const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
/** Whether `key` is an own property of `obj` (never an inherited one). @internal */
export const own = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);
/** A lone UTF-16 surrogate: not a character, so not sendable as UTF-8 (fetch would replace or refuse it). */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** JSON equality (what `enum`, `const` and `uniqueItems` compare by): same type and, for arrays and objects, the same content. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || isBinary(a) || isBinary(b)) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => own(b, k) && equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Checks a value against a schema with the same keywords (what a keyword checker recurses with). */
export type Check = (schema: Schema, value: unknown, path: string, issues: ValidationIssue[]) => ValidationIssue[];

/**
 * A checker of keywords few schemas use: adds its issues to `issues`, recursing with `check`;
 * returns `false` when the value failed in a way that ends its check (a union it satisfies no
 * alternative of).
 */
export type KeywordChecker = (schema: Schema, value: unknown, path: string, issues: ValidationIssue[], check: Check) => boolean | void;

/**
 * The checkers of the keywords only some schemas use. An operation carries those its schema uses
 * (`op.keywords`, generated), so that a bundle holds only them; a schema that uses a keyword whose
 * checker is missing is a TypeError, never skipped.
 */
export interface SchemaKeywords {
  /** `oneOf` and `anyOf`: `unionKeyword`. */
  readonly union?: KeywordChecker;
  /** `format: date`: `dateKeyword`. */
  readonly date?: KeywordChecker;
  /** `contentMediaType: application/json` with `contentSchema`: `jsonContentKeyword`. */
  readonly json?: KeywordChecker;
  /** `dependentRequired`: `dependentRequiredKeyword`. */
  readonly dependentRequired?: KeywordChecker;
  /** `uniqueItems`: `uniqueItemsKeyword`. */
  readonly uniqueItems?: KeywordChecker;
}

/** The checker of `name` in `keywords`, or a TypeError when the schema uses it and it is missing. */
function keyword(keywords: SchemaKeywords, name: keyof SchemaKeywords, used: boolean): KeywordChecker | undefined {
  if (!used) return undefined;
  const checker = keywords[name];
  if (typeof checker !== "function") throw new TypeError(`the schema uses ${name === "union" ? "oneOf/anyOf" : name === "json" ? "contentSchema" : name === "date" ? "format: date" : name}, and its checker was not given (the operation's generated \`keywords\`: regenerate the client)`);
  return checker;
}

/**
 * Checks `value` against `schema` with the checkers in `keywords` for the keywords only some
 * schemas use; returns every issue found (empty when valid).
 * @throws {TypeError} when the schema uses such a keyword and `keywords` lacks its checker.
 */
export function checkSchema(schema: Schema, value: unknown, keywords: SchemaKeywords, path = "", issues: ValidationIssue[] = []): ValidationIssue[] {
  const check: Check = (s, v, p, i) => checkSchema(s, v, keywords, p, i);
  const at = (message: string): void => {
    issues.push({ path, message });
  };
  // JSON has no NaN or Infinity: JSON.stringify would send them as null, and they pass every bound.
  if (typeof value === "number" && !Number.isFinite(value)) {
    at(`must be a finite number (got ${value})`);
    return issues;
  }
  if (schema.allOf) for (const s of schema.allOf) check(s, value, path, issues);
  if (keyword(keywords, "union", !!(schema.oneOf || schema.anyOf))?.(schema, value, path, issues, check) === false) return issues;
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const types = typeof schema.type === "string" ? [schema.type] : schema.type;
    if (!types.some((t) => typeMatches(t, actual, value, schema))) {
      at(`expected ${types.join(" or ")}, got ${actual === "object" && isBinary(value) ? "binary" : actual}`);
      return issues;
    }
  }
  if (schema.enum && !schema.enum.some((e) => equal(e, value))) at(`must be one of ${schema.enum.map(show).join(", ")}, got ${show(value)}`);
  if (schema.const !== undefined && !equal(value, schema.const)) at(`must be ${show(schema.const)}`);
  if (typeof value === "string") {
    if (LONE_SURROGATE.test(value)) at("must not contain a lone surrogate (U+D800 to U+DFFF): it is not a character and cannot be sent as UTF-8");
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) at(`must be at least ${count(schema.minLength, "character")} (got ${length})`);
    if (schema.maxLength !== undefined && length > schema.maxLength) at(`must be at most ${count(schema.maxLength, "character")} (got ${length})`);
    if (schema.pattern !== undefined) {
      let re = patterns.get(schema.pattern);
      if (!re) patterns.set(schema.pattern, (re = new RegExp(schema.pattern, "u")));
      if (!re.test(value)) at(schema.patternMessage ? `${schema.patternMessage} (got ${show(value)})` : `must match ${schema.pattern}`);
    }
    keyword(keywords, "date", schema.format === "date")?.(schema, value, path, issues, check);
    keyword(keywords, "json", !!schema.contentSchema && schema.contentMediaType === "application/json")?.(schema, value, path, issues, check);
  } else if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) at(`must be >= ${schema.minimum} (got ${value})`);
    if (schema.maximum !== undefined && value > schema.maximum) at(`must be <= ${schema.maximum} (got ${value})`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) at(`must be > ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) at(`must be < ${schema.exclusiveMaximum}`);
  } else if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) at(`must have at least ${count(schema.minItems, "item")} (got ${value.length})`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) at(`must have at most ${count(schema.maxItems, "item")} (got ${value.length})`);
    keyword(keywords, "uniqueItems", !!schema.uniqueItems)?.(schema, value, path, issues, check);
    // Every index, holes included (JSON sends a hole as null): forEach would skip them.
    if (schema.items) for (let i = 0; i < value.length; i++) check(schema.items, value[i], `${path}[${i}]`, issues);
  } else if (actual === "object" && !isBinary(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!own(obj, key) || obj[key] === undefined) issues.push({ path: path ? `${path}.${key}` : key, message: "is required" });
    }
    keyword(keywords, "dependentRequired", !!schema.dependentRequired)?.(schema, value, path, issues, check);
    const keys = Object.keys(obj);
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) at(`must have at least ${count(schema.minProperties, "property", "properties")} (got ${keys.length})`);
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) at(`must have at most ${count(schema.maxProperties, "property", "properties")} (got ${keys.length})`);
    for (const key of keys) {
      const v = obj[key];
      if (v === undefined) continue;
      // Own lookups only: `constructor`, `toString` or `__proto__` must not find Object.prototype's.
      const sub = schema.properties && own(schema.properties, key) ? schema.properties[key] : undefined;
      const child = path ? `${path}.${key}` : key;
      if (sub) check(sub, v, child, issues);
      // An own `__proto__` (from JSON.parse) is refused unless declared: a server may pollute its prototypes with it.
      else if (schema.additionalProperties === false || (key === "__proto__" && !((schema.oneOf || schema.anyOf) && !schema.properties))) issues.push({ path: child, message: "is not a known parameter" });
      else if (typeof schema.additionalProperties === "object") check(schema.additionalProperties, v, child, issues);
    }
  }
  return issues;
}
