import { describe, expect, it } from "vitest";
import { ALL_KEYWORDS, checkSchema, dateKeyword, unionKeyword, uniqueItemsKeyword, validate, type Schema, type SchemaKeywords } from "../src/index.js";

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

// Messages and comparisons pinned exactly (survivors of a mutation run; the differential test
// against Ajv checks accept/refuse, not what the message says).
describe("validate: messages and comparisons, exactly", () => {
  const msg = (schema: Schema, value: unknown, path = "") => validate(schema, value, path).map((i) => `${i.path}: ${i.message}`);

  it("shows what was given: short JSON, an ellipsis past 80 characters, words for what JSON cannot show", () => {
    expect(msg({ enum: ["a"] }, [1, 2])).toEqual([': must be one of "a", got [1,2]']);
    expect(msg({ enum: ["a"] }, null)).toEqual([': must be one of "a", got null']);
    expect(msg({ enum: ["a"] }, 5)).toEqual([': must be one of "a", got 5']);
    const long = "x".repeat(100);
    expect(msg({ enum: ["a"] }, [long])[0]).toBe(`: must be one of "a", got ${JSON.stringify([long]).slice(0, 79)}…`);
    expect(msg({ enum: ["a"] }, [long.slice(0, 76)])[0]).toBe(`: must be one of "a", got ${JSON.stringify([long.slice(0, 76)])}`); // 80 characters: no ellipsis
    expect(msg({ enum: ["a"] }, () => 1)).toEqual([': must be one of "a", got a function']);
    const loop: unknown[] = [];
    loop.push(loop);
    expect(msg({ enum: ["a"] }, loop)).toEqual([': must be one of "a", got an array']);
    expect(msg({ enum: ["a"] }, new Uint8Array(1))).toEqual([': must be one of "a", got binary']);
    expect(msg({ type: "integer" }, new Uint8Array(1), "n")).toEqual(["n: expected integer, got binary"]);
    expect(msg({ type: "integer" }, {}, "n")).toEqual(["n: expected integer, got object"]);
  });

  it("compares enum values by JSON content: arrays by items and length, objects by own keys", () => {
    const schema: Schema = { enum: [[1, 2], { a: 1 }, null] };
    expect(validate(schema, [1, 2])).toEqual([]);
    expect(validate(schema, null)).toEqual([]);
    expect(validate(schema, { a: 1 })).toEqual([]);
    for (const other of [[1], [2, 1], [1, 2, 3], { 0: 1, 1: 2 }, { a: 2 }, { b: 1 }, { a: 1, b: 1 }, {}, [null], "null", new Uint8Array([1, 2])]) {
      expect(validate(schema, other).length, JSON.stringify(other)).toBe(1);
    }
    expect(validate({ const: [] }, [])).toEqual([]);
    expect(validate({ const: {} }, [])).toHaveLength(1);
    expect(validate({ const: [] }, {})).toHaveLength(1);
  });

  it("a tagged union is told by `type` first, whatever the key order, and names the tags", () => {
    const union: Schema = {
      oneOf: [
        { type: "object", properties: { kind: { const: "x" }, type: { const: "text" } }, required: ["kind", "type"] },
        { type: "object", properties: { kind: { const: "y" }, type: { const: "image" } }, required: ["kind", "type"] },
      ],
    };
    expect(msg(union, { kind: "x" }, "m")).toEqual(['m.type: is required (one of "text", "image")']);
    expect(msg(union, { type: "video", kind: "x" }, "m")).toEqual(['m.type: must be one of "text", "image", got "video"']);
    // A key that only some alternatives pin is no discriminator.
    const partial: Schema = { oneOf: [{ type: "object", properties: { t: { const: "a" } }, required: ["t"] }, { type: "object", properties: { u: { type: "string" } }, required: ["u"] }] };
    expect(msg(partial, { t: "b" })).toEqual([': must satisfy one of: (t must be "a") or (u is required)']);
    // Tags that repeat do not discriminate either.
    const same: Schema = { oneOf: [{ type: "object", properties: { t: { const: "a" }, n: { type: "integer" } }, required: ["t", "n"] }, { type: "object", properties: { t: { const: "a" }, s: { type: "string" } }, required: ["t", "s"] }] };
    expect(msg(same, { t: "a" })).toEqual([": must satisfy one of: (n is required) or (s is required)"]);
  });

  it("a union's issues are relative to its own path, for object keys and array indexes", () => {
    const schema: Schema = {
      type: "object",
      properties: {
        v: {
          anyOf: [
            { type: "object", properties: { a: { type: "integer" } }, required: ["a"] },
            { type: "array", items: { type: "integer" } },
          ],
        },
      },
    };
    expect(msg(schema, { v: { a: "x" } })).toEqual(["v.a: expected integer, got string"]);
    const both: Schema = { anyOf: [{ type: "object", properties: { a: { type: "integer" } } }, { type: "object", properties: { a: { type: "string", maxLength: 1 } } }] };
    expect(msg({ type: "object", properties: { w: both } }, { w: { a: "xyz" } })).toEqual(["w: must satisfy one of: (a expected integer, got string) or (a must be at most 1 character (got 3))"]);
    expect(msg({ type: "object", properties: { w: both } }, { w: { a: "xyz" } }, "root")).toEqual(["root.w: must satisfy one of: (a expected integer, got string) or (a must be at most 1 character (got 3))"]);
  });

  it("bounds and counts at their edges", () => {
    expect(msg({ type: "number", minimum: 2 }, 2)).toEqual([]);
    expect(msg({ type: "number", minimum: 2 }, 1.5)).toEqual([": must be >= 2 (got 1.5)"]);
    expect(msg({ type: "number", maximum: 2 }, 2)).toEqual([]);
    expect(msg({ type: "number", exclusiveMinimum: 2 }, 2)).toEqual([": must be > 2"]);
    expect(msg({ type: "number", exclusiveMinimum: 2 }, 2.5)).toEqual([]);
    expect(msg({ type: "number", exclusiveMaximum: 2 }, 2)).toEqual([": must be < 2"]);
    expect(msg({ type: "string", minLength: 2, maxLength: 2 }, "ab")).toEqual([]);
    expect(msg({ type: "array", minItems: 1, maxItems: 1 }, [1])).toEqual([]);
    expect(msg({ type: "array", maxItems: 1 }, [1, 2])).toEqual([": must have at most 1 item (got 2)"]);
    expect(msg({ type: "object", minProperties: 1, maxProperties: 1 }, { a: 1 })).toEqual([]);
  });

  it("required and dependentRequired treat an explicit undefined as missing, and name the path", () => {
    const schema: Schema = { type: "object", properties: { a: { type: "string" }, b: { type: "string" } }, required: ["a"], dependentRequired: { a: ["b"] } };
    expect(msg(schema, { a: undefined }, "p")).toEqual(["p.a: is required"]);
    expect(msg(schema, { a: "x", b: undefined }, "p").map((m) => m.split(":")[0])).toEqual(["p.b"]);
    expect(msg(schema, { a: "x", b: "y" })).toEqual([]);
  });

  it("an own __proto__ is refused in a plain object schema, and passes through a bare union to its alternatives", () => {
    const hostile = JSON.parse('{"__proto__": {"x": 1}}');
    expect(msg({ type: "object" }, hostile)).toEqual(["__proto__: is not a known parameter"]);
    expect(msg({ type: "object", properties: { a: { type: "string" } } }, hostile)).toEqual(["__proto__: is not a known parameter"]);
    // The union's alternatives (not the union itself) decide: here every alternative refuses it.
    expect(msg({ oneOf: [{ type: "object", properties: { a: { type: "string" } } }] }, hostile)).toEqual(["__proto__: is not a known parameter"]);
  });

  it("a date must exist; a pattern is compiled once and used with the u flag", () => {
    expect(msg({ type: "string", format: "date" }, "2024-02-29")).toEqual([]);
    expect(msg({ type: "string", format: "date" }, "2023-02-29")).toEqual([": must be a date as YYYY-MM-DD"]);
    expect(msg({ type: "string", format: "date" }, "x2024-02-01")).toEqual([": must be a date as YYYY-MM-DD"]);
    expect(msg({ type: "string", format: "date" }, "2024-02-01x")).toEqual([": must be a date as YYYY-MM-DD"]);
    expect(msg({ type: "string", pattern: "^.$" }, "😀")).toEqual([]); // one code point with the u flag
    expect(msg({ type: "string", pattern: "^.$" }, "ab")).toEqual([": must match ^.$"]);
  });

  it("a JSON-encoded string is decoded only when its media type is JSON", () => {
    const inner: Schema = { type: "array", items: { type: "string" } };
    expect(msg({ type: "string", contentMediaType: "application/json", contentSchema: inner }, "[1]")).toEqual(["[0]: expected string, got integer"]);
    expect(msg({ type: "string", contentMediaType: "text/plain", contentSchema: inner }, "[1]")).toEqual([]);
    expect(msg({ type: "string", contentSchema: inner }, "[1]")).toEqual([]);
  });
});

