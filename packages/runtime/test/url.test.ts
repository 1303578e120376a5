// Base URLs and request paths: nothing is sent outside the client's base URL, and a path parameter
// can never change the path.
import { describe, expect, it } from "vitest";
import { checkBaseUrl, isLoopback, ValidationError } from "../src/index.js";
import { isOperationUrl, pathIssues } from "../src/url.js";
import { acme, json, scriptedFetch } from "./fixtures.js";

const issues = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return (e as ValidationError).issues;
  }
  return [];
};

describe("baseUrl", () => {
  it("refuses user:password@ without echoing the password", () => {
    const password = "hunter2-very-secret";
    let error: unknown;
    try {
      acme({ baseUrl: `https://admin:${password}@api.acme.test/v1` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error)).toContain("must not contain a user name or password");
    expect(JSON.stringify(error) + String(error)).not.toContain(password);
    expect(() => acme({ baseUrl: `https://${password} @x` })).toThrow(ValidationError);
    try {
      acme({ baseUrl: `https://user:${password}@ bad` });
    } catch (e) {
      expect(String(e)).not.toContain(password);
    }
  });

  it("refuses a query string or a fragment", () => {
    expect(issues(() => acme({ baseUrl: "https://api.acme.test/v1?key=1" }))).toEqual([{ path: "baseUrl", message: "must not have a query string or a fragment" }]);
    expect(() => acme({ baseUrl: "https://api.acme.test/v1#x" })).toThrow(/query string or a fragment/);
    expect(() => acme({ baseUrl: "https://api.acme.test/v1?" })).toThrow(/query string or a fragment/);
  });

  it("allows plain http only for exact loopback hosts", () => {
    for (const ok of ["http://localhost:4010", "http://127.0.0.1", "http://127.255.0.9:1", "http://[::1]:8080"]) expect(() => checkBaseUrl(ok)).not.toThrow();
    for (const bad of ["http://localhost.evil.com", "http://127.0.0.1.nip.io", "http://evil-localhost", "http://128.0.0.1", "http://[::2]", "http://0.0.0.0"]) {
      expect(() => checkBaseUrl(bad), bad).toThrow(/must use https/);
    }
    expect(isLoopback("LOCALHOST")).toBe(true);
  });

  it("normalises: trailing slashes go, the path stays", () => {
    expect(checkBaseUrl("https://API.acme.test:443/v1//")).toBe("https://api.acme.test/v1");
  });
});

describe("path parameters", () => {
  it.each(["..", "."])("refuses %j as a path parameter, before sending", async (value) => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const error = await acme({ fetch }).items.get({ itemId: value }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([{ path: "itemId", message: 'must not be "." or ".." (it would change the request path)' }]);
    expect(calls).toHaveLength(0);
  });

  it("refuses percent-encoded dot segments in a raw path (URL parsers treat %2e%2e as ..)", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const raw = acme({ fetch }).raw as unknown as { GET: (p: string, i?: unknown) => Promise<unknown> };
    for (const path of ["/items/%2e%2e", "/items/.%2E", "/files/%2E"]) await expect(raw.GET(path)).rejects.toThrow(/must not be "\." or "\.\."/);
    expect(calls).toHaveLength(0);
    // In a parameter, "%2e%2e" is a literal: the client encodes it (%252e%252e), so it cannot climb.
    await acme({ fetch }).items.get({ itemId: "%2e%2e" });
    expect(calls[0]?.url).toBe("https://api.acme.test/v1/items/%252e%252e");
  });

  it("refuses empty path parameters and unfilled templates in raw calls", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const client = acme({ fetch });
    await expect(client.items.get({ itemId: "" })).rejects.toThrow(/itemId: must not be empty/);
    const raw = client.raw as unknown as { GET: (p: string, i?: unknown) => Promise<unknown> };
    await expect(raw.GET("/items/{itemId}")).rejects.toThrow(/itemId: is required/);
    await expect(raw.GET("/items/{itemId}", { params: { path: { itemId: ".." } } })).rejects.toThrow(/itemId: must not be "\." or "\.\."/);
    expect(calls).toHaveLength(0);
  });

  it("a raw call cannot point the client at another origin", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const raw = acme({ fetch }).raw as unknown as { GET: (p: string, i?: unknown) => Promise<unknown> };
    await expect(raw.GET("/items/1", { baseUrl: "https://evil.test" })).rejects.toThrow(/must be under the client's baseUrl/);
    expect(calls).toHaveLength(0);
  });

  it("ordinary values are encoded and sent", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    await acme({ fetch }).items.get({ itemId: "a..b" });
    await acme({ fetch }).items.get({ itemId: "../x" });
    expect(calls.map((c) => c.url)).toEqual(["https://api.acme.test/v1/items/a..b", "https://api.acme.test/v1/items/..%2Fx"]);
  });
});

