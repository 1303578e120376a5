import { describe, expect, it } from "vitest";
import { nextLink } from "../src/index.js";
import { acme, json, scriptedFetch } from "./fixtures.js";

describe("page-number pagination", () => {
  it("walks several pages and stops at an empty last page", async () => {
    const pages = [[1, 2], [3, 4], []];
    const { fetch, calls } = scriptedFetch((call) => {
      const { page } = JSON.parse(String(call.body));
      return json({ data: pages[page - 1] ?? [] });
    });
    const items = [];
    for await (const item of acme({ fetch }).items.list.iterate({ limit: 2 })) items.push(item);
    expect(items).toEqual([1, 2, 3, 4]);
    expect(calls.map((c) => JSON.parse(String(c.body)).page)).toEqual([1, 2, 3]);
  });

  it("stops at a short page without asking for another", async () => {
    const { fetch, calls } = scriptedFetch((call) => json({ data: JSON.parse(String(call.body)).page === 1 ? [1, 2] : [3] }));
    const seen = [];
    for await (const page of acme({ fetch }).items.list.pages()) seen.push(page);
    expect(seen.map((p) => [p.page, p.items])).toEqual([[1, [1, 2]], [2, [3]]]);
    expect(calls).toHaveLength(2);
  });

  it("starts at the caller's page and can be stopped early", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [1, 2] }));
    for await (const item of acme({ fetch }).items.list.iterate({ page: 5, limit: 2 })) {
      expect(item).toBe(1);
      break;
    }
    expect(calls.map((c) => JSON.parse(String(c.body)).page)).toEqual([5]);
  });
});

describe("Link-header pagination", () => {
  it("follows rel=next until there is none", async () => {
    const { fetch, calls } = scriptedFetch((call) => {
      const page = Number(new URL(call.url).searchParams.get("page") ?? 1);
      const link = page < 3 ? `<https://api.acme.test/v1/events?page=${page + 1}>; rel="next", <https://api.acme.test/v1/events?page=1>; rel="first"` : `<https://api.acme.test/v1/events?page=1>; rel="first"`;
      return json({ data: [`e${page}`] }, 200, { link });
    });
    const items = [];
    for await (const item of acme({ fetch }).events.list.iterate()) items.push(item);
    expect(items).toEqual(["e1", "e2", "e3"]);
    expect(calls.map((c) => c.url)).toEqual(["https://api.acme.test/v1/events", "https://api.acme.test/v1/events?page=2", "https://api.acme.test/v1/events?page=3"]);
  });

  it("stops if the next link points back at the same page", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [1] }, 200, { link: '<https://api.acme.test/v1/events?page=1>; rel="next"' }));
    const items = [];
    for await (const item of acme({ fetch }).events.list.iterate({ page: 1 })) items.push(item);
    expect(calls).toHaveLength(1);
  });

  it("parses Link headers", () => {
    expect(nextLink('<https://x/a?page=2>; rel="next"')).toBe("https://x/a?page=2");
    expect(nextLink('<https://x/a?page=1>; rel="prev", <https://x/a?page=3>; rel=next')).toBe("https://x/a?page=3");
    expect(nextLink('<https://x/a?page=3>; rel="prev next"')).toBe("https://x/a?page=3");
    expect(nextLink('<https://x/a?page=3>; rel="nextish"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});
