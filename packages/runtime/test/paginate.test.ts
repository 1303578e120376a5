import { describe, expect, it } from "vitest";
import { createApiClient, iteratePages, nextLink, PaginationError, type OperationMeta, type PageFetcher } from "../src/index.js";
import { acme, drain, json, scriptedFetch, table, vendor, type AcmeApi } from "./fixtures.js";

const BASE = "https://api.acme.test/v1";
const query = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe("page-number pagination", () => {
  it("walks several pages and stops at an empty last page", async () => {
    const pages = [[1, 2], [3, 4], []];
    const { fetch, calls } = scriptedFetch((call) => {
      const { page } = JSON.parse(String(call.body));
      return json({ data: pages[page - 1] ?? [] });
    });
    const { items } = await drain(acme({ fetch }).items.list.iterate({ limit: 2 }));
    expect(items).toEqual([1, 2, 3, 4]);
    expect(calls.map((c) => JSON.parse(String(c.body)).page)).toEqual([1, 2, 3]);
  });

  it("stops at a short page without asking for another", async () => {
    const { fetch, calls } = scriptedFetch((call) => json({ data: JSON.parse(String(call.body)).page === 1 ? [1, 2] : [3] }));
    const { items: pages } = await drain(acme({ fetch }).items.list.pages());
    expect(pages.map((p) => [p.page, p.items])).toEqual([[1, [1, 2]], [2, [3]]]);
    expect(pages.every((p) => p.response instanceof Response && p.response.status === 200)).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it("starts at the caller's page and can be stopped early", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [1, 2] }));
    const seen = [];
    for await (const item of acme({ fetch }).items.list.iterate({ page: 5, limit: 2 })) {
      seen.push(item);
      break;
    }
    expect(seen).toEqual([1]);
    expect(calls.map((c) => JSON.parse(String(c.body)).page)).toEqual([5]);
  });

  it("stops once `total` items were seen, even when the last page is full", async () => {
    // 6 people, 3 a page: without `total` a third (empty) page would be fetched.
    const people = ["a", "b", "c", "d", "e", "f"];
    const { fetch, calls } = scriptedFetch((call) => {
      const page = Number(query(call.url).page);
      return json({ data: people.slice((page - 1) * 3, page * 3), meta: { count: people.length } });
    });
    const { items, error } = await drain(acme({ fetch }).people.list.iterate());
    expect(error).toBeUndefined();
    expect(items).toEqual(people);
    expect(calls.map((c) => query(c.url).page)).toEqual(["1", "2"]);
  });
});

