// The debug logger: one formatted line per event for a `debug` object, the structured event for a function.
import { describe, expect, it, vi } from "vitest";
import { emit } from "../src/logger.js";
import { formatLogEvent, type LogEvent } from "../src/index.js";

const base = { method: "POST", path: "/items/list", attempt: 2 } as const;

describe("logger (pinned by mutation testing)", () => {
  it("formats every event kind as one line", () => {
    expect(formatLogEvent({ ...base, event: "request" })).toBe("[inboxkit] POST /items/list attempt 2");
    expect(formatLogEvent({ ...base, event: "response", status: 200, durationMs: 12 })).toBe("[inboxkit] POST /items/list -> 200 (attempt 2, 12 ms)");
    expect(formatLogEvent({ ...base, event: "retry", waitMs: 40, status: 503, message: "ServerError: down" })).toBe("[inboxkit] POST /items/list retry in 40 ms after 503 (attempt 2)");
    expect(formatLogEvent({ ...base, event: "retry", waitMs: 40, message: "ConnectionError: reset" })).toBe("[inboxkit] POST /items/list retry in 40 ms after ConnectionError: reset (attempt 2)");
    expect(formatLogEvent({ ...base, event: "wait", waitMs: 1000, message: "rate limit" })).toBe("[inboxkit] POST /items/list waiting 1000 ms: rate limit");
    expect(formatLogEvent({ ...base, event: "error", message: "TimeoutError: slow" })).toBe("[inboxkit] POST /items/list failed: TimeoutError: slow (attempt 2)");
  });

  it("emit sends the event to a function, one line to a debug object, and nothing without a logger", () => {
    const event: LogEvent = { ...base, event: "request" };
    const fn = vi.fn();
    emit(fn, event);
    expect(fn.mock.calls).toEqual([[event]]);
    const debug = vi.fn();
    emit({ debug }, event);
    expect(debug.mock.calls).toEqual([["[inboxkit] POST /items/list attempt 2"]]);
    expect(() => emit(undefined, event)).not.toThrow();
  });
});
