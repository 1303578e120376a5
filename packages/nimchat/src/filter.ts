/**
 * A typed builder for Nimchat filter conditions: the `payload` of `contacts.filter` and
 * `conversations.filter`, the `conditions` of automation rules and the `query` of custom filters.
 *
 * The doc lists no filter operators (the spec types `filter_operator` as a free string). The ones
 * offered here are the operators the doc's samples use (`equal_to`, `eq`, `not_eq`, `contains`)
 * plus the rest of the well-known Chatwoot set, which are Inferred (Nimchat is Chatwoot renamed; the
 * doc does not list them). Any other operator can be passed with {@link otherOperator}.
 * @module
 */
import { ValidationError, type ValidationIssue } from "@inboxkit/runtime";
import type { components } from "./generated/schema.js";

/** Operators the doc's samples use: `equal_to` (contacts), `eq` and `not_eq` (conversations), `contains` (automation). */
export const DOCUMENTED_FILTER_OPERATORS = ["equal_to", "eq", "not_eq", "contains"] as const;

/**
 * Inferred operators: the rest of the well-known Chatwoot set. The doc does not list them; Nimchat
 * is Chatwoot under another name, so they are expected to work but are not documented.
 */
export const INFERRED_FILTER_OPERATORS = [
  "not_equal_to",
  "does_not_contain",
  "is_present",
  "is_not_present",
  "is_greater_than",
  "is_less_than",
  "days_before",
] as const;

/**
 * A filter operator the client knows: the documented ones (`equal_to`, `eq`, `not_eq`, `contains`)
 * and the Inferred Chatwoot ones (`not_equal_to`, `does_not_contain`, `is_present`,
 * `is_not_present`, `is_greater_than`, `is_less_than`, `days_before`).
 */
export type NimchatFilterOperator = (typeof DOCUMENTED_FILTER_OPERATORS)[number] | (typeof INFERRED_FILTER_OPERATORS)[number];

/** Operators that take no values (Inferred: Chatwoot's presence tests). */
export type NimchatPresenceOperator = "is_present" | "is_not_present";
/** Operators that compare with exactly one value (Inferred: Chatwoot's comparisons). */
export type NimchatComparisonOperator = "is_greater_than" | "is_less_than";
/** Operators that take one or more values. */
export type NimchatValueOperator = Exclude<NimchatFilterOperator, NimchatPresenceOperator | NimchatComparisonOperator | "days_before">;

/** An operator the client does not know, passed on as given with no check of its values (see {@link otherOperator}). */
export interface NimchatOtherOperator {
  /** The operator as Nimchat expects it. */
  readonly other: string;
}

/** A value to compare with (the doc's samples use strings). */
export type NimchatFilterValue = string | number | boolean;

/** One condition of `contacts.filter` / `conversations.filter` (the spec's `FilterCondition`). */
export type NimchatFilterCondition = components["schemas"]["FilterCondition"];
/** One condition of an automation rule (the spec's `AutomationCondition`). */
export type NimchatAutomationCondition = components["schemas"]["AutomationCondition"];

/** How a condition joins the next one. */
export type NimchatQueryOperator = "AND" | "OR";

const PRESENCE: readonly string[] = ["is_present", "is_not_present"];
const COMPARISON: readonly string[] = ["is_greater_than", "is_less_than"];
const KNOWN: readonly string[] = [...DOCUMENTED_FILTER_OPERATORS, ...INFERRED_FILTER_OPERATORS];

/**
 * An operator the client does not know (e.g. one a newer Nimchat added), sent as given. Its values
 * are not checked.
 *
 * ```ts
 * nimchatFilter().where("email", otherOperator("starts_with"), ["support@"]);
 * ```
 */
export function otherOperator(name: string): NimchatOtherOperator {
  if (typeof name !== "string" || name.trim() === "") throw new ValidationError([{ path: "operator", message: "must be a non-empty string" }], { subject: "Nimchat filter operator" });
  return Object.freeze({ other: name });
}

/**
 * What is wrong with one condition's operator and values, for the known operators (an unknown
 * operator string is passed through unchecked). Empty when it is fine.
 */
export function conditionIssues(operator: unknown, values: unknown, path: string): ValidationIssue[] {
  if (typeof operator !== "string" || !KNOWN.includes(operator)) return [];
  const list = values === undefined ? [] : values;
  if (!Array.isArray(list)) return [{ path: `${path}.values`, message: "must be an array" }];
  if (PRESENCE.includes(operator)) {
    return list.length === 0 ? [] : [{ path: `${path}.values`, message: `must be empty: ${operator} takes no values (got ${list.length})` }];
  }
  if (list.length === 0) return [{ path: `${path}.values`, message: `must not be empty: ${operator} compares with ${operator === "days_before" || COMPARISON.includes(operator) ? "one value" : "at least one value"}` }];
  if (operator === "days_before" || COMPARISON.includes(operator)) {
    if (list.length !== 1) return [{ path: `${path}.values`, message: `must hold exactly one value for ${operator} (got ${list.length})` }];
  }
  if (operator === "days_before" && (typeof list[0] !== "number" || !Number.isFinite(list[0]) || list[0] < 0)) {
    return [{ path: `${path}.values[0]`, message: `must be a number of days >= 0 for days_before (got ${typeof list[0] === "number" ? list[0] : typeof list[0]})` }];
  }
  const bad = list.findIndex((v) => !(typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))));
  if (bad >= 0) return [{ path: `${path}.values[${bad}]`, message: "must be a string, a finite number or a boolean" }];
  return [];
}