describe("Link-header pagination", () => {
  it("follows rel=next until there is none", async () => {
    const { fetch, calls } = scriptedFetch((call) => {
      const page = Number(new URL(call.url).searchParams.get("page") ?? 1);
      const link = page < 3 ? `<${BASE}/events?page=${page + 1}>; rel="next", <${BASE}/events?page=1>; rel="first"` : `<${BASE}/events?page=1>; rel="first"`;
      return json({ data: [`e${page}`] }, 200, { link });
    });
    const { items } = await drain(acme({ fetch }).events.list.iterate());
    expect(items).toEqual(["e1", "e2", "e3"]);
    expect(calls.map((c) => c.url)).toEqual([`${BASE}/events`, `${BASE}/events?page=2`, `${BASE}/events?page=3`]);
  });

  it("a next link back at the same page is a PaginationError, not a loop", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [1] }, 200, { link: `<${BASE}/events?page=1>; rel="next"` }));
    const { items, error } = await drain(acme({ fetch }).events.list.iterate({ page: 1 }));
    expect(items).toEqual([1]);
    expect(error).toBeInstanceOf(PaginationError);
    expect(String(error)).toMatch(/Acme events\.list: the API pointed back at a page it already returned/);
    expect(calls).toHaveLength(1);
  });

  it("a cycle 1 → 2 → 1 whose query string keeps changing ends with a PaginationError", async () => {
    // The known bug: the URLs differ (a changing `ts`), so a URL-keyed check never saw a repeat.
    let n = 0;
    const { fetch, calls } = scriptedFetch((call) => {
      const page = Number(query(call.url).page ?? 1);
      n++;
      return json({ data: [`e${page}`] }, 200, { link: `<${BASE}/events?page=${page === 1 ? 2 : 1}&ts=${n}>; rel="next"` });
    });
    const { items, error } = await drain(acme({ fetch }).events.list.iterate());
    expect(error).toBeInstanceOf(PaginationError);
    expect(items).toEqual(["e1", "e2", "e1"]); // no page param on the first call: `page=1` is a new key once
    expect(calls).toHaveLength(3);
  });

  it("never follows a link to another origin or another path, and never fetches it", async () => {
    for (const link of [`<https://evil.test/v1/events?page=2>; rel="next"`, `<${BASE}/admin/events?page=2>; rel="next"`, `<http://api.acme.test/v1/events?page=2>; rel="next"`]) {
      const { fetch, calls } = scriptedFetch(() => json({ data: [1] }, 200, { link }));
      const { items, error } = await drain(acme({ fetch }).events.list.iterate());
      expect(items).toEqual([1]);
      expect(error).toBeInstanceOf(PaginationError);
      expect((error as Error).message).toMatch(/Acme events\.list: the next page points to .* it was not followed/);
      expect(calls.map((c) => c.url)).toEqual([`${BASE}/events`]);
    }
  });

  it("resolves a relative link against the page's URL", async () => {
    const { fetch, calls } = scriptedFetch((call) => {
      const page = Number(query(call.url).page ?? 1);
      return json({ data: [page] }, 200, page < 2 ? { link: `</v1/events?page=${page + 1}>; rel="next"` } : {});
    });
    const { items } = await drain(acme({ fetch }).events.list.iterate());
    expect(items).toEqual([1, 2]);
    expect(calls.map((c) => c.url)).toEqual([`${BASE}/events`, `${BASE}/events?page=2`]);
  });

  it("stops with a PaginationError after maxPages", async () => {
    const { fetch, calls } = scriptedFetch((call) => {
      const page = Number(query(call.url).page ?? 1);
      return json({ data: [page] }, 200, { link: `<${BASE}/events?page=${page + 1}>; rel="next"` });
    });
    const { items, error } = await drain(acme({ fetch, maxPages: 4 }).events.list.iterate());
    expect(items).toEqual([1, 2, 3, 4]);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toContain("stopped after 4 pages");
    expect(calls).toHaveLength(4);
  });

  it("parses Link headers", () => {
    expect(nextLink('<https://x/a?page=2>; rel="next"')).toBe("https://x/a?page=2");
    expect(nextLink('<https://x/a?page=1>; rel="prev", <https://x/a?page=3>; rel=next')).toBe("https://x/a?page=3");
    expect(nextLink('<https://x/a?page=3>; rel="prev next"')).toBe("https://x/a?page=3");
    expect(nextLink('<https://x/a?page=3>; rel="nextish"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});

describe("`next` URL pagination (Django REST framework)", () => {
  const posts = Array.from({ length: 5 }, (_, i) => `p${i + 1}`);
  const drf = (accountId = "7") => (call: { url: string }) => {
    const page = Number(query(call.url).page ?? 1);
    const results = posts.slice((page - 1) * 2, page * 2);
    const next = page * 2 < posts.length ? `${BASE}/accounts/${accountId}/posts?page=${page + 1}&q=x` : null;
    return json({ count: posts.length, next, previous: null, results });
  };

  it("follows `next` through the pipeline until it is null", async () => {
    const { fetch, calls } = scriptedFetch(drf());
    const { items, error } = await drain(acme({ fetch }).posts.list.iterate({ accountId: "7", q: "x" }));
    expect(error).toBeUndefined();
    expect(items).toEqual(posts);
    expect(calls.map((c) => c.url)).toEqual([`${BASE}/accounts/7/posts?q=x`, `${BASE}/accounts/7/posts?q=x&page=2`, `${BASE}/accounts/7/posts?q=x&page=3`]);
    for (const c of calls) expect(c.headers.get("authorization")).toMatch(/^Bearer /);
  });

  it("refuses a `next` on another origin: a typed error, nothing fetched there, no credential sent", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ next: "https://attacker.test/v1/accounts/7/posts?page=2", results: ["p1"] }));
    const { items, error } = await drain(acme({ fetch }).posts.list.iterate({ accountId: "7" }));
    expect(items).toEqual(["p1"]);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toBe("Acme posts.list: the next page points to https://attacker.test/v1/accounts/7/posts, which is not /accounts/{accountId}/posts on https://api.acme.test/v1; it was not followed");
    expect(calls).toHaveLength(1);
  });

  it("refuses a `next` on the same origin but another operation's path", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ next: `${BASE}/accounts/7/secrets?page=2`, results: ["p1"] }));
    const { error } = await drain(acme({ fetch }).posts.list.iterate({ accountId: "7" }));
    expect(error).toBeInstanceOf(PaginationError);
    expect(calls).toHaveLength(1);
  });

  it("a `next` that repeats a page is a PaginationError", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ next: `${BASE}/accounts/7/posts?page=2`, results: ["p"] }));
    const { items, error } = await drain(acme({ fetch }).posts.list.iterate({ accountId: "7" }));
    expect(items).toEqual(["p", "p"]);
    expect(error).toBeInstanceOf(PaginationError);
    expect(calls.map((c) => query(c.url).page)).toEqual([undefined, "2"]);
  });
});

