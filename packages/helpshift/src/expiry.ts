/**
 * The `expiry` helper: builds the `{time, viewcount}` map of `webchat.createLink` from a duration,
 * a `Date` or a view count, and checks it the way Helpshift needs it (a time in the future).
 * @module
 */
import { ValidationError, type ValidationIssue } from "@inboxkit/runtime";
import type { components } from "./generated/schema.js";

/** The `expiry` field of `webchat.createLink`: `{ time?, viewcount? }`. */
export type Expiry = components["schemas"]["Expiry"];

/** A relative expiry: a positive whole number followed by `m` (minutes), `h` (hours) or `d` (days), e.g. `"30m"`, `"6h"`, `"7d"`. */
export type ExpiryDuration = `${number}${"m" | "h" | "d"}`;

/** What {@link expiry} accepts as an object: a time (absolute `at` or relative `after`), a view count, or both. */
export interface ExpiryOptions {
  /** Absolute expiry time: a `Date`, or a Unix timestamp in milliseconds. Must be in the future. */
  readonly at?: Date | number;
  /** Relative expiry, counted from when Helpshift receives the request: `"30m"`, `"6h"`, `"7d"`. */
  readonly after?: ExpiryDuration;
  /** The link expires after it has been viewed this many times (1 to 32767). */
  readonly views?: number;
}

/** Largest view count Helpshift accepts (the spec's `Expiry.viewcount.maximum`). */
export const MAX_VIEWCOUNT = 32767;
/** A relative expiry (the spec's pattern of `Expiry.time` as a string). */
export const DURATION_PATTERN = /^[1-9][0-9]*[mhd]$/;
// Timestamps below this are (almost certainly) seconds, not milliseconds: 1e11 ms is in 1973.
const SECONDS_LIMIT = 1e11;

/**
 * Builds the `expiry` of `webchat.createLink`. Without it Helpshift expires a link after 24 hours,
 * with unlimited views.
 *
 * ```ts
 * expiry("2h");                               // { time: "2h" }: two hours from now
 * expiry(new Date("2030-01-01T00:00:00Z"));   // { time: 1893456000000 }
 * expiry({ views: 10 });                      // { viewcount: 10 }
 * expiry({ after: "7d", views: 1 });          // { time: "7d", viewcount: 1 }: a one-time link, valid a week
 * expiry({ at: Date.now() + 3_600_000, views: 3 });
 * ```
 *
 * @throws {ValidationError} for a malformed duration, an invalid `Date`, a time that is not in the
 * future, both `at` and `after`, a view count outside 1..32767, or nothing at all.
 */
export function expiry(when: ExpiryDuration | Date | ExpiryOptions): Expiry {
  const options: ExpiryOptions = typeof when === "string" ? { after: when } : when instanceof Date ? { at: when } : (when ?? {});
  const issues: ValidationIssue[] = [];
  const out: { time?: number | string; viewcount?: number } = {};
  if (options.at !== undefined && options.after !== undefined) issues.push({ path: "expiry", message: "takes either `at` or `after`, not both" });
  if (options.at !== undefined) {
    const ms = options.at instanceof Date ? options.at.getTime() : options.at;
    if (typeof ms !== "number" || !Number.isInteger(ms)) issues.push({ path: "expiry.at", message: "must be a valid Date or a whole Unix timestamp in milliseconds" });
    else out.time = ms;
  } else if (options.after !== undefined) out.time = options.after;
  if (options.views !== undefined) out.viewcount = options.views;
  if (out.time === undefined && out.viewcount === undefined && issues.length === 0) {
    issues.push({ path: "expiry", message: "needs a time (a duration such as \"2h\", or a Date) and/or `views`" });
  }
  if (typeof out.time === "string" && !DURATION_PATTERN.test(out.time)) {
    issues.push({ path: "expiry.after", message: `must be a positive whole number followed by m, h or d, e.g. "30m", "6h", "7d" (got ${JSON.stringify(out.time)})` });
  }
  if (out.viewcount !== undefined && (!Number.isInteger(out.viewcount) || out.viewcount < 1 || out.viewcount > MAX_VIEWCOUNT)) {
    issues.push({ path: "expiry.views", message: `must be a whole number from 1 to ${MAX_VIEWCOUNT} (got ${String(out.viewcount)})` });
  }
  issues.push(...checkExpiryTime(out, "expiry").map((i) => ({ ...i, path: "expiry.at" })));
  if (issues.length) throw new ValidationError(issues, { subject: "Helpshift expiry" });
  return out;
}

/**
 * The check the spec cannot express: an absolute expiry time must be in the future (and an expiry is
 * a map, not a `Date`). Returns the issues found; the client runs it before sending, on objects and on
 * already JSON-encoded strings alike.
 */
export function checkExpiryTime(value: unknown, path: string, now: number = Date.now()): ValidationIssue[] {
  if (value instanceof Date) return [{ path, message: "must be an object { time?, viewcount? }, not a Date: use expiry(date)" }];
  if (value === null || typeof value !== "object") return []; // the schema reports the type
  const { time } = value as { time?: unknown };
  if (typeof time !== "number" || !Number.isFinite(time) || time > now) return [];
  const hint = time > 0 && time < SECONDS_LIMIT && time * 1000 > now ? "; this looks like seconds, Helpshift wants milliseconds" : "";
  const shown = Math.abs(time) <= 8.64e15 ? new Date(time).toISOString() : String(time);
  return [{ path: `${path}.time`, message: `must be in the future (got ${shown}${hint})` }];
}
