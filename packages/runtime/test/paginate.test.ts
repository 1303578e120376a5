import { describe, expect, it } from "vitest";
import { createApiClient, nextLink, PaginationError } from "../src/index.js";
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
