import { describe, expect, it } from "vitest";
import { validate, type Schema } from "../src/index.js";

const schema: Schema = {
  type: "object",
  properties: {
    to: { type: "string", pattern: "^\\+[1-9][0-9]{6,14}$" },
    text: { type: "string", minLength: 1, maxLength: 5 },
    kind: { type: "string", enum: ["a", "b"] },
    count: { type: "integer", minimum: 1, maximum: 3 },
    ratio: { type: "number", exclusiveMaximum: 1 },
    tags: { type: "array", minItems: 1, maxItems: 2, uniqueItems: true, items: { type: "string" } },
    birthday: { type: "string", format: "date" },
    file: { type: "string", format: "binary" },
    either: { oneOf: [{ type: "integer" }, { type: "string", pattern: "^[0-9]+[mhd]$" }] },
    nested: { type: "object", required: ["id"], properties: { id: { type: "string", maxLength: 2 } } },
  },
  required: ["to"],
  additionalProperties: false,
  allOf: [{ anyOf: [{ required: ["text"] }, { required: ["kind"] }] }],
};

describe("validate", () => {
  it("accepts valid input", () => {
    expect(validate(schema, { to: "+14155550100", text: "hey", tags: ["x"], birthday: "1990-02-28", file: new Blob(["x"]), either: "2h", nested: { id: "ab" } })).toEqual([]);
    expect(validate(schema, { to: "+14155550100", kind: "a", either: 5, file: new Uint8Array(1), ratio: 0.5 })).toEqual([]);
  });

  it("reports every problem with its path", () => {
    const issues = validate(schema, { to: "12", text: "toolong", kind: "c", count: 4, ratio: 1, tags: ["x", "x", "y"], birthday: "28.02.1990", either: "2w", nested: { id: "abc" }, extra: 1 });
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath.to).toMatch(/must match/);
    expect(byPath.text).toBe("must be at most 5 characters (got 7)");
    expect(byPath.kind).toBe('must be one of "a", "b", got "c"');
    expect(byPath.count).toBe("must be <= 3 (got 4)");
    expect(byPath.ratio).toBe("must be < 1");
    expect(issues.filter((i) => i.path === "tags").map((i) => i.message)).toEqual(["must have at most 2 items (got 3)", "must not contain duplicates"]);
    expect(byPath.birthday).toBe("must be a date as YYYY-MM-DD");
    expect(byPath.either).toBe("must match ^[0-9]+[mhd]$"); // only the string alternative admits a string
    expect(validate({ anyOf: [{ type: "integer" }, { type: "boolean" }] }, "x")[0]?.message).toBe("must satisfy one of: (expected integer, got string) or (expected boolean, got string)");
    expect(byPath["nested.id"]).toBe("must be at most 2 characters (got 3)");
    expect(byPath.extra).toBe("is not a known parameter");
  });

  it("puts the noun of a count in the right number", () => {
    expect(validate({ type: "string", minLength: 1 }, "")).toEqual([{ path: "", message: "must be at least 1 character (got 0)" }]);
    expect(validate({ type: "string", maxLength: 2 }, "abc")).toEqual([{ path: "", message: "must be at most 2 characters (got 3)" }]);
    expect(validate({ type: "array", minItems: 1 }, [])).toEqual([{ path: "", message: "must have at least 1 item (got 0)" }]);
    expect(validate({ type: "object", minProperties: 1 }, {})).toEqual([{ path: "", message: "must have at least 1 property (got 0)" }]);
    expect(validate({ type: "object", maxProperties: 1 }, { a: 1, b: 2 })).toEqual([{ path: "", message: "must have at most 1 property (got 2)" }]);
  });

  it("explains 'one of these fields' rules", () => {
    const issues = validate(schema, { to: "+14155550100" });
    expect(issues).toEqual([{ path: "", message: "must satisfy one of: (text is required) or (kind is required)" }]);
  });

  it("checks types, counting characters not UTF-16 units", () => {
    expect(validate({ type: "integer" }, 1.5)[0]?.message).toBe("expected integer, got number");
    expect(validate({ type: "string" }, new Blob([]))[0]?.message).toBe("expected string, got binary");
    expect(validate({ type: "string", maxLength: 2 }, "😀😀")).toEqual([]);
    expect(validate({ type: ["string", "null"] }, null)).toEqual([]);
    expect(validate({ type: "array", items: { type: "integer" } }, [1, "2"])[0]).toEqual({ path: "[1]", message: "expected integer, got string" });
  });
});

