import { describe, expect, it } from "vitest";
import { follow as followHistory, iterateHistory, PaginationError, type PageFetcher } from "../src/index.js";
import { acme, drain, json, scriptedFetch, table, type Call } from "./fixtures.js";

interface Message {
  payload: { id: string; timestamp: number | string };
}

/**
 * A chat server: newest first (time, then insertion, descending), `before_time` exclusive,
 * `since_time` inclusive, `offset` and `limit`. `onRequest` may add messages between requests.
 */
function chatServer(times: number[], opts: { asString?: boolean; ignoreOffset?: boolean; onRequest?: (n: number, add: (time: number) => string) => void } = {}) {
  const messages: { id: string; time: number; seq: number }[] = [];
  const add = (time: number): string => {
    const id = `m${messages.length + 1}`;
    messages.push({ id, time, seq: messages.length });
    return id;
  };
  for (const t of times) add(t);
  const ordered = () => [...messages].sort((a, b) => b.time - a.time || b.seq - a.seq);
  let n = 0;
  const { fetch, calls } = scriptedFetch((call: Call) => {
    const q = new URL(call.url).searchParams;
    const before = q.get("before_time");
    const since = q.get("since_time");
    const offset = opts.ignoreOffset ? 0 : Number(q.get("offset") ?? 0);
    const limit = Number(q.get("limit") ?? 50);
    const window = ordered().filter((m) => (before === null || m.time < Number(before)) && (since === null || m.time >= Number(since)));
    const page = window.slice(offset, offset + limit);
    opts.onRequest?.(++n, add);
    const results: Message[] = page.map((m) => ({ payload: { id: m.id, timestamp: opts.asString ? String(m.time) : m.time } }));
    return json({ results });
  });
  const newestFirst = (filter: (m: { time: number }) => boolean = () => true) => ordered().filter(filter).map((m) => m.id);
  return { fetch, calls, add, newestFirst, params: () => calls.map((c) => Object.fromEntries(new URL(c.url).searchParams)) };
}

const ids = (items: Message[]) => items.map((m) => m.payload.id);
// Ties across every page boundary at limit 3: five messages at 99, four at 97.
const TIMES = [96, 96, 97, 97, 97, 97, 98, 99, 99, 99, 99, 99, 100];