describe("`next` URLs with opaque paging state (followQuery)", () => {
  // A provider's own paging parameters in `next` (wabbit's contacts): the caller cannot set them.
  const opaque = (call: { url: string }) => {
    const token = new URL(call.url).searchParams.get("page_token");
    if (!token) return json({ next: `${BASE}/accounts/7/posts?q=x&page_token=t2&provider=a&provider=b`, results: ["p1"] });
    if (token === "t2") return json({ next: `${BASE}/accounts/7/posts?q=x&page_token=t3`, results: ["p2"] });
    return json({ next: null, results: ["p3"] });
  };
  const withFollow = (followQuery: "all" | "declared" | undefined, fetch: typeof globalThis.fetch) =>
    createApiClient<{}, AcmeApi>(vendor, table.map((op) => (op.id === "posts.list" ? { ...op, pagination: { ...op.pagination!, ...(followQuery ? { followQuery } : {}) } } : op)), { fetch });

  it("followQuery all: the next URL's undeclared parameters are sent as they are, repeated ones included", async () => {
    const { fetch, calls } = scriptedFetch(opaque);
    const { items, error } = await drain(withFollow("all", fetch as never).posts.list.iterate({ accountId: "7", q: "x" }));
    expect(error).toBeUndefined();
    expect(items).toEqual(["p1", "p2", "p3"]);
    expect(calls.map((c) => new URL(c.url).search)).toEqual(["?q=x", "?q=x&page_token=t2&provider=a&provider=b", "?q=x&page_token=t3"]);
  });

  it("by default only declared parameters are taken: the opaque token is dropped, and the repeat is caught", async () => {
    const { fetch, calls } = scriptedFetch(opaque);
    const { items, error } = await drain(withFollow(undefined, fetch as never).posts.list.iterate({ accountId: "7", q: "x" }));
    expect(items).toEqual(["p1"]);
    expect(error).toBeInstanceOf(PaginationError);
    expect(calls).toHaveLength(1);
  });
});

describe("cursor pagination", () => {
  const logs = Array.from({ length: 7 }, (_, i) => ({ id: 100 - i })); // newest first: 100 … 94

  it("sets the cursor param from the last item of each page and stops on an empty page", async () => {
    const { fetch, calls } = scriptedFetch((call) => {
      const { before } = query(call.url);
      const older = logs.filter((l) => before === undefined || l.id < Number(before));
      return json({ data: older.slice(0, 3) });
    });
    const { items, error } = await drain(acme({ fetch }).logs.list.iterate({ limit: 3 }));
    expect(error).toBeUndefined();
    expect(items.map((l) => l.id)).toEqual([100, 99, 98, 97, 96, 95, 94]);
    expect(calls.map((c) => query(c.url).before)).toEqual([undefined, "98", "95", "94"]);
  });

  it("stops when the cursor does not change", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [{ id: 5 }] }));
    const { items, error } = await drain(acme({ fetch }).logs.list.iterate());
    expect(error).toBeUndefined();
    expect(items).toEqual([{ id: 5 }, { id: 5 }]);
    expect(calls.map((c) => query(c.url).before)).toEqual([undefined, "5"]);
  });

  it("a cursor that comes back to an earlier one (A → B → A) is a PaginationError", async () => {
    const { fetch } = scriptedFetch((call) => json({ data: [{ id: query(call.url).before === "1" ? 2 : 1 }] }));
    const { items, error } = await drain(acme({ fetch }).logs.list.iterate());
    expect(items.map((l) => l.id)).toEqual([1, 2, 1]);
    expect(error).toBeInstanceOf(PaginationError);
  });
});