/** Issues of a hand-written condition list: every condition's operator and values, and the joins between them. */
function conditionListIssues(conditions: unknown, path: string): ValidationIssue[] {
  if (!Array.isArray(conditions)) return [];
  const issues: ValidationIssue[] = [];
  conditions.forEach((c: unknown, i) => {
    if (c === null || typeof c !== "object") return;
    const { filter_operator: op, values, query_operator: join } = c as Record<string, unknown>;
    issues.push(...conditionIssues(op, values, `${path}[${i}]`));
    // Inferred (Chatwoot builds one query from the joins): every condition but the last must say how it joins the next.
    if (i < conditions.length - 1 && join !== "AND" && join !== "OR") {
      issues.push({ path: `${path}[${i}].query_operator`, message: `must be "AND" or "OR": it joins condition ${i + 1} (only the last condition has none)` });
    }
  });
  return issues;
}

/**
 * The checks the spec cannot express, run by the Application API client before sending: the
 * conditions of `contacts.filter`, `conversations.filter` and automation rules.
 */
export function filterChecks(operationId: string, params: Record<string, unknown>): ValidationIssue[] {
  switch (operationId) {
    case "application.contacts.filter":
    case "application.conversations.filter":
      return conditionListIssues(params.payload, "payload");
    case "application.automationRules.create":
    case "application.automationRules.update":
      return conditionListIssues(params.conditions, "conditions");
    default:
      return [];
  }
}

interface Condition {
  readonly attribute_key: string;
  readonly filter_operator: string;
  readonly values: readonly NimchatFilterValue[];
}

/** The methods that add a condition, typed by operator: presence tests take no values, `days_before` one number. */
interface AddCondition {
  /** A presence test (`is_present`, `is_not_present`): no values. */
  (attributeKey: string, operator: NimchatPresenceOperator): NimchatFilter;
  /** `days_before`: exactly one number of days. */
  (attributeKey: string, operator: "days_before", values: readonly [number]): NimchatFilter;
  /** A comparison (`is_greater_than`, `is_less_than`): exactly one value. */
  (attributeKey: string, operator: NimchatComparisonOperator, values: readonly [NimchatFilterValue]): NimchatFilter;
  /**
   * Any other known operator: one or more values. The type asks for a non-empty list; an array built
   * at run time is checked when the condition is added (`values as [string, ...string[]]` once you know it is not empty).
   */
  (attributeKey: string, operator: NimchatValueOperator, values: readonly [NimchatFilterValue, ...NimchatFilterValue[]]): NimchatFilter;
  /** An operator the client does not know ({@link otherOperator}): values passed as given, unchecked. */
  (attributeKey: string, operator: NimchatOtherOperator, values?: readonly NimchatFilterValue[]): NimchatFilter;
}

/**
 * An immutable list of filter conditions joined by AND/OR. Start with {@link nimchatFilter}; each of
 * `where`, `and` and `or` returns a new filter. Every condition is checked when it is added; an
 * empty filter is refused when its payload is taken.
 */
export class NimchatFilter {
  readonly #conditions: readonly Condition[];
  readonly #joins: readonly NimchatQueryOperator[];

  /** @internal use {@link nimchatFilter}. */
  constructor(conditions: readonly Condition[] = [], joins: readonly NimchatQueryOperator[] = []) {
    this.#conditions = conditions;
    this.#joins = joins;
  }

