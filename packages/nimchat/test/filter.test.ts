// The filter builder: the exact payload the doc shows, AND/OR chaining, and every invalid
// combination rejected before sending (by the builder, and by the client for hand-written payloads),
// each refusal naming the condition's index, the field and the rule.
import { describe, expect, it } from "vitest";
import { createNimchatClient, DOCUMENTED_FILTER_OPERATORS, nimchatFilter, otherOperator, ValidationError } from "../src/index.js";
import { BASE, bodyOf, json, line, scriptedFetch } from "./fetch.js";
import { requestExample } from "./spec.js";
import { thrown } from "../../../scripts/vitest/thrown.js";

const rejects = (build: () => unknown, message: RegExp) => {
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as Error).message).toMatch(message);
};

describe("valid filters", () => {
  it("produce exactly the doc's contact-filter payload (the spec's request example)", () => {
    const filter = nimchatFilter().where("name", "equal_to", ["en"]).and("country_code", "equal_to", ["us"]);
    expect(filter.body()).toEqual(requestExample("application.contacts.filter"));
  });

  it("produce exactly the doc's conversation-filter payload, with its eq / not_eq spellings", () => {
    const filter = nimchatFilter().where("browser_language", "not_eq", ["en"]).and("status", "eq", ["pending"]);
    expect(filter.body()).toEqual(requestExample("application.conversations.filter"));
  });

  it("chain AND and OR in order: each condition's query_operator joins the next, the last is null", () => {
    const filter = nimchatFilter()
      .where("status", "equal_to", ["open", "pending"])
      .or("assignee_id", "is_not_present")
      .and("created_at", "days_before", [3])
      .and("last_activity_at", "is_greater_than", ["2024-01-01"]);
    expect(filter.payload()).toEqual([
      { attribute_key: "status", filter_operator: "equal_to", values: ["open", "pending"], query_operator: "OR" },
      { attribute_key: "assignee_id", filter_operator: "is_not_present", values: [], query_operator: "AND" },
      { attribute_key: "created_at", filter_operator: "days_before", values: [3], query_operator: "AND" },
      { attribute_key: "last_activity_at", filter_operator: "is_greater_than", values: ["2024-01-01"], query_operator: null },
    ]);
    expect(filter.size).toBe(4);
  });

  it("are immutable: extending one does not change it", () => {
    const base = nimchatFilter().where("status", "equal_to", ["open"]);
    const wider = base.or("status", "equal_to", ["pending"]);
    expect(base.payload()).toEqual([{ attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: null }]);
    expect(wider.payload()).toHaveLength(2);
  });

  it("serve automation conditions and custom-filter queries", () => {
    const filter = nimchatFilter().where("content", "contains", ["help"]);
    expect(filter.conditions()).toEqual([{ attribute_key: "content", filter_operator: "contains", values: ["help"], query_operator: null }]);
    expect(filter.query()).toEqual({ payload: filter.payload() });
    expect(JSON.parse(JSON.stringify(filter))).toEqual(filter.body());
  });

  it("otherOperator sends an operator the client does not know, unchecked", () => {
    expect(nimchatFilter().where("email", otherOperator("starts_with"), ["support@"]).payload()).toEqual([
      { attribute_key: "email", filter_operator: "starts_with", values: ["support@"], query_operator: null },
    ]);
    expect(nimchatFilter().where("email", otherOperator("is_blank")).payload()[0]?.values).toEqual([]);
  });

  it("the documented operators are the ones the doc's samples use", () => {
    expect(DOCUMENTED_FILTER_OPERATORS).toEqual(["equal_to", "eq", "not_eq", "contains"]);
  });
});

describe("invalid filters are rejected when built", () => {
  it.each([
    ["no conditions", () => nimchatFilter().body(), /conditions: the filter has no condition/],
    ["a presence test given values", () => (nimchatFilter().where as (...a: unknown[]) => unknown)("email", "is_present", ["x"]), /values: must be empty: is_present takes no values \(got 1\)/],
    ["a value operator given no values", () => nimchatFilter().where("status", "equal_to", [] as never), /values: must not be empty: equal_to compares with at least one value/],
    ["a value operator given undefined values", () => (nimchatFilter().where as (...a: unknown[]) => unknown)("status", "contains"), /values: must not be empty/],
    ["days_before with a string", () => nimchatFilter().where("created_at", "days_before", ["3"] as never), /values\[0\]: must be a number of days >= 0 for days_before \(got string\)/],
    ["days_before with a negative number", () => nimchatFilter().where("created_at", "days_before", [-1]), /must be a number of days >= 0/],
    ["days_before with two values", () => nimchatFilter().where("created_at", "days_before", [1, 2] as never), /must hold exactly one value for days_before \(got 2\)/],
    ["a comparison with two values", () => nimchatFilter().where("created_at", "is_less_than", ["a", "b"] as never), /must hold exactly one value for is_less_than/],
    ["a value that is an object", () => nimchatFilter().where("status", "equal_to", [{}] as never), /values\[0\]: must be a string, a finite number or a boolean/],
    ["an unknown operator string", () => nimchatFilter().where("status", "starts_with" as never, ["a"]), /is not a known operator: "starts_with".*otherOperator\("starts_with"\)/],
    ["an empty attribute key", () => nimchatFilter().where("", "equal_to", ["a"]), /attribute_key: must be a non-empty string/],
    ["and() before where()", () => nimchatFilter().and("status", "equal_to", ["open"]), /start the filter with where\(\), not and\(\)/],
    ["where() twice", () => nimchatFilter().where("a", "equal_to", ["1"]).where("b", "equal_to", ["2"]), /already has a condition: join the next one with and\(\) or or\(\)/],
    ["an empty otherOperator", () => otherOperator(""), /must be a non-empty string/],
  ])("%s", (_name, build, message) => rejects(build, message));
});

