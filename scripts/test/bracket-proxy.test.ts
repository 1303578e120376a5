// Bracket proxy test: the test-harness shim that lets Prism validate Desk360's multipart bodies in PHP
// bracket notation (scripts/vitest/prism-spec.mjs + scripts/vitest/bracket-proxy.mjs).
//
//   cd /work/main && ./node_modules/.bin/vitest run --config vitest.config.ts scripts/test/bracket-proxy.test.ts
//
// Unit tests of the bracket decoder, the coercion and the spec derivation, then Prism on the derived
// Desk360 spec behind the proxy, fed with bodies encoded by the runtime's `toMultipart`.
import { readFile, rm } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { toMultipart } from "../../packages/runtime/src/serialize.js";
// @ts-expect-error plain ESM helper without types
import { coerceToSchema, createCoercer, decodeBrackets, formDataToObject, parseBracketName, PROXY_HEADER, startBracketProxy, TRANSLATED } from "../vitest/bracket-proxy.mjs";
// @ts-expect-error plain ESM helper without types
import { DERIVED_SCHEMA_SUFFIX, deriveDocument, derivePrismSpec, findMultipartOperations, MULTIPART_PATH_PREFIX, resolvePointer } from "../vitest/prism-spec.mjs";
// @ts-expect-error plain ESM helper without types
import { startPrism } from "../prism.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SPEC = join(ROOT, "specs/desk360/openapi.yaml");
const INTEGRATIONS = "/v1/integrations/11/conversations";
const SEND = "/v1/integrations/{integrationId}/conversations/templates/send";
const BULK = "/v1/integrations/{integrationId}/conversations/templates/send/bulk";
const MEDIA = "/v1/integrations/{integrationId}/conversations/messages/medias";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
let original: Doc;

/** The first example of an operation's response in the ORIGINAL spec (what Prism must answer). */
function example(path: string, status: string): unknown {
  const response = original.paths[path].post.responses[status];
  const resolved = response.$ref ? resolvePointer(original, response.$ref) : response;
  return Object.values(resolved.content["application/json"].examples as Record<string, { value: unknown }>)[0]!.value;
}

const png = (name: string, bytes = 8) => new File([new Uint8Array(bytes).fill(7)], name, { type: "image/png" });

beforeAll(async () => {
  original = parseYaml(await readFile(SPEC, "utf8"));
});

