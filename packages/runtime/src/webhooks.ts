/**
 * Webhook parsing driven by the spec's OpenAPI 3.1 `webhooks`: a received body is checked against
 * each documented payload schema and returned with the name of the one it matches.
 * @module
 */
import { InboxKitError, type ValidationIssue } from "./errors.js";
import { validate } from "./keywords.js";
import type { Schema } from "./validate.js";

/** One documented webhook payload. */
export interface WebhookMeta {
  /** The key under the spec's `webhooks`, e.g. `messageText`. */
  readonly name: string;
  /** The payload schema. */
  readonly schema: Schema;
}

/** The body could not be parsed as any documented webhook payload. */
export class WebhookError extends InboxKitError {
  static {
    Object.defineProperty(this.prototype, "name", { value: "WebhookError", writable: true, configurable: true, enumerable: false });
  }
  /** The problems found against the closest documented payload. */
  readonly issues: readonly ValidationIssue[];
  /** The documented payload the body came closest to, when it was JSON. */
  readonly closest: string | undefined;
  constructor(message: string, issues: readonly ValidationIssue[] = [], closest?: string) {
    super(message);
    this.issues = issues;
    this.closest = closest;
  }
}

/** A raw webhook body as a server receives it, or the already-parsed JSON. */
export type WebhookBody = string | Uint8Array | ArrayBuffer | Record<string, unknown>;

/** Options of {@link parseWebhook}. */
export interface ParseWebhookOptions {
  /**
   * The payload property whose value names the webhook (the key under the spec's `webhooks`), e.g.
   * `event` for `{"event": "message_created", …}`. With it an unknown or missing name is reported as
   * such, and the body is checked against that webhook's schema only.
   */
  readonly tag?: string;
  /** Vendor name, for messages (`Unknown Nimchat webhook event "x"`). */
  readonly vendor?: string;
}

/**
 * The JSON value of a raw webhook body (a string or bytes are parsed; anything else is taken as
 * already parsed).
 * @throws {WebhookError} when the body is not valid JSON.
 */
export function decodeWebhookBody(body: WebhookBody, vendor?: string): unknown {
  if (typeof body === "string" || body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const text = typeof body === "string" ? body : new TextDecoder().decode(body);
    try {
      return JSON.parse(text);
    } catch {
      throw new WebhookError(`The ${vendor ? `${vendor} ` : ""}webhook body is not valid JSON`);
    }
  }
  return body;
}

const describe = (issues: readonly ValidationIssue[]): string => issues.map((i) => `${i.path || "(body)"} ${i.message}`).join("; ");

/**
 * Parses a webhook body against the documented payloads. Without `tag`, the first payload (in table
 * order) the body matches wins; with `tag`, the payload named by that property is the only one tried.
 * @throws {WebhookError} when the body is not JSON, not an object, names no documented webhook, or
 * does not match the documented payload.
 */
export function parseWebhook(table: readonly WebhookMeta[], body: WebhookBody, options: ParseWebhookOptions = {}): { name: string; payload: unknown } {
  const who = options.vendor ? `${options.vendor} ` : "";
  const payload = decodeWebhookBody(body, options.vendor);
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) throw new WebhookError(`The ${who}webhook body is not a JSON object`);
  if (options.tag !== undefined) {
    const tag = options.tag;
    const names = table.map((h) => h.name);
    const value = Object.prototype.hasOwnProperty.call(payload, tag) ? (payload as Record<string, unknown>)[tag] : undefined;
    if (value === undefined) throw new WebhookError(`The ${who}webhook body has no "${tag}" (one of ${names.join(", ")})`, [{ path: tag, message: "is required" }]);
    const hook = table.find((h) => h.name === value);
    if (!hook) throw new WebhookError(`Unknown ${who}webhook ${tag} ${JSON.stringify(value)}: the documented ones are ${names.join(", ")}`, [{ path: tag, message: `must be one of ${names.join(", ")}` }]);
    const issues = validate(hook.schema, payload);
    if (issues.length) throw new WebhookError(`Malformed ${who}${hook.name} webhook: ${describe(issues)}`, issues, hook.name);
    return { name: hook.name, payload };
  }
  // The closest payload: fewest missing top-level fields (those name the kind), then fewest issues.
  let best: { name: string; issues: ValidationIssue[]; score: number } | undefined;
  for (const hook of table) {
    const issues = validate(hook.schema, payload);
    if (issues.length === 0) return { name: hook.name, payload };
    const score = issues.filter((i) => !/[.[]/.test(i.path) && i.message === "is required").length * 1000 + issues.length;
    if (!best || score < best.score) best = { name: hook.name, issues, score };
  }
  const detail = best ? `; closest is ${best.name}: ${describe(best.issues)}` : "";
  throw new WebhookError(`Unknown or malformed ${who}webhook payload${detail}`, best?.issues ?? [], best?.name);
}
