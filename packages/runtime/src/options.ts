/**
 * Run-time checks of client and per-call options. JavaScript callers bypass the types, so a typo
 * (`timout`) or a wrong type (`timeoutMs: "5"`) is an error naming the option and what it expects,
 * with a suggestion when a known name is close, instead of an option silently ignored.
 * @module
 */
import { ValidationError, type ValidationIssue } from "./errors.js";
import { headerNameProblem, headerValueProblem } from "./headers.js";

/** Returns what the option expects when `value` is not acceptable, else `undefined`. */
type Check = (value: unknown, path: string, issues: ValidationIssue[]) => string | undefined;

const describe = (value: unknown): string => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `a string`;
  if (typeof value === "number") return `${value}`;
  return typeof value;
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const nonNegative: Check = (v) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? undefined : "a finite number >= 0");
const nonNegativeInteger: Check = (v) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? undefined : "an integer >= 0");
const positiveInteger: Check = (v) => (typeof v === "number" && Number.isInteger(v) && v >= 1 ? undefined : "an integer >= 1");
const boolean: Check = (v) => (typeof v === "boolean" ? undefined : "true or false");
const fn: Check = (v) => (typeof v === "function" ? undefined : "a function");
const string: Check = (v) => (typeof v === "string" ? undefined : "a string");

const RETRY_FIELDS: Record<string, Check> = {
  maxRetries: nonNegativeInteger,
  initialDelayMs: nonNegative,
  maxDelayMs: nonNegative,
  maxRetryAfterMs: nonNegative,
  statuses: (v) => (Array.isArray(v) && v.every((s) => Number.isInteger(s) && s >= 100 && s <= 599) ? undefined : "an array of HTTP statuses (integers 100-599)"),
};

const retry: Check = (v, path, issues) => {
  if (v === false) return undefined;
  if (!isObject(v)) return "false or an object ({ maxRetries, initialDelayMs, maxDelayMs, maxRetryAfterMs, statuses })";
  checkFields(v, RETRY_FIELDS, [], path, issues);
  return undefined;
};

const headers: Check = (v, path, issues) => {
  if (!isObject(v)) return "an object of header names to string values";
  for (const [name, value] of Object.entries(v)) {
    if (value === undefined || value === null) continue;
    const problem = headerNameProblem(name) ?? headerValueProblem(value);
    if (problem) issues.push({ path: `${path}.${name}`, message: problem });
  }
  return undefined;
};

const budget: Check = (v, path, issues) => {
  if (v === false) return undefined;
  if (!isObject(v)) return "false or { requests, intervalMs }";
  checkFields(v, { requests: positiveInteger, intervalMs: (x) => (typeof x === "number" && Number.isFinite(x) && x > 0 ? undefined : "a finite number > 0") }, [], path, issues, ["requests", "intervalMs"]);
  return undefined;
};

const budgetStore: Check = (v) =>
  isObject(v) && ["acquire", "release", "pause"].every((m) => typeof v[m] === "function") ? undefined : "a budget store (an object with acquire, release and pause methods)";

const budgetKey: Check = (v) => (typeof v === "string" && v.trim() !== "" ? undefined : "a non-empty string");

const storeErrorMode: Check = (v) => (v === "fail" || v === "local" ? undefined : '"fail" or "local"');

const signal: Check = (v) =>
  isObject(v) && typeof v.aborted === "boolean" && typeof v.addEventListener === "function" && typeof v.removeEventListener === "function" ? undefined : "an AbortSignal";

/** The options of `createApiClient` (see `ClientOptions`) and what each accepts. */
export const CLIENT_OPTIONS: Readonly<Record<string, Check>> = {
  baseUrl: string,
  fetch: fn,
  retry,
  timeoutMs: nonNegative,
  waitOnRateLimit: (v) => (typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v) && v >= 0) ? undefined : "true, false or a number of ms >= 0"),
  requestBudget: budget,
  budgetStore,
  budgetKey,
  onStoreError: storeErrorMode,
  headers,
  logger: (v) => (typeof v === "function" || (isObject(v) && typeof v.debug === "function") ? undefined : "a function or an object with a debug method"),
  validate: boolean,
  maxPages: positiveInteger,
  sleep: fn,
};

/** The per-call options (see `RequestOptions`) and what each accepts. */
export const REQUEST_OPTIONS: Readonly<Record<string, Check>> = { signal, timeoutMs: nonNegative, headers, retry };

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

/**
 * The known name closest to `name`, when within 2 edits (case-insensitive; a unit suffix such as
 * `Ms` may be left out and a plural used: `timout` suggests `timeoutMs`, `retries` suggests `retry`).
 */
export function suggest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let distance = 3;
  const lower = name.toLowerCase();
  const forms = [lower, lower.replace(/ies$/, "y"), lower.replace(/s$/, "")];
  for (const k of known) {
    const targets = [k.toLowerCase(), k.replace(/Ms$/, "").toLowerCase()];
    const d = Math.min(...forms.flatMap((f) => targets.map((t) => editDistance(f, t))));
    if (d < distance) {
      distance = d;
      best = k;
    }
  }
  return best;
}

function checkFields(
  value: Record<string, unknown>,
  fields: Readonly<Record<string, Check>>,
  extra: readonly string[],
  prefix: string,
  issues: ValidationIssue[],
  required: readonly string[] = [],
): void {
  const known = [...Object.keys(fields), ...extra];
  const at = (key: string): string => (prefix ? `${prefix}.${key}` : key);
  for (const key of required) if (value[key] === undefined) issues.push({ path: at(key), message: "is required" });
  for (const key of Object.keys(value)) {
    const v = value[key];
    const check = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    if (!check) {
      if (extra.includes(key)) continue;
      const close = suggest(key, known);
      // The value is never shown: a misspelt option may well hold a credential.
      issues.push({ path: at(key), message: `is not a known option${close ? `; did you mean \`${close}\`?` : ""}` });
      continue;
    }
    if (v === undefined) continue;
    const expected = check(v, at(key), issues);
    if (expected) issues.push({ path: at(key), message: `must be ${expected} (got ${describe(v)})` });
  }
}

/**
 * Checks an options object against the known names and types; throws one {@link ValidationError}
 * listing every problem. `extra` are other accepted names (a vendor's own options, e.g. `apiKey`),
 * not checked here but known for suggestions.
 */
export function checkOptions(options: unknown, fields: Readonly<Record<string, Check>>, extra: readonly string[], subject: string, secrets?: readonly string[]): void {
  if (options === undefined) return;
  if (!isObject(options)) throw new ValidationError([{ path: "", message: `must be an object (got ${describe(options)})` }], { subject, secrets });
  const issues: ValidationIssue[] = [];
  checkFields(options, fields, extra, "", issues);
  if (issues.length) throw new ValidationError(issues, { subject, secrets });
}
