// Values that cannot be put on the wire are refused with a ValidationError before anything is sent,
// whichever encoder meets them (found by the property tests in scripts/test/operation-properties.test.ts).
import { describe, expect, it } from "vitest";
import { ValidationError } from "../src/index.js";
import { acme, json, scriptedFetch } from "./fixtures.js";

describe("values that cannot be encoded", () => {
  it("a circular value in a multipart body is a ValidationError naming the field, and nothing is sent", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const meta: Record<string, unknown> = { a: 1 };
    meta.self = meta;
    const error = await acme({ fetch }).files.upload({ file: new Uint8Array([1]), meta }).catch((e: unknown) => e);
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).issues).toEqual([{ path: "meta[self]", message: "cannot be encoded: it contains itself (a circular reference)" }]);
    expect(calls).toHaveLength(0);
  });

  it("the same object twice side by side in a multipart body is not a cycle", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const shared = { k: "v" };
    await acme({ fetch }).files.upload({ file: new Uint8Array([1]), meta: { a: shared, b: shared } });
    expect(calls).toHaveLength(1);
    const form = calls[0]!.body as FormData;
    expect([form.get("meta[a][k]"), form.get("meta[b][k]")]).toEqual(["v", "v"]);
  });

  it("with validate: false, a lone surrogate in a path parameter is a ValidationError, and nothing is sent", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const error = await acme({ fetch, validate: false }).items.get({ itemId: "a\ud800" }).catch((e: unknown) => e);
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).issues[0]?.message).toMatch(/cannot be encoded in the URL/);
    expect(calls).toHaveLength(0);
  });
});
