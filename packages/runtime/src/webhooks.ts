/**
 * Webhook parsing driven by the spec's OpenAPI 3.1 `webhooks`: a received body is checked against
 * each documented payload schema and returned with the name of the one it matches.
 * @module
 */
import { InboxKitError, type ValidationIssue } from "./errors.js";
import { validate, type Schema } from "./validate.js";

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

function decode(body: WebhookBody): unknown {
  if (typeof body === "string" || body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const text = typeof body === "string" ? body : new TextDecoder().decode(body);
    try {
      return JSON.parse(text);
    } catch {
      throw new WebhookError("The webhook body is not valid JSON");
    }
  }
  return body;
}

/**
 * Parses a webhook body against the documented payloads, in table order; returns the first match.
 * @throws {WebhookError} when the body is not JSON or matches no documented payload.
 */
export function parseWebhook(table: readonly WebhookMeta[], body: WebhookBody): { name: string; payload: unknown } {
  const payload = decode(body);
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) throw new WebhookError("The webhook body is not a JSON object");
  // The closest payload: fewest missing top-level fields (those name the kind), then fewest issues.
  let best: { name: string; issues: ValidationIssue[]; score: number } | undefined;
  for (const hook of table) {
    const issues = validate(hook.schema, payload);
    if (issues.length === 0) return { name: hook.name, payload };
    const score = issues.filter((i) => !/[.[]/.test(i.path) && i.message === "is required").length * 1000 + issues.length;
    if (!best || score < best.score) best = { name: hook.name, issues, score };
  }
  const detail = best ? `; closest is ${best.name}: ${best.issues.map((i) => `${i.path || "(body)"} ${i.message}`).join("; ")}` : "";
  throw new WebhookError(`Unknown or malformed webhook payload${detail}`, best?.issues ?? [], best?.name);
}