describe("checkSchema: the keywords few schemas use come with the schema's operation", () => {
  const schemas: [keyof SchemaKeywords, Schema, unknown, string][] = [
    ["union", { oneOf: [{ type: "string" }, { type: "integer" }] }, true, "must satisfy one of: (expected string, got boolean) or (expected integer, got boolean)"],
    ["union", { anyOf: [{ type: "string" }, { type: "integer" }] }, true, "must satisfy one of: (expected string, got boolean) or (expected integer, got boolean)"],
    ["date", { type: "string", format: "date" }, "2025-02-29", "must be a date as YYYY-MM-DD"],
    ["json", { type: "string", contentMediaType: "application/json", contentSchema: { type: "object" } }, "[1]", "expected object, got array"],
    ["dependentRequired", { type: "object", dependentRequired: { a: ["b"] } }, { a: 1 }, "is required when a is given"],
    ["uniqueItems", { type: "array", uniqueItems: true }, [1, 1], "must not contain duplicates"],
  ];

  it.each(schemas)("%s: checked with its checker, exactly as validate checks it", (name, schema, value, message) => {
    const issues = checkSchema(schema, value, { [name]: ALL_KEYWORDS[name] });
    expect(issues.map((i) => i.message)).toEqual([message]);
    expect(validate(schema, value)).toEqual(issues);
  });

  it.each(schemas)("%s: a schema using it without its checker is a TypeError, never skipped", (name, schema, value) => {
    const others = Object.fromEntries(Object.entries(ALL_KEYWORDS).filter(([k]) => k !== name));
    expect(() => checkSchema(schema, value, others)).toThrow(TypeError);
    expect(() => checkSchema(schema, value, others)).toThrow(/its checker was not given .*regenerate the client/);
  });

  it("also deep inside a schema: an item, a property, an alternative", () => {
    const nested: Schema = { type: "object", properties: { list: { type: "array", items: { type: "object", properties: { day: { type: "string", format: "date" } } } } } };
    expect(() => checkSchema(nested, { list: [{ day: "2024-01-01" }] }, {})).toThrow(/format: date/);
    expect(checkSchema(nested, { list: [{ day: "2024-13-01" }] }, { date: dateKeyword })).toEqual([{ path: "list[0].day", message: "must be a date as YYYY-MM-DD" }]);
    const inUnion: Schema = { oneOf: [{ type: "array", uniqueItems: true }, { type: "string" }] };
    expect(() => checkSchema(inUnion, [1], { union: unionKeyword })).toThrow(/uniqueItems/);
    expect(checkSchema(inUnion, [1, 1], { union: unionKeyword, uniqueItems: uniqueItemsKeyword })[0]?.message).toMatch(/must not contain duplicates/);
  });

  it("a schema that uses none of them needs no checker", () => {
    const plain: Schema = { type: "object", properties: { page: { type: "integer", minimum: 1 }, q: { type: "string", pattern: "^[a-z]+$" }, tags: { type: "array", items: { enum: ["a", "b"] } } }, required: ["page"], additionalProperties: false, allOf: [{ required: ["q"] }] };
    expect(checkSchema(plain, { page: 0, q: "A", tags: ["c"], x: 1 }, {}).map((i) => i.path)).toEqual(["page", "q", "tags[0]", "x"]);
  });
});
