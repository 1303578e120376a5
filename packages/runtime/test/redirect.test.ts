import { describe, expect, it } from "vitest";
import { APIError, RedirectError } from "../src/index.js";
import { acme, json, scriptedFetch, SECRET } from "./fixtures.js";

const BASE = "https://api.acme.test/v1";
const redirect = (status: number, location: string) => new Response(null, { status, headers: { location, "set-cookie": "sid=1" } });
const send = { to: "+14155550100", text: "hi" };

describe("redirects", () => {
  it("asks fetch not to follow redirects", async () => {
    const { fetch } = scriptedFetch(() => json({ data: [] }));
    const seen: RequestInit[] = [];
    await acme({ fetch: (url, init) => (seen.push(init), fetch(url, init)) }).items.list({});
    expect(seen[0]?.redirect).toBe("manual");
  });

  it.each([301, 302, 303])("a %i on a send is a RedirectError: never turned into a body-less GET", async (status) => {
    const { fetch, calls } = scriptedFetch(() => redirect(status, `${BASE}/messages/elsewhere`), () => json({ data: { id: "m1" } }));
    const error = await acme({ fetch }).messages.send(send).catch((e) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status, locationOrigin: "https://api.acme.test", request: { operationId: "messages.send" } });
    expect(error.message).toMatch(/^Acme messages\.send: the API redirected \(\d+\) within https:\/\/api\.acme\.test; only 307\/308/);
    expect(calls.map((c) => c.method)).toEqual(["POST"]);
  });

  it("a 302 on a GET is not followed either", async () => {
    const { fetch, calls } = scriptedFetch(() => redirect(302, `${BASE}/items/other`));
    await expect(acme({ fetch }).items.get({ itemId: "1" })).rejects.toBeInstanceOf(RedirectError);
    expect(calls).toHaveLength(1);
  });

  it.each([307, 308])("a same-origin %i of a request safe to repeat is followed, with the same method, body and credential", async (status) => {
    const { fetch, calls } = scriptedFetch(() => redirect(status, "/v1/items/list2"), () => json({ data: [7] }));
    await expect(acme({ fetch }).items.list({ page: 2 })).resolves.toEqual([7]);
    expect(calls.map((c) => [c.method, c.url, String(c.body), c.headers.get("authorization")])).toEqual([
      ["POST", `${BASE}/items/list`, '{"page":2}', `Bearer ${SECRET}`],
      ["POST", `${BASE}/items/list2`, '{"page":2}', `Bearer ${SECRET}`],
    ]);
  });

  it("a same-origin 307 of a send is not followed (the body would arrive twice if the first got through)", async () => {
    const { fetch, calls } = scriptedFetch(() => redirect(307, `${BASE}/messages2`), () => json({ data: {} }));
    await expect(acme({ fetch }).messages.send(send)).rejects.toBeInstanceOf(RedirectError);
    expect(calls).toHaveLength(1);
  });

  it.each([302, 307, 308])("a %i to another origin is never followed: the credential stays home", async (status) => {
    const { fetch, calls } = scriptedFetch(() => redirect(status, "https://collector.evil.test/steal?x=1"), () => json({ data: [] }));
    const error = await acme({ fetch }).items.list({}).catch((e) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error.locationOrigin).toBe("https://collector.evil.test");
    expect(error.message).toContain("redirects to another origin are not followed");
    expect(error.message).not.toContain("steal");
    expect(error.headers).not.toHaveProperty("location");
    expect(error.headers).not.toHaveProperty("set-cookie");
    expect(calls.map((c) => new URL(c.url).origin)).toEqual(["https://api.acme.test"]);
  });

  it("follows at most 5 same-origin hops", async () => {
    const { fetch, calls } = scriptedFetch((_call, n) => redirect(307, `${BASE}/items/list?hop=${n}`));
    const error = await acme({ fetch }).items.list({}).catch((e) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error.message).toContain("more than 5 redirects");
    expect(calls).toHaveLength(6);
  });

  it("a browser's opaque redirect (status 0) is a RedirectError too", async () => {
    const opaque = () => {
      const r = new Response(null, { status: 200 });
      Object.defineProperties(r, { type: { value: "opaqueredirect" }, status: { value: 0 }, ok: { value: false } });
      return r;
    };
    const { fetch, calls } = scriptedFetch(opaque);
    const error = await acme({ fetch }).messages.send(send).catch((e) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ status: 0, locationOrigin: undefined });
    expect(calls).toHaveLength(1);
  });

  it("a 3xx without a Location, or a 304, is a RedirectError, not a success", async () => {
    for (const response of [new Response(null, { status: 302 }), new Response(null, { status: 304 })]) {
      const { fetch } = scriptedFetch(() => response);
      await expect(acme({ fetch }).items.get({ itemId: "1" })).rejects.toBeInstanceOf(RedirectError);
    }
  });
});