describe("iterateHistory", () => {
  it("walks newest to oldest with many messages sharing timestamps across page boundaries", async () => {
    const server = chatServer(TIMES);
    const { items, error } = await drain(acme({ fetch: server.fetch }).chats.history.iterateHistory({ chatId: "c1", limit: 3 }));
    expect(error).toBeUndefined();
    expect(ids(items)).toEqual(["m13", "m12", "m11", "m10", "m9", "m8", "m7", "m6", "m5", "m4", "m3", "m2", "m1"]);
    expect(ids(items)).toEqual(server.newestFirst());
  });

  it("sends the exact windows: before = oldest + 1, offset = items at that time already returned", async () => {
    const server = chatServer(TIMES);
    await drain(acme({ fetch: server.fetch }).chats.history.iterateHistory({ chatId: "c1", limit: 3 }));
    expect(server.params().map((p) => `${p.before_time ?? "-"}/${p.offset ?? "-"}/${p.limit}`)).toEqual([
      "-/-/3", // m13@100 m12@99 m11@99
      "100/2/3", // m10@99 m9@99 m8@99 (same window as the next: all at 99)
      "100/5/3", // m7@98 m6@97 m5@97
      "98/2/3", // m4@97 m3@97 m2@96
      "97/1/3", // m1@96 -> short page, done
    ]);
  });

  it("does not include messages that arrive during the walk (they are newer than its start)", async () => {
    const server = chatServer(TIMES, { onRequest: (n, add) => n <= 2 && (add(101), add(101)) });
    const snapshot = server.newestFirst();
    const { items } = await drain(acme({ fetch: server.fetch }).chats.history.iterateHistory({ chatId: "c1", limit: 3 }));
    expect(ids(items)).toEqual(snapshot);
  });

  it("a message arriving at the boundary timestamp shifts the offsets: nothing repeated, nothing of the walk skipped", async () => {
    // After the first page (boundary 99), a new message at 99 goes in front of the 99s.
    const server = chatServer(TIMES, { onRequest: (n, add) => n === 1 && add(99) });
    const { items } = await drain(acme({ fetch: server.fetch }).chats.history.iterateHistory({ chatId: "c1", limit: 3 }));
    expect(ids(items)).toEqual(["m13", "m12", "m11", "m10", "m9", "m8", "m7", "m6", "m5", "m4", "m3", "m2", "m1"]);
    expect(new Set(ids(items)).size).toBe(items.length);
  });

  it("pages of exactly `limit`: one more request finds the end", async () => {
    const server = chatServer([10, 11, 12, 13, 14, 15]);
    const { items } = await drain(acme({ fetch: server.fetch }).chats.history.iterateHistory({ chatId: "c1", limit: 3 }));
    expect(ids(items)).toEqual(["m6", "m5", "m4", "m3", "m2", "m1"]);
    expect(server.params().map((p) => `${p.before_time ?? "-"}/${p.offset ?? "-"}`)).toEqual(["-/-", "14/1", "11/1"]);
  });

  it("starts from the caller's `before` (exclusive), reads string timestamps numerically, and sends limit 20 by default", async () => {
    const times = Array.from({ length: 45 }, (_, i) => 1_700_000_000 + Math.floor(i / 4));
    const server = chatServer(times, { asString: true });
    const before = 1_700_000_010;
    const { items } = await drain(acme({ fetch: server.fetch }).chats.history.iterateHistory({ chatId: "c1", before_time: before }));
    expect(ids(items)).toEqual(server.newestFirst((m) => m.time < before));
    expect(server.params()[0]).toMatchObject({ before_time: String(before), limit: "20" });
  });

  it("a server that ignores offset cannot loop: PaginationError", async () => {
    const server = chatServer([5, 5, 5, 5, 5, 5], { ignoreOffset: true });
    const { items, error } = await drain(acme({ fetch: server.fetch }).chats.history.iterateHistory({ chatId: "c1", limit: 3 }));
    expect(ids(items)).toEqual(["m6", "m5", "m4"]);
    expect(error).toBeInstanceOf(PaginationError);
    expect(server.calls).toHaveLength(2);
  });
});

describe("follow", () => {
  it("yields everything at or after `since`, oldest first, each once", async () => {
    const server = chatServer(TIMES);
    const { items, error } = await drain(acme({ fetch: server.fetch }).chats.history.follow({ chatId: "c1", since_time: 97, limit: 3 }));
    expect(error).toBeUndefined();
    expect(ids(items)).toEqual(["m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13"]);
    for (const p of server.params()) expect(p.since_time).toBe("97");
  });

  it("messages arriving while it pages neither duplicate nor hide the window it started with", async () => {
    const server = chatServer(TIMES, { onRequest: (n, add) => n === 2 && add(99) });
    const { items } = await drain(acme({ fetch: server.fetch }).chats.history.follow({ chatId: "c1", since_time: 99, limit: 2 }));
    expect(ids(items)).toEqual(["m8", "m9", "m10", "m11", "m12", "m13"]);
  });

  it("pages of exactly `limit`", async () => {
    const server = chatServer([1, 2, 3, 4]);
    const { items } = await drain(acme({ fetch: server.fetch }).chats.history.follow({ chatId: "c1", since_time: 1, limit: 2 }));
    expect(ids(items)).toEqual(["m1", "m2", "m3", "m4"]);
    expect(server.calls).toHaveLength(3);
  });
});

