// How a non-2xx response becomes a typed error: the message, the kept params, the short text of a non-JSON body.
import { describe, expect, it } from "vitest";
import { shortText, toApiError } from "../src/api-error.js";
import { APIError, BadRequestError, RateLimitError, type OperationMeta } from "../src/index.js";
import { table, vendor } from "./fixtures.js";

const get = table.find((op) => op.id === "items.get") as OperationMeta;
const list = table.find((op) => op.id === "items.list") as OperationMeta;
const fail = (body: unknown, init: ResponseInit = { status: 400 }, params: Record<string, unknown> = { itemId: "i1" }, op = get) =>
  toApiError(vendor, op, new Response(null, init), body, params, []);

describe("toApiError (pinned by mutation testing)", () => {
  it("joins a vendor message given as a list of strings with '; '", () => {
    expect(fail({ error: { message: ["to is required", "text is too long"] } }).message).toBe("Acme items.get failed with 400: to is required; text is too long");
  });

  it("a message list that is empty or not all strings is not a message: the status text is used", () => {
    expect(fail({ error: { message: ["to is required", 7] } }, { status: 400, statusText: "Bad Request" }).message).toBe("Acme items.get failed with 400: Bad Request");
    expect(fail({ error: { message: [] } }, { status: 400, statusText: "Bad Request" }).message).toBe("Acme items.get failed with 400: Bad Request");
    expect(fail({ error: { message: { text: "x" } } }, { status: 400, statusText: "Bad Request" }).message).toBe("Acme items.get failed with 400: Bad Request");
  });

  it("falls back to the status text, then to 'request failed'; a blank text body is no message", () => {
    expect(fail("   ", { status: 502, statusText: "Bad Gateway" }).message).toBe("Acme items.get failed with 502: Bad Gateway");
    expect(fail(undefined, { status: 502 }).message).toBe("Acme items.get failed with 502: request failed");
  });

  it("a non-finite numeric code is no code", () => {
    const error = fail({ error: { code: Infinity, message: "nope" } });
    expect(error.code).toBeUndefined();
    expect(error.message).toBe("Acme items.get failed with 400: nope");
  });

  it("keeps only the path and query params the caller set (own, not undefined)", () => {
    const params = Object.assign(Object.create({ expand: true }) as Record<string, unknown>, { itemId: "i1", text: "body field" });
    expect(fail({}, { status: 404 }, params).request?.params).toStrictEqual({ itemId: "i1" });
    expect(fail({}, { status: 404 }, { itemId: "i1", expand: undefined }).request?.params).toStrictEqual({ itemId: "i1" });
    expect(fail({}, { status: 400 }, { page: 2 }, list).request?.params).toStrictEqual({});
  });

  it("a 429 is a RateLimitError with the Retry-After wait; other statuses their class", () => {
    const limited = toApiError(vendor, get, new Response(null, { status: 429, headers: { "retry-after": "3" } }), {}, {}, []);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfterMs).toBe(3000);
    expect(fail({})).toBeInstanceOf(BadRequestError);
    expect(fail({}, { status: 418 }).constructor).toBe(APIError);
  });
});

describe("shortText (pinned by mutation testing)", () => {
  it("plain text is kept as is (entities and angle brackets included), whitespace collapsed", () => {
    expect(shortText("a &amp; b  <b> c\n", "text/plain")).toBe("a &amp; b <b> c");
    expect(shortText("x < y", null)).toBe("x < y");
  });

  it("an HTML content type is stripped of tags even when the body does not start with '<'", () => {
    expect(shortText("Oops <b>bad</b> &amp; worse", "text/html; charset=utf-8")).toBe("Oops bad & worse");
  });

  it("a body starting with '<' (after any whitespace) is HTML whatever the content type", () => {
    expect(shortText("<html><title>Down</title></html>", null)).toBe("Down");
    expect(shortText("  \n <p>hi</p>", null)).toBe("hi");
  });

  it("uses a <title> with attributes; a blank title falls back to the page's text", () => {
    expect(shortText('<html><title lang="en">Maintenance</title><body>other</body></html>', null)).toBe("Maintenance");
    expect(shortText("<html><title> </title><h1>Broken</h1></html>", null)).toBe("Broken");
  });

  it("drops scripts and styles, separates tags by a space and decodes the common entities", () => {
    const page = "<html><head><style>body { color: red }</style><script>var a = 1;\nrun();</script></head><body><p>Hello</p><p>World</p>a<script>x</script>b</body></html>";
    expect(shortText(page, null)).toBe("Hello World a b");
    expect(shortText("<p>a&nbsp;b &amp; c &lt;d&gt;</p>", null)).toBe("a b & c <d>");
  });

  it("cuts a text longer than max to max characters ending in '…'", () => {
    expect(shortText("abcdef", null, 5)).toBe("abcd…");
    expect(shortText("abcde", null, 5)).toBe("abcde");
  });
});