describe("a refusal names the condition, the field and the rule exactly", () => {
  /** The ValidationError `build` throws. */
  const refusal = (build: () => unknown): ValidationError => thrown(build, ValidationError);
  const where = nimchatFilter().where as (...a: unknown[]) => unknown;

  it.each([
    ["values that are not an array", () => where("status", "equal_to", "open"), "conditions[0].values: must be an array"],
    ["a comparison given no values", () => nimchatFilter().where("created_at", "is_less_than", [] as never), "conditions[0].values: must not be empty: is_less_than compares with one value"],
    ["days_before given no values", () => nimchatFilter().where("created_at", "days_before", [] as never), "conditions[0].values: must not be empty: days_before compares with one value"],
    ["is_greater_than given two values", () => nimchatFilter().where("created_at", "is_greater_than", [1, 2] as never), "conditions[0].values: must hold exactly one value for is_greater_than (got 2)"],
    ["days_before given a negative number (shown)", () => nimchatFilter().where("created_at", "days_before", [-1]), "conditions[0].values[0]: must be a number of days >= 0 for days_before (got -1)"],
    ["days_before given Infinity", () => nimchatFilter().where("created_at", "days_before", [Infinity]), "conditions[0].values[0]: must be a number of days >= 0 for days_before (got Infinity)"],
    ["a NaN value, at its index", () => nimchatFilter().where("id", "equal_to", ["1", Number.NaN]), "conditions[0].values[1]: must be a string, a finite number or a boolean"],
    ["a bad second condition, at its index", () => (nimchatFilter().where("status", "equal_to", ["open"]).and as (...a: unknown[]) => unknown)("email", "is_present", ["x"]), "conditions[1].values: must be empty: is_present takes no values (got 1)"],
    ["or() before where()", () => nimchatFilter().or("status", "equal_to", ["open"]), "conditions[0]: start the filter with where(), not or()"],
    ["an attribute key that is not a string", () => where(5, "equal_to", ["a"]), "conditions[0].attribute_key: must be a non-empty string"],
    ["a blank attribute key", () => nimchatFilter().where("  ", "equal_to", ["a"]), "conditions[0].attribute_key: must be a non-empty string"],
    [
      "an unknown operator string, with the known ones listed",
      () => nimchatFilter().where("email", "starts_with" as never, ["a"]),
      'conditions[0].filter_operator: is not a known operator: "starts_with" (known: equal_to, eq, not_eq, contains, not_equal_to, does_not_contain, is_present, is_not_present, is_greater_than, is_less_than, days_before; pass otherOperator("starts_with") to send another one)',
    ],
    ["a null operator", () => where("email", null, ["a"]), "conditions[0].filter_operator: must be a known operator or otherOperator(name)"],
    ["an operator object without a name", () => where("email", {}, ["a"]), "conditions[0].filter_operator: must be a known operator or otherOperator(name)"],
    ["an operator object whose name is not a string", () => where("email", { other: 5 }, ["a"]), "conditions[0].filter_operator: must be a known operator or otherOperator(name)"],
    ["an empty filter's payload", () => nimchatFilter().payload(), "conditions: the filter has no condition: add one with where()"],
  ])("%s", (_name, build, detail) => {
    expect(refusal(build).message).toBe(`Invalid Nimchat filter: ${detail}`);
  });

  it.each([
    ["a number", 5],
    ["a blank string", "  "],
  ])("otherOperator refuses %s", (_name, name) => {
    expect(refusal(() => otherOperator(name as never)).message).toBe("Invalid Nimchat filter operator: operator: must be a non-empty string");
  });

  it("accept the boundary values: 0 days, booleans, 0 and a one-value comparison", () => {
    expect(nimchatFilter().where("created_at", "days_before", [0]).payload()).toEqual([{ attribute_key: "created_at", filter_operator: "days_before", values: [0], query_operator: null }]);
    expect(nimchatFilter().where("blocked", "equal_to", [true, false, 0, "no"]).payload()[0]?.values).toEqual([true, false, 0, "no"]);
    expect(nimchatFilter().where("id", "is_greater_than", [10]).payload()[0]?.values).toEqual([10]);
  });
});