// The URL rules one by one (survivors of a mutation run: the tests above pinned outcomes of calls).
describe("the URL rules themselves", () => {
  const baseUrlIssue = (url: string) => {
    try {
      checkBaseUrl(url);
    } catch (e) {
      expect(ValidationError.is(e)).toBe(true);
      expect((e as ValidationError).message).toMatch(/^Invalid client options/);
      return (e as ValidationError).issues;
    }
    return [];
  };

  it("loopback is exactly localhost, [::1] or a valid 127.x.y.z", () => {
    for (const host of ["localhost", "LOCALHOST", "[::1]", "127.0.0.1", "127.255.255.255", "127.1.20.199", "127.249.0.9"]) expect(isLoopback(host), host).toBe(true);
    for (const host of ["127.0.0.256", "127.0.0", "127.0.0.1.evil.test", "x127.0.0.1", "128.0.0.1", "127.300.0.1", "127.a.0.1", "localhost.evil.test", "::1", "0.0.0.0"]) expect(isLoopback(host), host).toBe(false);
  });

  it("a base URL: absolute, https unless loopback, no query, no fragment; normalised without trailing slashes", () => {
    expect(checkBaseUrl("https://api.example.test/v1//")).toBe("https://api.example.test/v1");
    expect(checkBaseUrl("http://127.0.0.1:4010")).toBe("http://127.0.0.1:4010");
    expect(baseUrlIssue("http://api.example.test")).toEqual([{ path: "baseUrl", message: "must use https (plain http is allowed only for localhost / 127.0.0.1 / [::1])" }]);
    expect(baseUrlIssue("ftp://127.0.0.1")).toEqual([{ path: "baseUrl", message: "must use https (plain http is allowed only for localhost / 127.0.0.1 / [::1])" }]);
    for (const url of ["https://api.example.test/v1?x=1", "https://api.example.test/v1#top", "https://api.example.test/v1?"]) {
      expect(baseUrlIssue(url), url).toEqual([{ path: "baseUrl", message: "must not have a query string or a fragment" }]);
    }
    expect(baseUrlIssue("not a url")).toEqual([{ path: "baseUrl", message: 'is not an absolute URL: "not a url"' }]);
    // The message of a relative URL with a user name never shows it.
    expect(baseUrlIssue("//me:pw@host/x")).toEqual([{ path: "baseUrl", message: 'is not an absolute URL: "//host/x"' }]);
  });

  it("isOperationUrl: the origin, then the base path, then the template", () => {
    const base = "https://api.example.test/v1/";
    const t = "/items/{id}";
    expect(isOperationUrl(new URL("https://api.example.test/v1/items/42"), base, t)).toBe(true);
    expect(isOperationUrl(new URL("https://api.example.test/v1/items/42/x"), base, t)).toBe(false);
    expect(isOperationUrl(new URL("https://api.example.test/v2/items/42"), base, t)).toBe(false);
    expect(isOperationUrl(new URL("https://api.example.test/v1items/42"), "https://api.example.test/v1", t)).toBe(false);
    expect(isOperationUrl(new URL("https://other.test/v1/items/42"), base, t)).toBe(false);
    expect(isOperationUrl(new URL("https://api.example.test/items/42"), "https://api.example.test", t)).toBe(true);
  });

  it("pathIssues: under the base URL, no dot segments, no unfilled or empty parameter, each named", () => {
    const base = "https://api.example.test/v1";
    expect(pathIssues(`${base}/items/42?x=1`, base, "/items/{id}")).toEqual([]);
    expect(pathIssues(base, base, undefined)).toEqual([]);
    expect(pathIssues(`${base}?q=1`, base, undefined)).toEqual([]);
    expect(pathIssues("https://api.example.test/v10/items", base, "/items")).toEqual([{ path: "url", message: `must be under the client's baseUrl ${base}; credentials are never sent anywhere else` }]);
    expect(pathIssues(`https://evil.test/?u=${base}?`, base, "/items")).toHaveLength(1);
    expect(pathIssues(`${base}/items/..`, base, "/items/{id}")).toEqual([{ path: "id", message: 'must not be "." or ".." (it would change the request path)' }]);
    expect(pathIssues(`${base}/items/%2E%2e`, base, "/items/{id}")).toEqual([{ path: "id", message: 'must not be "." or ".." (it would change the request path)' }]);
    expect(pathIssues(`${base}/items/a..`, base, "/items/{id}")).toEqual([]);
    expect(pathIssues(`${base}/items/...`, base, "/items/{id}")).toEqual([]);
    expect(pathIssues(`${base}/../items`, base, undefined)).toEqual([{ path: "path", message: 'must not be "." or ".." (it would change the request path)' }]);
    expect(pathIssues(`${base}/items/{id}`, base, "/items/{id}")).toEqual([{ path: "id", message: "is required (path parameter)" }]);
    expect(pathIssues(`${base}/items/x{}`, base, "/items/{id}")).toEqual([{ path: "id", message: "is required (path parameter)" }]);
    expect(pathIssues(`${base}/items/`, base, "/items/{id}")).toEqual([{ path: "id", message: "must not be empty (path parameter)" }]);
    expect(pathIssues(`${base}/items/`, base, "/items/x")).toEqual([]);
  });
});