describe("pagination edge cases (pinned by mutation testing)", () => {
  const extraOps: OperationMeta[] = [
    {
      id: "search.list", method: "GET", path: "/search", idempotent: true, queryParams: ["q", "page"],
      pagination: { style: "link", page: "page", items: ["data"] },
      schema: { type: "object", properties: { q: { type: "string" }, page: { type: "integer" } }, additionalProperties: false },
    },
    { id: "feed.list", method: "GET", path: "/feed", idempotent: true, queryParams: ["after"], pagination: { style: "cursor", param: "after", field: ["meta", "id"], pick: "first", items: ["data"] } },
  ];
  const client = (fetch: unknown, options: Record<string, unknown> = {}) => createApiClient<{}, any>(vendor, [...table, ...extraOps], { fetch: fetch as never, ...options });
  const paging = { baseUrl: BASE, vendor: "Acme" };
  const neverFetch: PageFetcher = async () => {
    throw new Error("fetched");
  };

  it("parses Link headers without a space after the comma or around rel's =, and multi-word rel values", () => {
    expect(nextLink('<https://x/a?page=1>; rel="prev",<https://x/a?page=3>; rel="next"')).toBe("https://x/a?page=3");
    expect(nextLink("<https://x/a?page=2>;rel=next")).toBe("https://x/a?page=2");
    expect(nextLink('<https://x/a?page=2>; rel = "next"')).toBe("https://x/a?page=2");
    expect(nextLink('<https://x/a?page=2>; rel= "next"')).toBe("https://x/a?page=2");
    expect(nextLink('<https://x/a?page=2>; rel="next last"')).toBe("https://x/a?page=2");
  });

  it("a Link header without rel=next ends the iteration cleanly", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [1] }, 200, { link: `<${BASE}/events?page=1>; rel="first"` }));
    const { items, error } = await drain(acme({ fetch }).events.list.iterate());
    expect(error).toBeUndefined();
    expect(items).toEqual([1]);
    expect(calls).toHaveLength(1);
  });

  it("the page number of a link page is undefined until a link sets it", async () => {
    const { fetch } = scriptedFetch((call) => json({ data: [1] }, 200, query(call.url).page ? {} : { link: `<${BASE}/events?page=2>; rel="next"` }));
    const { items: pages } = await drain(acme({ fetch }).events.list.pages());
    expect(pages.map((p) => p.page)).toEqual([undefined, 2]);
  });

  it("a `next` page carries no page number", async () => {
    const { fetch } = scriptedFetch(() => json({ next: null, results: ["p1"] }));
    const { items: pages } = await drain(acme({ fetch }).posts.list.pages({ accountId: "7" }));
    expect(pages.map((p) => p.page)).toEqual([undefined]);
  });

  it("link query values: integers become numbers, values that do not round-trip stay strings exactly", async () => {
    const { fetch, calls } = scriptedFetch((call) => {
      const { page } = query(call.url);
      if (page === undefined) return json({ data: [1] }, 200, { link: `<${BASE}/events?page=12>; rel="next"` });
      return json({ data: [2] });
    });
    const { items, error } = await drain(acme({ fetch }).events.list.iterate());
    expect(error).toBeUndefined();
    expect(items).toEqual([1, 2]);
    expect(calls.map((c) => c.url)).toEqual([`${BASE}/events`, `${BASE}/events?page=12`]);

    const next = scriptedFetch((call) =>
      query(call.url).page ? json({ next: null, results: ["p2"] }) : json({ next: `${BASE}/accounts/7/posts?q=007&page=12345678901234567890`, results: ["p1"] }),
    );
    const posts = await drain(acme({ fetch: next.fetch }).posts.list.iterate({ accountId: "7" }));
    expect(posts.error).toBeUndefined();
    expect(next.calls.map((c) => c.url)).toEqual([`${BASE}/accounts/7/posts`, `${BASE}/accounts/7/posts?page=12345678901234567890&q=007`]);
  });

  it("a decimal-looking link value stays a string (a string-typed param still validates)", async () => {
    const { fetch, calls } = scriptedFetch((call) => (query(call.url).page ? json({ data: ["b"] }) : json({ data: ["a"] }, 200, { link: `<${BASE}/search?q=1.5&page=2>; rel="next"` })));
    const { items, error } = await drain(client(fetch).search.list.iterate({ q: "x" }));
    expect(error).toBeUndefined();
    expect(items).toEqual(["a", "b"]);
    expect(calls.map((c) => c.url)).toEqual([`${BASE}/search?q=x`, `${BASE}/search?q=1.5&page=2`]);
  });

  // Was a bug (found by these tests): every digits-only value of a next URL became a number, so a
  // string-typed param (a search `q=2024`, a numeric-looking cursor) failed validation on page 2.
  it("a digits-only link value of a string-typed param stays a string", async () => {
    const { fetch, calls } = scriptedFetch((call) => (query(call.url).page ? json({ data: ["b"] }) : json({ data: ["a"] }, 200, { link: `<${BASE}/search?q=2024&page=2>; rel="next"` })));
    const { items, error } = await drain(client(fetch).search.list.iterate({ q: "2024" }));
    expect(error).toBeUndefined();
    expect(items).toEqual(["a", "b"]);
    expect(calls).toHaveLength(2);
  });

  it("a repeated query parameter of a next URL is sent repeated", async () => {
    const { fetch, calls } = scriptedFetch((call) =>
      query(call.url).page ? json({ next: null, results: ["p2"] }) : json({ next: `${BASE}/accounts/7/posts?q=a&q=b&page=2`, results: ["p1"] }),
    );
    const { error } = await drain(acme({ fetch }).posts.list.iterate({ accountId: "7" }));
    expect(error).toBeUndefined();
    expect(new URL(calls[1]!.url).searchParams.getAll("q")).toEqual(["a", "b"]);
  });

  it("a declared parameter missing from the next URL keeps the caller's value", async () => {
    const { fetch, calls } = scriptedFetch((call) =>
      query(call.url).page ? json({ next: null, results: ["p2"] }) : json({ next: `${BASE}/accounts/7/posts?page=2`, results: ["p1"] }),
    );
    const { error } = await drain(acme({ fetch }).posts.list.iterate({ accountId: "7", q: "x" }));
    expect(error).toBeUndefined();
    expect(calls.map((c) => c.url)).toEqual([`${BASE}/accounts/7/posts?q=x`, `${BASE}/accounts/7/posts?q=x&page=2`]);
  });

  it("a `next` that is missing or empty ends the iteration cleanly", async () => {
    for (const body of [{ results: ["p1"] }, { next: "", results: ["p1"] }]) {
      const { fetch, calls } = scriptedFetch(() => json(body));
      const { items, error } = await drain(acme({ fetch }).posts.list.iterate({ accountId: "7" }));
      expect(error).toBeUndefined();
      expect(items).toEqual(["p1"]);
      expect(calls).toHaveLength(1);
    }
  });

  it("a `next` that is not a string is a PaginationError naming the operation", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ next: 2, results: ["p1"] }));
    const { items, error } = await drain(acme({ fetch }).posts.list.iterate({ accountId: "7" }));
    expect(items).toEqual(["p1"]);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as PaginationError).message).toBe("Acme posts.list: the next page URL in the body is not a string");
    expect((error as PaginationError).request).toEqual({ operationId: "posts.list", method: "GET", path: "/accounts/{accountId}/posts" });
    expect(calls).toHaveLength(1);
  });

  it("pagination errors carry the operation as their request", async () => {
    const repeat = scriptedFetch(() => json({ data: [1] }, 200, { link: `<${BASE}/events?page=1>; rel="next"` }));
    const repeated = await drain(acme({ fetch: repeat.fetch }).events.list.iterate({ page: 1 }));
    expect((repeated.error as PaginationError).request).toEqual({ operationId: "events.list", method: "GET", path: "/events" });

    const endless = scriptedFetch((call) => json({ data: [1] }, 200, { link: `<${BASE}/events?page=${Number(query(call.url).page ?? 1) + 1}>; rel="next"` }));
    const capped = await drain(acme({ fetch: endless.fetch, maxPages: 2 }).events.list.iterate());
    expect((capped.error as PaginationError).message).toBe("Acme events.list: stopped after 2 pages (the client's maxPages)");
    expect((capped.error as PaginationError).request).toEqual({ operationId: "events.list", method: "GET", path: "/events" });

    const away = scriptedFetch(() => json({ data: [1] }, 200, { link: `<https://evil.test/v1/events?page=2>; rel="next"` }));
    const refused = await drain(acme({ fetch: away.fetch }).events.list.iterate());
    expect((refused.error as PaginationError).request).toEqual({ operationId: "events.list", method: "GET", path: "/events" });
  });

  it("page size comes from the caller's limit parameter when given", async () => {
    const people = ["a", "b", "c", "d", "e"];
    const { fetch, calls } = scriptedFetch((call) => {
      const { page, per_page } = query(call.url);
      const size = Number(per_page);
      return json({ data: people.slice((Number(page) - 1) * size, Number(page) * size) });
    });
    const { items, error } = await drain(acme({ fetch }).people.list.iterate({ per_page: 2 }));
    expect(error).toBeUndefined();
    expect(items).toEqual(people);
    expect(calls.map((c) => query(c.url).page)).toEqual(["1", "2", "3"]);
  });

  it("cursor pagination pages on string cursors, and from the first item when pick is first", async () => {
    const logs = scriptedFetch((call) => (query(call.url).before ? json({ data: [] }) : json({ data: [{ id: "b" }, { id: "a" }] })));
    const got = await drain(acme({ fetch: logs.fetch }).logs.list.iterate());
    expect(got.error).toBeUndefined();
    expect(logs.calls.map((c) => query(c.url).before)).toEqual([undefined, "a"]);

    const feed = scriptedFetch((call) => (query(call.url).after ? json({ data: [] }) : json({ data: [{ meta: { id: 9 } }, { meta: { id: 8 } }] })));
    const fed = await drain(client(feed.fetch).feed.list.iterate());
    expect(fed.error).toBeUndefined();
    expect(feed.calls.map((c) => query(c.url).after)).toEqual([undefined, "9"]);
  });

  it("a page whose cursor item has no string or number cursor is a PaginationError", async () => {
    for (const item of [{}, { id: null }, { id: { n: 1 } }, { id: true }]) {
      const { fetch, calls } = scriptedFetch(() => json({ data: [item] }));
      const { error } = await drain(acme({ fetch }).logs.list.iterate());
      expect(error).toBeInstanceOf(PaginationError);
      expect((error as PaginationError).message).toBe("Acme logs.list: the last item of the page has no id to page on");
      expect((error as PaginationError).request).toEqual({ operationId: "logs.list", method: "GET", path: "/logs" });
      expect(calls).toHaveLength(1);
    }
    const feed = scriptedFetch(() => json({ data: [{ id: 1 }] }));
    const { error } = await drain(client(feed.fetch).feed.list.iterate());
    expect((error as Error).message).toBe("Acme feed.list: the first item of the page has no meta.id to page on");
  });

  it("refuses, before fetching, an operation that does not paginate or a page/link style without its page parameter", async () => {
    const get = table.find((op) => op.id === "items.get")!;
    await expect(iteratePages(neverFetch, get, {}, paging).next()).rejects.toThrow(new TypeError("items.get does not paginate"));
    const link: OperationMeta = { id: "x.list", method: "GET", path: "/x", idempotent: true, pagination: { style: "link", items: [] } };
    await expect(iteratePages(neverFetch, link, {}, paging).next()).rejects.toThrow(new TypeError("x.list: pagination style link needs page"));
    const page: OperationMeta = { ...link, pagination: { style: "page", items: [] } };
    await expect(iteratePages(neverFetch, page, {}, paging).next()).rejects.toThrow(new TypeError("x.list: pagination style page needs page"));
    const next: OperationMeta = { ...link, pagination: { style: "next", next: ["next"], items: [] } };
    const fetchPage: PageFetcher = async () => ({ body: [], data: [], response: new Response("[]") });
    expect((await drain(iteratePages(fetchPage, next, {}, paging))).items.map((p) => p.items)).toEqual([[]]);
  });
});