describe("bracket decoder", () => {
  it("splits names into keys as PHP does", () => {
    expect(parseBracketName("destinations[0][parameters][body-1]")).toEqual(["destinations", "0", "parameters", "body-1"]);
    expect(parseBracketName("attachments[]")).toEqual(["attachments", ""]);
    expect(parseBracketName("to")).toEqual(["to"]);
    expect(parseBracketName("a.b c")).toEqual(["a_b_c"]);
    expect(parseBracketName("a[b")).toEqual(["a_b"]);
    expect(parseBracketName("a[b]x[c]")).toEqual(["a", "b"]);
    expect(parseBracketName("[x]")).toBeNull();
  });

  it("rebuilds nested objects, lists and appended arrays", () => {
    expect(
      decodeBrackets([
        ["template_id", "75"],
        ["destinations[0][phone]", "+905551112233"],
        ["destinations[0][parameters][body-1]", "Ali"],
        ["destinations[1][phone]", "+905555555555"],
        ["parameters[header-1]", "H"],
        ["attachments[]", "file:a"],
        ["attachments[]", "file:b"],
        ["rows[][x]", "1"],
        ["rows[][x]", "2"],
      ]),
    ).toEqual({
      template_id: "75",
      destinations: [{ phone: "+905551112233", parameters: { "body-1": "Ali" } }, { phone: "+905555555555" }],
      parameters: { "header-1": "H" },
      attachments: ["file:a", "file:b"],
      rows: [{ x: "1" }, { x: "2" }],
    });
  });

  it("keeps PHP's quirks: last plain value wins, gaps and out-of-order keys make an object", () => {
    expect(decodeBrackets([["to", "1"], ["to", "2"]])).toEqual({ to: "2" });
    expect(decodeBrackets([["a[1]", "x"]])).toEqual({ a: { 1: "x" } });
    expect(Array.isArray(decodeBrackets([["a[1]", "x"], ["a[0]", "y"]]).a)).toBe(false);
    expect(decodeBrackets([["a[5]", "x"], ["a[]", "y"]])).toEqual({ a: { 5: "x", 6: "y" } });
    expect(decodeBrackets([["a", "scalar"], ["a[b]", "x"]])).toEqual({ a: { b: "x" } });
    expect(decodeBrackets([["__proto__[x]", "1"]])).toEqual(JSON.parse('{"__proto__":{"x":"1"}}'));
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("turns FormData files into placeholders (and an empty file input into null)", () => {
    const form = new FormData();
    form.append("to", "+905551112233");
    form.append("attachments[]", png("a.png", 3));
    form.append("attachments[]", new File(["x,y"], "n.csv", { type: "text/csv" }));
    form.append("empty", new File([], ""));
    expect(formDataToObject(form)).toEqual({ to: "+905551112233", attachments: ["file:a.png;type=image/png;bytes=3", "file:n.csv;type=text/csv;bytes=3"], empty: null });
  });

  it("round-trips what toMultipart encodes", () => {
    const body = { template_id: 1, language_id: 2, destinations: [{ phone: "+905551112233", parameters: { "body-1": "Ali", "body-2": "Veli" } }], attachment: png("h.png", 5) };
    expect(formDataToObject(toMultipart(body))).toEqual({
      template_id: "1",
      language_id: "2",
      destinations: [{ phone: "+905551112233", parameters: { "body-1": "Ali", "body-2": "Veli" } }],
      attachment: "file:h.png;type=image/png;bytes=5",
    });
  });
});

describe("schema-guided coercion", () => {
  const doc = {
    components: { schemas: { Id: { type: "integer" } } },
    paths: {
      "/x/{id}": {
        post: {
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    id: { $ref: "#/components/schemas/Id" },
                    ratio: { type: "number" },
                    flag: { type: "boolean" },
                    name: { type: "string" },
                    either: { type: ["integer", "string"] },
                    maybe: { type: ["integer", "null"] },
                    list: { type: "array", items: { type: "integer" } },
                    map: { type: "object", additionalProperties: { type: "boolean" } },
                  },
                  allOf: [{ properties: { extra: { type: "integer" } } }],
                },
              },
            },
          },
        },
      },
    },
  };

  it("converts only where the schema asks for a non-string", () => {
    const input = { id: "7", ratio: "-1.5", flag: "1", name: "42", either: "3", maybe: "", list: ["1", "2"], map: { a: "0" }, extra: "9", unknown: "5" };
    expect(createCoercer(doc)("/x/12", "POST", input)).toEqual({ id: 7, ratio: -1.5, flag: true, name: "42", either: "3", maybe: null, list: [1, 2], map: { a: false }, extra: 9, unknown: "5" });
  });

  it("leaves unparsable strings for Prism to reject", () => {
    const schema = doc.paths["/x/{id}"].post.requestBody.content["application/json"].schema;
    expect(coerceToSchema(doc, { id: "7a", flag: "true", ratio: "" }, schema)).toEqual({ id: "7a", flag: "true", ratio: "" });
    expect(createCoercer(doc)("/nope", "POST", { id: "7" })).toEqual({ id: "7" });
  });
});

