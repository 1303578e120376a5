// The reference validator for the property and differential tests: Ajv (JSON Schema draft 2020-12,
// `strict: false`), told about the runtime's three documented extensions so that it can judge them too:
//
// - `format: binary`: a string property also takes a file (Blob, File, Uint8Array or ArrayBuffer); a
//   file passes every keyword of the schema except `enum`/`const` (the runtime does not look inside it).
//   Ajv gets `anyOf: [<the schema without format>, { binaryFile: true, enum?, const? }]`.
// - `contentMediaType: application/json` + `contentSchema`: the runtime decodes the string and checks
//   what it holds (for Ajv these are annotations only). Ajv gets a `jsonContent` keyword doing the same.
// - `format: date`: RFC 3339 full-date, days per month and leap years included (what ajv-formats'
//   `date` checks; ajv-formats itself is not a dependency of this repository).
//
// Differences that are NOT modelled here, because the runtime deliberately refuses what JSON Schema
// accepts (the tests that compare keep their values out of these cases and test them on their own):
// non-finite numbers (NaN, ±Infinity: not JSON), an own `__proto__` key that the schema does not
// declare, and strings holding a lone UTF-16 surrogate (not sendable as UTF-8).
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from "ajv/dist/2020.js";
import { validate } from "../../src/keywords.js";
import type { Schema } from "../../src/validate.js";

export const isFileValue = (value: unknown): boolean =>
  (typeof Blob !== "undefined" && value instanceof Blob) || value instanceof Uint8Array || value instanceof ArrayBuffer;

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** RFC 3339 `full-date`, as ajv-formats checks it. */
export function isFullDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : (DAYS[month] as number));
}

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
ajv.addFormat("date", { type: "string", validate: isFullDate });
ajv.addKeyword({ keyword: "binaryFile", schemaType: "boolean", validate: (_: boolean, data: unknown) => isFileValue(data) });
ajv.addKeyword({
  keyword: "jsonContent",
  schemaType: "object",
  compile(schema: AnySchemaObject) {
    const inner = ajv.compile(schema);
    return (data: unknown) => {
      if (typeof data !== "string") return true;
      let decoded: unknown;
      try {
        decoded = JSON.parse(data);
      } catch {
        return false;
      }
      return inner(decoded) as boolean;
    };
  },
});

/** The runtime's schema as Ajv should read it (see the module comment). */
export function forAjv(schema: Schema): AnySchemaObject {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "patternMessage") continue;
    if (key === "properties" || key === "dependentRequired") {
      const map: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(value as Record<string, unknown>)) {
        // Keep `__proto__` an own key of the copy, as it is of the runtime's schema.
        Object.defineProperty(map, name, { value: key === "properties" ? forAjv(sub as Schema) : sub, enumerable: true, writable: true, configurable: true });
      }
      out[key] = map;
    } else if (key === "items" || (key === "additionalProperties" && typeof value === "object")) out[key] = forAjv(value as Schema);
    else if (key === "oneOf" || key === "anyOf" || key === "allOf") out[key] = (value as Schema[]).map(forAjv);
    else if (key === "contentSchema" || key === "contentMediaType") continue;
    else out[key] = value;
  }
  if (schema.contentSchema && schema.contentMediaType === "application/json") out.jsonContent = forAjv(schema.contentSchema);
  if (schema.format === "binary") {
    delete out.format;
    const types = schema.type === undefined ? undefined : typeof schema.type === "string" ? [schema.type] : schema.type;
    if (types === undefined || types.includes("string")) {
      const file: Record<string, unknown> = { binaryFile: true };
      if (schema.enum) file.enum = schema.enum;
      if (schema.const !== undefined) file.const = schema.const;
      return { anyOf: [out, file] };
    }
  }
  return out;
}

const compiled = new WeakMap<object, ValidateFunction>();

/** Whether Ajv (with the runtime's extensions) accepts `value`. */
export function ajvAccepts(schema: Schema, value: unknown): boolean {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(forAjv(schema));
    compiled.set(schema, fn);
  }
  return fn(value) as boolean;
}

/** Ajv's errors for `value` (for failure messages). */
export function ajvErrors(schema: Schema, value: unknown): string {
  ajvAccepts(schema, value);
  const fn = compiled.get(schema) as ValidateFunction;
  return JSON.stringify(fn.errors ?? []);
}

/** `undefined` when the runtime and Ajv agree on `value`, else a description of the disagreement. */
export function disagreement(schema: Schema, value: unknown): string | undefined {
  const issues = validate(schema, value);
  const ajv = ajvAccepts(schema, value);
  if ((issues.length === 0) === ajv) return undefined;
  const shown = (v: unknown) => JSON.stringify(v, (_, x) => (isFileValue(x) ? `<file ${x?.constructor?.name}>` : x));
  return `runtime ${issues.length === 0 ? "accepts" : "refuses"}, Ajv ${ajv ? "accepts" : "refuses"}\n schema: ${shown(schema)}\n value: ${shown(value)}\n runtime: ${JSON.stringify(issues)}\n ajv: ${ajvErrors(schema, value)}`;
}