describe("hand-written payloads are checked by the client before sending", () => {
  const setup = () => {
    const api = scriptedFetch(() => json([]));
    return { api, nimchat: createNimchatClient({ baseUrl: BASE, accountId: 3, userToken: "t-123456", fetch: api.fetch }) };
  };

  it.each([
    ["contacts.filter: is_present with values", { payload: [{ attribute_key: "email", filter_operator: "is_present", values: ["x"], query_operator: null }] }, /payload\[0\]\.values: must be empty/],
    ["contacts.filter: a middle condition without a join", { payload: [{ attribute_key: "a", filter_operator: "equal_to", values: ["1"], query_operator: null }, { attribute_key: "b", filter_operator: "equal_to", values: ["2"], query_operator: null }] }, /payload\[0\]\.query_operator: must be "AND" or "OR"/],
  ])("%s", async (_name, params, message) => {
    const { api, nimchat } = setup();
    const error = await nimchat.contacts.filter(params as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(message);
    expect(api.calls).toHaveLength(0);
  });

  it("conversations.filter: is_present with values is refused too, nothing sent", async () => {
    const { api, nimchat } = setup();
    const error = await nimchat.conversations.filter({ payload: [{ attribute_key: "assignee_id", filter_operator: "is_present", values: ["x"], query_operator: null }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: "payload[0].values", message: "must be empty: is_present takes no values (got 1)" }]);
    expect(api.calls).toHaveLength(0);
  });

  it("a missing join names the condition and the one it should join", async () => {
    const { api, nimchat } = setup();
    const condition = (key: string, join: "AND" | "OR" | null) => ({ attribute_key: key, filter_operator: "equal_to", values: ["1"], query_operator: join });
    const error = await nimchat.contacts.filter({ payload: [condition("a", "AND"), condition("b", null), condition("c", null)] }).catch((e: unknown) => e);
    expect((error as ValidationError).issues).toEqual([{ path: "payload[1].query_operator", message: 'must be "AND" or "OR": it joins condition 2 (only the last condition has none)' }]);
    expect(api.calls).toHaveLength(0);
  });

  it("a payload or condition of the wrong type gets the schema's issue only (no crash, no join issue)", async () => {
    const { api, nimchat } = setup();
    const issuesOf = async (params: unknown) => ((await nimchat.contacts.filter(params as never).catch((e: unknown) => e)) as ValidationError).issues;
    expect(await issuesOf({ payload: "status=open" })).toEqual([{ path: "payload", message: "expected array, got string" }]);
    expect(await issuesOf({ payload: [null, 7, { attribute_key: "a", filter_operator: "equal_to", values: ["1"], query_operator: null }] })).toEqual([
      { path: "payload[0]", message: "expected object, got null" },
      { path: "payload[1]", message: "expected object, got integer" },
    ]);
    expect(api.calls).toHaveLength(0);
  });

  it("automation rules: days_before with a non-number is refused, nothing sent", async () => {
    const { api, nimchat } = setup();
    const conditions = [{ attribute_key: "created_at", filter_operator: "days_before", values: ["soon"], query_operator: null }];
    await expect(nimchat.automationRules.create({ name: "r", event_name: "conversation_created", conditions })).rejects.toThrow(/conditions\[0\]\.values\[0\]: must be a number of days/);
    await expect(nimchat.automationRules.update({ id: 1, conditions })).rejects.toThrow(ValidationError);
    expect(api.calls).toHaveLength(0);
  });

  it("the doc's own samples pass (an unknown operator string is not second-guessed)", async () => {
    const { api, nimchat } = setup();
    await nimchat.contacts.filter(requestExample("application.contacts.filter"));
    await nimchat.conversations.filter(requestExample("application.conversations.filter"));
    await nimchat.automationRules.create(requestExample("application.automationRules.create"));
    await nimchat.contacts.filter({ payload: [{ attribute_key: "x", filter_operator: "matches_regex", values: [] }] });
    expect(api.calls.map(line)).toEqual([
      "POST /api/v1/accounts/3/contacts/filter",
      "POST /api/v1/accounts/3/conversations/filter",
      "POST /api/v1/accounts/3/automation_rules",
      "POST /api/v1/accounts/3/contacts/filter",
    ]);
  });

  it("a built filter goes out as the body", async () => {
    const { api, nimchat } = setup();
    const filter = nimchatFilter().where("status", "equal_to", ["open"]).or("status", "equal_to", ["pending"]);
    await nimchat.conversations.filter({ ...filter.body(), page: 2 });
    expect(line(api.calls[0]!)).toBe("POST /api/v1/accounts/3/conversations/filter?page=2");
    expect(bodyOf(api.calls[0])).toEqual(filter.body());
  });
});