describe("derived spec", () => {
  it("adds one JSON shadow operation per multipart operation and leaves the originals alone", () => {
    const { doc, operations } = deriveDocument(original);
    expect(operations.map((o: { operationId: string }) => o.operationId).sort()).toEqual(["messages.sendMedia", "templates.send", "templates.sendBulk"]);
    expect(findMultipartOperations(original)).toHaveLength(3);
    // The original paths are untouched (deep-equal to the source document).
    for (const path of Object.keys(original.paths)) expect(doc.paths[path]).toEqual(original.paths[path]);
    for (const path of [SEND, BULK, MEDIA]) {
      const shadow = doc.paths[`${MULTIPART_PATH_PREFIX}${path}`].post;
      const op = original.paths[path].post;
      expect(Object.keys(shadow.requestBody.content)).toEqual(["application/json"]);
      expect(shadow.responses).toEqual(op.responses);
      expect(shadow.parameters).toEqual(op.parameters);
      expect(shadow.security).toEqual(op.security);
      expect(shadow.operationId).toBe(`${op.operationId}${DERIVED_SCHEMA_SUFFIX}`);
    }
    const media = doc.components.schemas[`MediaMessageRequest${DERIVED_SCHEMA_SUFFIX}`];
    expect(media.properties.attachments).toMatchObject({ maxItems: 5, minItems: 1, items: { type: "string", minLength: 1, pattern: "^file:" } });
    expect(media.properties.attachments.items.format).toBeUndefined();
    expect(media.properties.to).toEqual({ $ref: "#/components/schemas/WhatsAppNumber" });
    // Every $ref of the derived document resolves locally.
    const refs: string[] = [];
    JSON.stringify(doc, (key, value) => (key === "$ref" && refs.push(value), value));
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) expect(resolvePointer(doc, ref), ref).toBeDefined();
    // The source document is not mutated.
    expect(original.components.schemas[`MediaMessageRequest${DERIVED_SCHEMA_SUFFIX}`]).toBeUndefined();
  });
});

