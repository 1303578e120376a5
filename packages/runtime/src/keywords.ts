/**
 * The checkers of the JSON Schema keywords only some schemas use — unions (`oneOf`/`anyOf`, with
 * their discriminator), `format: date`, JSON in a string, `dependentRequired`, `uniqueItems` — which
 * the generated operations carry when their schemas use them (`op.keywords`), and {@link validate},
 * which checks with all of them. Kept apart from `checkSchema` (the keywords every schema may use),
 * so that a bundle holds only the checkers its operations need.
 * @module
 */
import type { ValidationIssue } from "./errors.js";
import { checkSchema, equal, own, show, typeMatches, typeOf, type Check, type KeywordChecker, type Schema, type SchemaKeywords } from "./validate.js";

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** An RFC 3339 `full-date` that exists: days per month, February 29 in leap years only. */
function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return Number(m[3]) <= (month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number));
}


/** The value a schema pins a property to (`const`, or an `enum` of one). */
function pinned(schema: Schema | undefined): { value: unknown } | undefined {
  if (!schema) return undefined;
  if (schema.const !== undefined) return { value: schema.const };
  if (schema.enum?.length === 1) return { value: schema.enum[0] };
  return undefined;
}

interface Discriminator {
  readonly key: string;
  readonly tags: readonly unknown[];
  /** Whether every alternative requires the key (a value without it then matches none). */
  readonly required: boolean;
}

const discriminators = new WeakMap<readonly Schema[], Discriminator | null>();

/**
 * The property that tells a union's alternatives apart: one every alternative pins to a different
 * value (`type: "text"` / `type: "image"`…). `type` is preferred when several qualify.
 */
function discriminatorOf(alternatives: readonly Schema[]): Discriminator | undefined {
  let found = discriminators.get(alternatives);
  if (found === undefined) {
    found = null;
    const first = alternatives[0]?.properties;
    const candidates = first ? Object.keys(first).sort((a, b) => (a === "type" ? -1 : b === "type" ? 1 : 0)) : [];
    for (const key of candidates) {
      const tags = alternatives.map((alt) => (alt.properties && own(alt.properties, key) ? pinned(alt.properties[key]) : undefined));
      if (tags.some((t) => t === undefined)) continue;
      const values = tags.map((t) => (t as { value: unknown }).value);
      if (values.every((v, i) => values.findIndex((w) => equal(v, w)) === i)) {
        found = { key, tags: values, required: alternatives.every((alt) => alt.required?.includes(key) ?? false) };
        break;
      }
    }
    discriminators.set(alternatives, found);
  }
  return found ?? undefined;
}

/**
 * Checks a union (`oneOf` when `exactlyOne`, else `anyOf`); issues go to `issues`. Returns false when
 * the value satisfies no alternative (or, for oneOf, several), so that the caller stops there.
 */
function union(alternatives: readonly Schema[], exactlyOne: boolean, value: unknown, path: string, issues: ValidationIssue[], check: Check): boolean {
  const tagged = value !== null && typeof value === "object" && !Array.isArray(value) ? discriminatorOf(alternatives) : undefined;
  const obj = value as Record<string, unknown>;
  const tag = tagged && own(obj, tagged.key) ? obj[tagged.key] : undefined;
  // A union discriminated on a property: the alternative with the caller's tag is the answer (the
  // others pin other tags, so it is also the only one). Without a tag, only when every alternative requires one.
  if (tagged && (tag !== undefined || tagged.required)) {
    const child = path ? `${path}.${tagged.key}` : tagged.key;
    const index = tagged.tags.findIndex((t) => equal(t, tag));
    if (tag === undefined) issues.push({ path: child, message: `is required (one of ${tagged.tags.map(show).join(", ")})` });
    else if (index < 0) issues.push({ path: child, message: `must be one of ${tagged.tags.map(show).join(", ")}, got ${show(tag)}` });
    else check(alternatives[index] as Schema, value, path, issues);
    return true;
  }
  const errs = alternatives.map((s) => check(s, value, path, []));
  const passing = errs.flatMap((e, i) => (e.length === 0 ? [i + 1] : []));
  if (exactlyOne && passing.length > 1) {
    issues.push({ path, message: `must satisfy exactly one of the alternatives, but satisfies ${passing.length} (${passing.join(" and ")} of ${alternatives.length})` });
    return false;
  }
  if (passing.length > 0) return true;
  // An alternative whose `type` cannot hold the value only adds noise ("expected string, got
  // object"): when exactly one alternative admits the value's type, its own issues are the answer.
  const actual = typeOf(value);
  const admits = alternatives.map((s) => s.type === undefined || (typeof s.type === "string" ? [s.type] : s.type).some((t) => typeMatches(t, actual, value, s)));
  const fitting = errs.filter((_, i) => admits[i]);
  if (fitting.length === 1) {
    issues.push(...(fitting[0] as ValidationIssue[]));
    return false;
  }
  // Issue paths relative to this one: `a.b` under `a` is `b`, `a[0]` under `a` is `[0]`, `a` itself is "".
  const relative = (p: string): string => (p === path ? "" : path && p.startsWith(`${path}.`) ? p.slice(path.length + 1) : p.startsWith(path) ? p.slice(path.length) : p);
  const options = (fitting.length ? fitting : errs).map((e) => e.map((i) => (relative(i.path) ? `${relative(i.path)} ${i.message}` : i.message)).join(" and "));
  issues.push({ path, message: `must satisfy one of: ${options.map((o) => `(${o})`).join(" or ")}` });
  return false;
}

