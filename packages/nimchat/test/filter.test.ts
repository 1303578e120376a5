// The filter builder: the exact payload the doc shows, AND/OR chaining, and every invalid
// combination rejected before sending (by the builder, and by the client for hand-written payloads).
import { describe, expect, it } from "vitest";
import { createNimchatClient, DOCUMENTED_FILTER_OPERATORS, nimchatFilter, otherOperator, ValidationError } from "../src/index.js";
import { BASE, bodyOf, json, line, scriptedFetch } from "./fetch.js";
import { requestExample } from "./spec.js";

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