describe("time cursors (pinned by mutation testing)", () => {
  const msg = (id: string | number | undefined, timestamp: unknown) => ({ payload: id === undefined ? { timestamp } : { id, timestamp } });
  /** Answers the pages in order (the last one again past the end). */
  const pages = (...bodies: unknown[][]) => scriptedFetch(...bodies.map((results) => () => json({ results })));
  const history = (fetch: unknown, params: Record<string, unknown> = {}) => acme({ fetch: fetch as never }).chats.history.iterateHistory({ chatId: "c1", ...params });
  const follow = (fetch: unknown, params: Record<string, unknown> = {}) => acme({ fetch: fetch as never }).chats.history.follow({ chatId: "c1", ...params });
  const paramsOf = (calls: Call[]) => calls.map((c) => Object.fromEntries(new URL(c.url).searchParams));
  const REQUEST = { operationId: "chats.history", method: "GET", path: "/chats/{chatId}/messages" };

  it("refuses an operation without a time cursor with a TypeError naming it", async () => {
    const get = table.find((op) => op.id === "items.get")!;
    const fetchPage: PageFetcher = async () => {
      throw new Error("fetched");
    };
    const paging = { baseUrl: "https://api.acme.test/v1", vendor: "Acme" };
    await expect(iterateHistory(fetchPage, get, {}, paging).next()).rejects.toThrow(new TypeError("items.get does not page by time"));
    await expect(followHistory(fetchPage, get, {}, paging).next()).rejects.toThrow(new TypeError("items.get does not page by time"));
  });

  it("an item without an integer timestamp is a PaginationError naming the operation and the field", async () => {
    for (const timestamp of [undefined, true, 1.5, "1e3", "12abc", "0x10", ""]) {
      const { fetch } = pages([msg("a", timestamp)]);
      const { items, error } = await drain(history(fetch));
      expect(items).toEqual([]);
      expect(error).toBeInstanceOf(PaginationError);
      expect((error as PaginationError).message).toBe("Acme chats.history: an item has no integer timestamp at payload.timestamp");
      expect((error as PaginationError).request).toEqual(REQUEST);
    }
  });

  it("reads a string timestamp with surrounding spaces, or negative, as an integer", async () => {
    const { fetch } = pages([msg("a", " 12 "), msg("b", "-3")]);
    const { items, error } = await drain(follow(fetch));
    expect(error).toBeUndefined();
    expect(items.map((m) => m.payload.id)).toEqual(["b", "a"]);
  });

  it("a limit that is not a positive integer falls back to 20", async () => {
    for (const limit of [0, 2.5, -1]) {
      const { fetch, calls } = pages([]);
      await drain(history(fetch, { limit }));
      expect(paramsOf(calls)[0]!.limit).toBe("20");
    }
  });

  it("the error of a server that ignores offset names the offset parameter", async () => {
    const { fetch } = pages([msg("a", 5), msg("b", 5)]);
    const { items, error } = await drain(history(fetch, { limit: 2 }));
    expect(items.map((m) => m.payload.id)).toEqual(["a", "b"]);
    expect((error as PaginationError).message).toBe("Acme chats.history: a full page held only items already returned (does the API honour offset?)");
    expect((error as PaginationError).request).toEqual(REQUEST);
  });

  it("an item returned again within one long boundary window (unstable order) is not yielded again, numeric ids included", async () => {
    // Every page after the first is in the window before=6 (all at 5): the ids seen at 5 on every earlier page are remembered.
    for (const [a, b, c, d, e] of [["a", "b", "c", "d", "e"], [1, 2, 3, 4, 5]]) {
      const { fetch, calls } = pages([msg(a, 6), msg(b, 5)], [msg(c, 5), msg(d, 5)], [msg(b, 5), msg(e, 4)], []);
      const { items, error } = await drain(history(fetch, { limit: 2 }));
      expect(error).toBeUndefined();
      expect(items.map((m) => m.payload.id)).toEqual([a, b, c, d, e]);
      expect(paramsOf(calls).map((p) => `${p.before_time ?? "-"}/${p.offset ?? "-"}`)).toEqual(["-/-", "6/1", "6/3", "5/1"]);
    }
  });

  it("follow yields every item without an id, and an item with an id once", async () => {
    const noIds = pages([msg(undefined, 3), msg(undefined, 2), msg(undefined, 1)]);
    expect((await drain(follow(noIds.fetch, { limit: 5 }))).items.map((m) => m.payload.timestamp)).toEqual([1, 2, 3]);

    const twice = pages([msg("a", 6), msg("a", 6)], []);
    const { items, error } = await drain(follow(twice.fetch, { limit: 2 }));
    expect(error).toBeUndefined();
    expect(items).toEqual([msg("a", 6)]);
  });

  it("follow sorts by time even when the server's page is out of order (ties keep oldest-first order)", async () => {
    const { fetch } = pages([msg("a", 3), msg("b", 1), msg("c", 2), msg("d", 2)]);
    const { items, error } = await drain(follow(fetch, { limit: 10 }));
    expect(error).toBeUndefined();
    expect(items.map((m) => m.payload.id)).toEqual(["b", "d", "c", "a"]);
  });
});