/**
 * `oneOf` (exactly one alternative) and `anyOf` (at least one); a union discriminated on a property
 * (`type: "text"` / `type: "image"`…) is checked against the alternative the value's tag names.
 */
export const unionKeyword: KeywordChecker = (schema, value, path, issues, check) =>
  // Both may be present: the value must then satisfy one of each (oneOf: exactly one).
  !(schema.oneOf && !union(schema.oneOf, true, value, path, issues, check)) && !(schema.anyOf && !union(schema.anyOf, false, value, path, issues, check));

/** `format: date`: an RFC 3339 `full-date` that exists. */
export const dateKeyword: KeywordChecker = (schema, value, path, issues) => {
  if (schema.format === "date" && typeof value === "string" && !isDate(value)) issues.push({ path, message: "must be a date as YYYY-MM-DD" });
};

/** A string holding JSON (`contentMediaType: application/json`) whose decoded value must match `contentSchema`. */
export const jsonContentKeyword: KeywordChecker = (schema, value, path, issues, check) => {
  if (!schema.contentSchema || schema.contentMediaType !== "application/json" || typeof value !== "string") return;
  let decoded: unknown;
  try {
    decoded = JSON.parse(value);
  } catch {
    issues.push({ path, message: "must be valid JSON" });
    return;
  }
  check(schema.contentSchema, decoded, path, issues);
};

/** `dependentRequired`: for each property present, the properties that become required. */
export const dependentRequiredKeyword: KeywordChecker = (schema, value, path, issues) => {
  const obj = value as Record<string, unknown>;
  for (const [key, needs] of Object.entries(schema.dependentRequired ?? {})) {
    if (!own(obj, key) || obj[key] === undefined) continue;
    for (const need of needs) {
      if (!own(obj, need) || obj[need] === undefined) issues.push({ path: path ? `${path}.${need}` : need, message: `is required when ${key} is given` });
    }
  }
};

/** `uniqueItems`: no two items equal as JSON. */
export const uniqueItemsKeyword: KeywordChecker = (schema, value, path, issues) => {
  if (schema.uniqueItems && Array.isArray(value) && value.some((v, i) => value.findIndex((w) => equal(v, w)) !== i)) issues.push({ path, message: "must not contain duplicates" });
};

/** Every keyword checker (what {@link validate} checks with). */
export const ALL_KEYWORDS: SchemaKeywords = {
  union: unionKeyword,
  date: dateKeyword,
  json: jsonContentKeyword,
  dependentRequired: dependentRequiredKeyword,
  uniqueItems: uniqueItemsKeyword,
};

/** Checks `value` against `schema` with every keyword; returns every issue found (empty when valid). */
export function validate(schema: Schema, value: unknown, path = "", issues: ValidationIssue[] = []): ValidationIssue[] {
  return checkSchema(schema, value, ALL_KEYWORDS, path, issues);
}
