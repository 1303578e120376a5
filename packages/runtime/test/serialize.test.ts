import { describe, expect, it } from "vitest";
import { containsFile, toForm, toMultipart } from "../src/index.js";

describe("toMultipart", () => {
  it("writes nested fields in bracket notation and files as name[] parts", async () => {
    const form = toMultipart({
      template_id: 7,
      urgent: true,
      destinations: [{ phone: "+905551112233", parameters: { "body-1": "Ali", "header-1": "x" } }, { phone: "+905551112234" }],
      attachments: [new Blob(["a"], { type: "image/png" }), new Uint8Array([1, 2])],
      attachment: new File(["csv"], "list.csv", { type: "text/csv" }),
      skip: undefined,
    });
    expect([...form.keys()]).toEqual([
      "template_id",
      "urgent",
      "destinations[0][phone]",
      "destinations[0][parameters][body-1]",
      "destinations[0][parameters][header-1]",
      "destinations[1][phone]",
      "attachments[]",
      "attachments[]",
      "attachment",
    ]);
    expect(form.get("destinations[0][parameters][body-1]")).toBe("Ali");
    expect(form.get("template_id")).toBe("7");
    expect(form.get("urgent")).toBe("1");
    const files = form.getAll("attachments[]") as File[];
    expect(files[0]?.type).toBe("image/png");
    expect(new Uint8Array(await (files[1] as File).arrayBuffer())).toEqual(new Uint8Array([1, 2]));
    expect((form.get("attachment") as File).name).toBe("list.csv");
  });
});

describe("toForm", () => {
  it("JSON-encodes only the named fields and keeps pre-encoded strings as they are", () => {
    const form = toForm({ app_id: "a", expiry: { viewcount: 3 }, tags: ["x", "y"], name: "N", raw: '{"a":1}' }, ["expiry", "tags", "raw"]);
    expect(form.get("expiry")).toBe('{"viewcount":3}');
    expect(form.get("tags")).toBe('["x","y"]');
    expect(form.get("raw")).toBe('{"a":1}');
    expect(form.get("name")).toBe("N");
  });
});

describe("containsFile", () => {
  it("finds files nested in arrays and objects", () => {
    expect(containsFile({ a: [{ b: new Blob([]) }] })).toBe(true);
    expect(containsFile({ a: [{ b: "x" }] })).toBe(false);
  });
});