describe("JSON-encoded strings (contentMediaType + contentSchema)", () => {
  const encoded: Schema = { anyOf: [{ type: "object", properties: { n: { type: "integer", maximum: 3 } } }, { type: "string", contentMediaType: "application/json", contentSchema: { type: "object", properties: { n: { type: "integer", maximum: 3 } } } }] };
  it("decodes the string and checks what it holds", () => {
    expect(validate(encoded, '{"n":2}')).toEqual([]);
    expect(validate(encoded, { n: 2 })).toEqual([]);
    expect(validate(encoded, '{"n":9}', "expiry")).toEqual([{ path: "expiry.n", message: "must be <= 3 (got 9)" }]);
    expect(validate(encoded, "{oops", "expiry")).toEqual([{ path: "expiry", message: "must be valid JSON" }]);
  });
});

describe("own properties only", () => {
  const closed: Schema = { type: "object", properties: { name: { type: "string" } }, required: ["name"], additionalProperties: false };

  it("inherited names do not pass as declared properties", () => {
    for (const key of ["constructor", "toString", "hasOwnProperty", "valueOf"]) {
      expect(validate(closed, { name: "n", [key]: "x" })).toEqual([{ path: key, message: "is not a known parameter" }]);
    }
    expect(validate(closed, Object.create({ name: "inherited" }))).toEqual([{ path: "name", message: "is required" }]);
  });

  it("an own __proto__ key (JSON.parse makes one) is an unknown parameter unless declared", () => {
    const hostile = JSON.parse('{"name":"n","__proto__":{"admin":true}}');
    expect(validate(closed, hostile)).toEqual([{ path: "__proto__", message: "is not a known parameter" }]);
    expect(validate({ type: "object" }, hostile)).toEqual([{ path: "__proto__", message: "is not a known parameter" }]);
    expect(validate({ type: "object", properties: JSON.parse('{"__proto__":{"type":"object"}}') }, JSON.parse('{"__proto__":{}}'))).toEqual([]);
  });
});

describe("non-finite numbers", () => {
  it("NaN and ±Infinity are refused (JSON would send null, and they pass every bound)", () => {
    const bounded: Schema = { type: "number", minimum: 0, maximum: 10 };
    for (const n of [NaN, Infinity, -Infinity]) {
      expect(validate(bounded, n)).toEqual([{ path: "", message: `must be a finite number (got ${n})` }]);
      expect(validate({ type: "integer" }, n)[0]?.message).toMatch(/finite/);
      expect(validate({}, n)[0]?.message).toMatch(/finite/);
    }
    expect(validate({ type: "object", properties: { lat: bounded } }, { lat: NaN })).toEqual([{ path: "lat", message: "must be a finite number (got NaN)" }]);
  });
});

describe("discriminated unions", () => {
  const union: Schema = {
    oneOf: [
      { type: "object", required: ["type", "text"], properties: { type: { const: "text" }, text: { type: "string", maxLength: 3 } }, additionalProperties: false },
      { type: "object", required: ["type", "url"], properties: { type: { enum: ["image"] }, url: { type: "string" } }, additionalProperties: false },
    ],
  };
  it("checks only the alternative the tag selects", () => {
    expect(validate(union, { type: "text", text: "long" }, "header")).toEqual([{ path: "header.text", message: "must be at most 3 characters (got 4)" }]);
    expect(validate(union, { type: "image" }, "header")).toEqual([{ path: "header.url", message: "is required" }]);
    expect(validate(union, { type: "video" }, "header")).toEqual([{ path: "header.type", message: 'must be one of "text", "image", got "video"' }]);
    expect(validate(union, { type: "image", url: "u" })).toEqual([]);
  });
  it("falls back to the general message when no property tells the alternatives apart", () => {
    expect(validate({ oneOf: [{ type: "object", required: ["a"] }, { type: "object", required: ["b"] }] }, {})[0]?.message).toBe("must satisfy one of: (a is required) or (b is required)");
  });
});

describe("rules in words and dependent fields", () => {
  it("says a pattern's rule in words when the spec gives them (x-pattern-message), with what was given", () => {
    const phone: Schema = { type: "string", pattern: "^\\+[1-9][0-9]{6,14}$", patternMessage: "must start with + and the country code, digits only, e.g. +905551112233" };
    expect(validate(phone, "+90 555 111 22 33", "to")).toEqual([{ path: "to", message: 'must start with + and the country code, digits only, e.g. +905551112233 (got "+90 555 111 22 33")' }]);
    expect(validate(phone, "+905551112233")).toEqual([]);
  });

  it("requires the dependent properties only when their property is present (dependentRequired)", () => {
    const answer: Schema = { type: "object", properties: { group: { type: "integer" }, method: { type: "string" } }, dependentRequired: { group: ["method"] } };
    expect(validate(answer, {})).toEqual([]);
    expect(validate(answer, { group: 4 }, "assignment[0]")).toEqual([{ path: "assignment[0].method", message: "is required when group is given" }]);
    expect(validate(answer, { group: 4, method: "round_robin" })).toEqual([]);
    expect(validate(answer, { group: undefined })).toEqual([]);
  });
});
