/**
 * Receiving wabbit's WABA webhook: the shared secret of the webhook URL (`?auth=<secret>`) checked
 * in constant time, then the body validated against the spec's `waba` webhook and split into WABA's
 * own fields and the inbox's extension events.
 * @module
 */
import { constantTimeEqual, parseWebhook, ValidationError, WebhookError, type WebhookBody, type WebhookMeta } from "@inboxkit/runtime";
import { webhookTable } from "./generated/client.js";
import type { components } from "./generated/schema.js";
import { EVENT_FIELDS, eventsOf, type WabbitEvent, type WabbitWabaContact, type WabbitWabaError, type WabbitWabaMessage, type WabbitWabaStatus } from "./events.js";


/** The body of a WABA webhook call: WABA's fields plus the inbox's extension fields. */
export type WabbitWebhookPayload = components["schemas"]["WabaWebhookPayload"];

/** A received webhook call that is not a web `Request`: its URL (absolute, or the path and query a server saw) and its body. */
export interface WabbitWebhookInput {
  /** The URL the call was made to, e.g. `req.url` of `node:http` (`/wabbit?auth=…`) or an absolute URL. */
  readonly url: string;
  /** The raw body (string or bytes) or the already-parsed JSON. */
  readonly body: WebhookBody;
  /** The HTTP method, when known (the inbox POSTs). */
  readonly method?: string;
}

/** Options of {@link parseWabbitWebhook}. */
export interface WabbitWebhookOptions {
  /**
   * The shared secret you put in the webhook URL when you registered it (`https://url?auth=<secret>`).
   * Calls whose `auth` query parameter is missing or different are refused before the body is read.
   * Pass `false` only when your URL has no secret: then anybody who knows the URL can post to it.
   */
  readonly secret: string | false;
}

/** A parsed WABA webhook call. */
export interface WabbitWebhook {
  /** WABA's original fields, each an empty list when absent. */
  readonly waba: {
    readonly contacts: readonly WabbitWabaContact[];
    readonly messages: readonly WabbitWabaMessage[];
    readonly statuses: readonly WabbitWabaStatus[];
    readonly errors: readonly WabbitWabaError[];
  };
  /** The inbox's extension fields present in the call, as a discriminated list (`event.kind`). */
  readonly events: readonly WabbitEvent[];
  /** The whole validated body. */
  readonly payload: WabbitWebhookPayload;
}

/**
 * The webhook call was not authenticated: its `auth` query parameter is missing, repeated or not the
 * shared secret. The body was not read. The secret and the value received are never shown.
 */
export class WabbitWebhookAuthError extends WebhookError {
  static {
    Object.defineProperty(this.prototype, "name", { value: "WabbitWebhookAuthError", writable: true, configurable: true, enumerable: false });
  }
  /** `missing`: no `auth` parameter; `wrong`: a different (or repeated) value. */
  readonly reason: "missing" | "wrong";
  constructor(reason: "missing" | "wrong") {
    super(
      reason === "missing"
        ? "The wabbit webhook call has no `auth` query parameter, so it does not carry your shared secret; refused without reading the body"
        : "The wabbit webhook call's `auth` query parameter is not your shared secret; refused without reading the body",
    );
    this.reason = reason;
  }
}

/** WABA's own top-level fields. */
const WABA_FIELDS = ["contacts", "messages", "statuses", "errors"] as const;

const wabaHook = webhookTable.find((hook) => hook.name === "waba") as WebhookMeta;

function isRequest(value: unknown): value is Request {
  return typeof Request !== "undefined" && value instanceof Request;
}

/** Checks the `auth` query parameter of `url` against `secret`; throws {@link WabbitWebhookAuthError}. */
export function checkWebhookSecret(url: string, secret: string): void {
  let given: string[];
  try {
    given = new URL(url, "http://webhook.invalid").searchParams.getAll("auth");
  } catch {
    given = [];
  }
  if (given.length === 0) throw new WabbitWebhookAuthError("missing");
  // Every value is compared (in constant time) so that a repeated parameter costs the same; two are refused.
  let ok = given.length === 1;
  for (const value of given) ok = constantTimeEqual(value, secret) && ok;
  if (!ok) throw new WabbitWebhookAuthError("wrong");
}

function checkOptions(options: unknown): string | false {
  const secret = (options as { secret?: unknown } | null | undefined)?.secret;
  if (secret === false) return false;
  if (typeof secret !== "string" || secret === "") {
    const got = secret === undefined ? "nothing" : secret === "" ? "an empty string" : typeof secret;
    throw new ValidationError([{ path: "secret", message: `must be your shared secret (a non-empty string) or false when your webhook URL has none (got ${got})` }], { subject: "parseWabbitWebhook options" });
  }
  return secret;
}

/**
 * Parses a call of wabbit's WABA webhook (what the inbox POSTs to the URL of `webhooks.create`).
 *
 * The shared secret is checked first, in constant time: a call whose `auth` query parameter is not
 * `options.secret` throws a {@link WabbitWebhookAuthError} and its body is not read. The body must
 * be JSON matching the spec's `waba` webhook and hold at least one documented field (WABA's
 * `contacts`, `messages`, `statuses`, `errors`, or one of the inbox's extension fields).
 *
 * ```ts
 * const hook = await parseWabbitWebhook(request, { secret: process.env.WABBIT_WEBHOOK_SECRET! });
 * for (const message of hook.waba.messages) console.log(message.from, message.text?.body);
 * for (const event of hook.events) if (event.kind === "chat_assignment") console.log(event.event.wa_id);
 * ```
 * Answer `200 OK` quickly: a delivered call marks its messages as received for the webhook's user.
 * @throws {WabbitWebhookAuthError} when the secret is missing or wrong.
 * @throws {WebhookError} when the call is not a POST, the body is not JSON, or it is not a documented payload.
 * @throws {ValidationError} when `options.secret` is neither a non-empty string nor `false`.
 */
export async function parseWabbitWebhook(input: Request | WabbitWebhookInput, options: WabbitWebhookOptions): Promise<WabbitWebhook> {
  const secret = checkOptions(options);
  const request = isRequest(input) ? input : undefined;
  const raw = request ? undefined : (input as WabbitWebhookInput | null | undefined);
  if (!request && (raw === null || typeof raw !== "object" || typeof raw.url !== "string")) {
    throw new ValidationError([{ path: "input", message: "must be a Request or { url, body }" }], { subject: "parseWabbitWebhook arguments" });
  }
  const url = request ? request.url : (raw as WabbitWebhookInput).url;
  if (secret !== false) checkWebhookSecret(url, secret);
  const method = (request ? request.method : raw?.method)?.toUpperCase();
  if (method !== undefined && method !== "POST") throw new WebhookError(`The wabbit webhook is called with POST, this call is a ${method}`);
  let body: WebhookBody;
  if (request) {
    try {
      body = await request.text();
    } catch (cause) {
      throw new WebhookError(`The webhook body could not be read: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  } else body = (raw as WabbitWebhookInput).body;
  const payload = parseWebhook([wabaHook], body).payload as WabbitWebhookPayload & Record<string, unknown>;
  const known = [...WABA_FIELDS, ...EVENT_FIELDS];
  if (!known.some((field) => payload[field] !== undefined)) {
    throw new WebhookError(`Not a documented wabbit webhook payload: it has none of ${known.join(", ")}`, [], "waba");
  }
  return {
    waba: {
      contacts: payload.contacts ?? [],
      messages: payload.messages ?? [],
      statuses: payload.statuses ?? [],
      errors: payload.errors ?? [],
    },
    events: eventsOf(payload),
    payload,
  };
}