  /** The first condition. Only on an empty filter: later ones are joined with `and` or `or`. */
  readonly where: AddCondition = ((key: string, operator: string | NimchatOtherOperator, values?: readonly NimchatFilterValue[]) => {
    if (this.#conditions.length > 0) throw filterError([{ path: "where", message: "the filter already has a condition: join the next one with and() or or()" }]);
    return this.#add(undefined, key, operator, values);
  }) as AddCondition;

  /** Adds a condition joined to the previous one with `AND`. */
  readonly and: AddCondition = ((key: string, operator: string | NimchatOtherOperator, values?: readonly NimchatFilterValue[]) =>
    this.#add("AND", key, operator, values)) as AddCondition;

  /** Adds a condition joined to the previous one with `OR`. */
  readonly or: AddCondition = ((key: string, operator: string | NimchatOtherOperator, values?: readonly NimchatFilterValue[]) =>
    this.#add("OR", key, operator, values)) as AddCondition;

  #add(join: NimchatQueryOperator | undefined, key: unknown, operator: unknown, values: readonly NimchatFilterValue[] | undefined): NimchatFilter {
    const at = `conditions[${this.#conditions.length}]`;
    const issues: ValidationIssue[] = [];
    if (join && this.#conditions.length === 0) issues.push({ path: at, message: `start the filter with where(), not ${join === "AND" ? "and" : "or"}()` });
    if (typeof key !== "string" || key.trim() === "") issues.push({ path: `${at}.attribute_key`, message: "must be a non-empty string" });
    let name: string | undefined;
    if (typeof operator === "string") {
      if (!KNOWN.includes(operator)) issues.push({ path: `${at}.filter_operator`, message: `is not a known operator: ${JSON.stringify(operator)} (known: ${KNOWN.join(", ")}; pass otherOperator(${JSON.stringify(operator)}) to send another one)` });
      else name = operator;
    } else if (operator !== null && typeof operator === "object" && typeof (operator as NimchatOtherOperator).other === "string") {
      name = (operator as NimchatOtherOperator).other;
    } else issues.push({ path: `${at}.filter_operator`, message: "must be a known operator or otherOperator(name)" });
    if (name !== undefined) issues.push(...conditionIssues(name, values, at));
    if (issues.length) throw filterError(issues);
    const condition: Condition = { attribute_key: key as string, filter_operator: name as string, values: Object.freeze([...(values ?? [])]) };
    return new NimchatFilter([...this.#conditions, condition], join ? [...this.#joins, join] : this.#joins);
  }

  /** How many conditions the filter has. */
  get size(): number {
    return this.#conditions.length;
  }

  /**
   * The conditions as Nimchat's filter endpoints take them: each one's `query_operator` says how it
   * joins the next (`AND`/`OR`), and the last one's is `null`, as in the doc's samples.
   * @throws {ValidationError} when the filter has no condition.
   */
  payload(): NimchatFilterCondition[] {
    if (this.#conditions.length === 0) throw filterError([{ path: "conditions", message: "the filter has no condition: add one with where()" }]);
    return this.#conditions.map((c, i) => ({ attribute_key: c.attribute_key, filter_operator: c.filter_operator, values: [...c.values], query_operator: this.#joins[i] ?? null }));
  }

  /**
   * The body of `contacts.filter` and `conversations.filter`: `{ payload }`.
   *
   * ```ts
   * const open = nimchatFilter().where("status", "equal_to", ["open"]).and("browser_language", "not_equal_to", ["en"]);
   * for await (const conversation of nimchat.conversations.filter.iterate(open.body())) console.log(conversation.id);
   * ```
   * @throws {ValidationError} when the filter has no condition.
   */
  body(): { payload: NimchatFilterCondition[] } {
    return { payload: this.payload() };
  }

  /**
   * The `conditions` of `automationRules.create` / `update`. The last condition's `query_operator` is
   * `null`; the doc's automation samples send the string `"nil"` there, which the spec also accepts.
   * @throws {ValidationError} when the filter has no condition.
   */
  conditions(): NimchatAutomationCondition[] {
    return this.payload();
  }

  /**
   * The `query` of `customFilters.create` / `update`: `{ payload }`. Inferred: the doc shows `query`
   * only as an empty object; Chatwoot saves the filter conditions under `query.payload`.
   * @throws {ValidationError} when the filter has no condition.
   */
  query(): { payload: NimchatFilterCondition[] } {
    return { payload: this.payload() };
  }

  /** The same as {@link NimchatFilter.body}, so that a filter serialises as the body it stands for. */
  toJSON(): { payload: NimchatFilterCondition[] } {
    return this.body();
  }
}

function filterError(issues: ValidationIssue[]): ValidationError {
  return new ValidationError(issues, { subject: "Nimchat filter" });
}

/**
 * Starts an empty filter. Add the first condition with `where`, then join more with `and` / `or`.
 *
 * ```ts
 * const filter = nimchatFilter()
 *   .where("name", "equal_to", ["en"])
 *   .and("country_code", "equal_to", ["us"]);
 * await nimchat.contacts.filter({ ...filter.body(), page: 1 });
 * // payload: [{ attribute_key: "name", filter_operator: "equal_to", values: ["en"], query_operator: "AND" },
 * //           { attribute_key: "country_code", filter_operator: "equal_to", values: ["us"], query_operator: null }]
 * ```
 *
 * Attribute keys are strings (the spec enumerates none). Operators are typed: the documented
 * `equal_to`, `eq`, `not_eq`, `contains`, and the Inferred Chatwoot `not_equal_to`,
 * `does_not_contain`, `is_present`, `is_not_present`, `is_greater_than`, `is_less_than`,
 * `days_before`; {@link otherOperator} sends another one.
 */
export function nimchatFilter(): NimchatFilter {
  return new NimchatFilter();
}