describe("Prism on the derived Desk360 spec behind the bracket proxy", () => {
  let derived: string;
  let prism: { url: string; stop: () => Promise<void> };
  let proxy: { url: string; stop: () => Promise<void>; stats: { forwarded: number; translated: number } };
  const auth = { authorization: "Bearer test-token" };

  beforeAll(async () => {
    derived = await derivePrismSpec(SPEC);
    prism = await startPrism(relative(ROOT, derived));
    proxy = await startBracketProxy(prism.url, { spec: derived });
  });
  afterAll(async () => {
    await proxy?.stop();
    await prism?.stop();
    if (derived) await rm(dirname(derived), { recursive: true, force: true });
  });

  const post = (path: string, body: FormData | string, headers: Record<string, string> = auth, base = proxy.url) =>
    fetch(`${base}${INTEGRATIONS}${path}`, { method: "POST", headers: typeof body === "string" ? { ...headers, "content-type": "application/json" } : headers, body });
  const violations = (res: Response) => JSON.parse(res.headers.get("sl-violations") ?? "[]") as Array<{ location: string[]; code: string; message: string }>;

  it("a media message with two attachments[] files → 200 with the spec's example", async () => {
    const res = await post("/messages/medias", toMultipart({ to: "+905551112233", attachments: [png("a.png"), png("b.png")] }));
    expect(res.status).toBe(200);
    expect(res.headers.get(PROXY_HEADER)).toBe(TRANSLATED);
    expect(res.headers.get("sl-violations")).toBeNull();
    expect(await res.json()).toEqual(example(MEDIA, "200"));
  });

  it("a template send with destinations[0][phone], destinations[0][parameters][body-1] and an attachment → 200", async () => {
    const form = toMultipart({ template_id: 75, language_id: 2, destinations: [{ phone: "+905551112233", parameters: { "body-1": "Ali" } }], attachment: png("header.png") });
    expect([...form.keys()]).toEqual(["template_id", "language_id", "destinations[0][phone]", "destinations[0][parameters][body-1]", "attachment"]);
    const res = await post("/templates/send", form);
    expect(res.status).toBe(200);
    expect(res.headers.get(PROXY_HEADER)).toBe(TRANSLATED);
    expect(await res.json()).toEqual(example(SEND, "200"));
  });

  it("a bulk send with only a destinations_file (and parameters[…]) → 200", async () => {
    const csv = new File(["+905555555555\n+905551112233\n"], "numbers.csv", { type: "text/csv" });
    const res = await post("/templates/send/bulk", toMultipart({ template_id: 1, language_id: 1, parameters: { "body-1": "Hi" }, destinations_file: csv }));
    expect(res.status).toBe(200);
    expect(res.headers.get(PROXY_HEADER)).toBe(TRANSLATED);
    expect(await res.json()).toEqual(example(BULK, "200"));
  });

  it("six attachments → 400 (maxItems 5)", async () => {
    const files = Array.from({ length: 6 }, (_, i) => png(`f${i}.png`));
    const res = await post("/messages/medias", toMultipart({ to: "+905551112233", attachments: files }));
    expect(res.status).toBe(400);
    expect(res.headers.get(PROXY_HEADER)).toBe(TRANSLATED);
    expect(violations(res)).toEqual([expect.objectContaining({ code: "maxItems", location: ["request", "body", "attachments"] })]);
  });

  it("a destination phone without + → 400 on destinations.0.phone", async () => {
    const res = await post("/templates/send", toMultipart({ template_id: 75, language_id: 2, destinations: [{ phone: "905551112233" }], attachment: png("h.png") }));
    expect(res.status).toBe(400);
    expect(violations(res)).toEqual([expect.objectContaining({ code: "pattern", location: ["request", "body", "destinations", "0", "phone"] })]);
  });

  it("a media message without `to` → 400", async () => {
    const res = await post("/messages/medias", toMultipart({ attachments: [png("a.png")] }));
    expect(res.status).toBe(400);
    expect(violations(res)).toEqual([expect.objectContaining({ code: "required", message: expect.stringContaining("'to'") })]);
  });

  it("a non-numeric template_id stays a string → 400; a text part where a file belongs → 400", async () => {
    const bad = await post("/templates/send", toMultipart({ template_id: "seventy", language_id: 2, destinations: [{ phone: "+905551112233" }] }));
    expect(bad.status).toBe(400);
    expect(violations(bad)).toEqual([expect.objectContaining({ code: "type", location: ["request", "body", "template_id"] })]);
    const text = await post("/messages/medias", toMultipart({ to: "+905551112233", attachments: ["not a file"] }));
    expect(text.status).toBe(400);
    expect(violations(text)).toEqual([expect.objectContaining({ code: "pattern", location: ["request", "body", "attachments", "0"] })]);
  });

  it("a bulk send with neither destinations nor destinations_file → 400", async () => {
    const res = await post("/templates/send/bulk", toMultipart({ template_id: 1, language_id: 1, attachment: png("h.png") }));
    expect(res.status).toBe(400);
    expect(res.headers.get(PROXY_HEADER)).toBe(TRANSLATED);
  });

  it("a multipart request without Authorization → 401", async () => {
    const res = await post("/messages/medias", toMultipart({ to: "+905551112233", attachments: [png("a.png")] }), {});
    expect(res.status).toBe(401);
    expect(res.headers.get(PROXY_HEADER)).toBe(TRANSLATED);
  });

  it("JSON requests pass through untranslated and are validated against the original JSON schemas", async () => {
    const before = proxy.stats.translated;
    const ok = await post("/templates/send", JSON.stringify({ template_id: 75, language_id: 2, destinations: [{ phone: "+905551112233" }] }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get(PROXY_HEADER)).toBeNull();
    expect(await ok.json()).toEqual(example(SEND, "200"));
    // templates.sendBulk's JSON body requires destinations (its multipart body does not).
    const noDestinations = await post("/templates/send/bulk", JSON.stringify({ template_id: 1, language_id: 1 }));
    expect(noDestinations.status).toBe(400);
    expect(noDestinations.headers.get(PROXY_HEADER)).toBeNull();
    // messages.sendMedia stays multipart-only: JSON is refused (415), the derived spec did not open it up.
    const mediaJson = await post("/messages/medias", JSON.stringify({ to: "+905551112233", attachments: ["file:a"] }));
    expect(mediaJson.status).toBe(415);
    const unauthorized = await post("/templates/send", JSON.stringify({ template_id: 75, language_id: 2, destinations: [{ phone: "+905551112233" }] }), {});
    expect(unauthorized.status).toBe(401);
    const list = await fetch(`${proxy.url}/v1/integrations?page=2`, { headers: auth });
    expect(list.status).toBe(200);
    expect(list.headers.get(PROXY_HEADER)).toBeNull();
    expect(Array.isArray(await list.json())).toBe(true);
    expect(proxy.stats.translated).toBe(before);
  });

  it("a multipart body to a JSON-only operation is forwarded as is → 415", async () => {
    const res = await post("/messages", toMultipart({ to: "+905551112233", text: "Hello" }));
    expect(res.status).toBe(415);
    expect(res.headers.get(PROXY_HEADER)).toBeNull();
  });

  it("without the proxy, Prism itself rejects the same valid bracket-notation body (why the shim exists)", async () => {
    const res = await post("/templates/send", toMultipart({ template_id: 75, language_id: 2, destinations: [{ phone: "+905551112233", parameters: { "body-1": "Ali" } }], attachment: png("h.png") }), auth, prism.url);
    expect(res.status).toBe(400);
    expect(violations(res)).toEqual([expect.objectContaining({ code: "required", message: expect.stringContaining("'destinations'") })]);
  });

  it("an unreadable multipart body → 400 from the proxy itself", async () => {
    const res = await fetch(`${proxy.url}${INTEGRATIONS}/messages/medias`, { method: "POST", headers: { ...auth, "content-type": "multipart/form-data; boundary=nope" }, body: "garbage" });
    expect(res.status).toBe(400);
    expect(res.headers.get(PROXY_HEADER)).toBe("multipart-parse-error");
  });
});

describe("proxy lifecycle", () => {
  it("stops with an open keep-alive connection and frees its port", async () => {
    const { createServer } = await import("node:http");
    const upstream = createServer((_req, res) => res.end("ok"));
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
    const port = (upstream.address() as { port: number }).port;
    const proxy = await startBracketProxy(`http://127.0.0.1:${port}`);
    try {
      const res = await fetch(`${proxy.url}/anything?q=1`, { headers: { connection: "keep-alive" } });
      expect(await res.text()).toBe("ok");
    } finally {
      await proxy.stop();
      await new Promise((r) => upstream.close(r));
    }
    await expect(fetch(`${proxy.url}/`)).rejects.toThrow();
  });
});

describe("single-page mode (the sandbox and the demo)", () => {
  // Prism answers every page of a list with the spec's example, whose next-page pointer a real
  // paginator would follow forever: with `singlePage`, the mock answers a list as its last page.
  it("drops rel=next from a Link-paged list (Desk360) and only there, and nulls a DRF next URL (wabbit)", async () => {
    const { startMockServer } = await import("../vitest/mock-server.mjs");
    // @ts-expect-error plain ESM helper without types
    const { withoutNext } = await import("../vitest/bracket-proxy.mjs");
    expect(withoutNext('<https://x/a?page=2>; rel="next", <https://x/a?page=1>; rel="first"')).toBe('<https://x/a?page=1>; rel="first"');
    expect(withoutNext("<https://x/a?page=2>; rel=next")).toBeUndefined();

    for (const [singlePage, expectNext] of [[false, true], [true, false]] as const) {
      const desk = await startMockServer({ spec: SPEC, quiet: true, singlePage });
      try {
        const login = await fetch(`${desk.url}/v1/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "a@example.com", password: "x" }) });
        expect(login.status).toBe(200);
        const list = await fetch(`${desk.url}/v1/integrations?page=1`, { headers: { authorization: "Bearer t" } });
        expect(list.status).toBe(200);
        expect(Array.isArray(await list.json())).toBe(true);
        expect(/rel="?next/.test(list.headers.get("link") ?? ""), `singlePage ${singlePage}`).toBe(expectNext);
      } finally {
        await desk.stop();
      }
    }

    // The messages list's example has a `next` URL (page 2 of the same example).
    for (const [singlePage, expectNext] of [[false, true], [true, false]] as const) {
      const wabbit = await startMockServer({ spec: join(ROOT, "specs/wabbit/openapi.yaml"), quiet: true, singlePage });
      try {
        const messages = await fetch(`${wabbit.url}/api/v1/messages/?wa_id=48123123123`, { headers: { authorization: "Token t" } });
        expect(messages.status).toBe(200);
        const body = (await messages.json()) as { next: unknown; results: unknown[] };
        expect(typeof body.next === "string", `singlePage ${singlePage}`).toBe(expectNext);
        expect(body.results.length).toBeGreaterThan(0);
        expect(Number(messages.headers.get("content-length"))).toBeGreaterThan(0);
      } finally {
        await wabbit.stop();
      }
    }
  }, 60_000);
});
