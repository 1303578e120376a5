import { describe, expect, it } from "vitest";
import { containsFile, isFile, toForm, toMultipart, ValidationError } from "../src/index.js";

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

// The encoders' edge rules, one by one (found by mutation testing).
describe("isFile", () => {
  it("is a Blob, a File, a Uint8Array or an ArrayBuffer, nothing else", () => {
    for (const file of [new Blob(["x"]), new File(["x"], "x.txt"), new Uint8Array(1), new ArrayBuffer(1)]) expect(isFile(file)).toBe(true);
    for (const other of ["x", 1, null, undefined, {}, [], new Uint16Array(1), { size: 1, type: "" }]) expect(isFile(other)).toBe(false);
  });
});

describe("containsFile, at its depth bound", () => {
  it("finds a file up to four levels below the body, not deeper; no file in primitives or null", () => {
    // body → a → [0] → b → [0] → file: the file is an element four containers below the body.
    expect(containsFile({ a: [{ b: [new Blob([])] }] })).toBe(true);
    expect(containsFile({ a: [{ b: [{ c: [new Blob([])] }] }] })).toBe(false);
    expect(containsFile({ a: null, b: 1, c: "s" })).toBe(false);
    expect(containsFile([new Uint8Array(1)])).toBe(true);
    expect(containsFile(null)).toBe(false);
  });
});

describe("toForm, value by value", () => {
  it("strings as they are, numbers and booleans as text, objects of other fields as JSON, undefined left out", () => {
    const form = toForm({ s: "text", n: 3, t: true, o: { a: 1 }, skip: undefined, j: { b: 2 } }, ["j"]);
    expect([...form.entries()]).toEqual([
      ["s", "text"],
      ["n", "3"],
      ["t", "true"],
      ["o", '{"a":1}'],
      ["j", '{"b":2}'],
    ]);
    expect(toForm({ j: "already" }, ["j"]).get("j")).toBe("already");
    expect(toForm({ n: null }).get("n")).toBe("null");
  });
});

describe("toMultipart, value by value", () => {
  it("leaves out undefined and null, sends false as 0 and names a Blob's part after its field", () => {
    const form = toMultipart({ a: undefined, b: null, f: false, n: 0, "my file": new Blob(["x"]), list: [] });
    expect([...form.keys()]).toEqual(["f", "n", "my file"]);
    expect(form.get("f")).toBe("0");
    expect(form.get("n")).toBe("0");
    expect((form.get("my file") as File).name).toBe("my_file");
  });

  it("a part without a usable field name is called file; a File keeps its own name", () => {
    expect((toMultipart({ "": new Uint8Array([1]) }).get("") as File).name).toBe("file");
    expect((toMultipart({ doc: new File(["x"], "report.pdf") }).get("doc") as File).name).toBe("report.pdf");
  });

  it("an array of files is repeated name[] parts; a mixed array is indexed", () => {
    const mixed = toMultipart({ m: [new Blob(["x"]), "text"] });
    expect([...mixed.keys()]).toEqual(["m[0]", "m[1]"]);
    const files = toMultipart({ m: [new Blob(["x"]), new Uint8Array([1])] });
    expect([...files.keys()]).toEqual(["m[]", "m[]"]);
  });

  it("a value that contains itself is refused with its path; the same object twice is not a cycle", () => {
    const loop: Record<string, unknown> = { k: 1 };
    loop.again = [loop];
    let error: unknown;
    try {
      toMultipart({ meta: loop });
    } catch (e) {
      error = e;
    }
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).issues).toEqual([{ path: "meta[again][0]", message: "cannot be encoded: it contains itself (a circular reference)" }]);
    expect((error as ValidationError).message).toMatch(/^Invalid request body/);
    const shared = { k: "v" };
    expect([...toMultipart({ a: shared, b: [shared] }).entries()]).toEqual([["a[k]", "v"], ["b[0][k]", "v"]]);
  });
});
