/**
 * Receiving Nimchat webhooks: parse a body into a union discriminated by `event`, and protect the
 * endpoint with a secret in its URL (the doc documents no signature).
 * @module
 */
import { parseWebhook, ValidationError, WebhookError, type WebhookBody } from "@inboxkit/runtime";
import { webhookTable, type NimchatWebhookEvent } from "./generated/client.js";

/**
 * A received Nimchat webhook, discriminated by `event` (`conversation_created`,
 * `conversation_status_changed`, `conversation_updated`, `message_created`, `message_updated`,
 * `webwidget_triggered`). The doc names the events but shows no payload: the conversation events are
 * typed as the `Conversation` object and the message events as the `Message` object (all fields
 * optional, Inferred from the event names), and other properties may be present.
 */
export type NimchatWebhook = NimchatWebhookEvent["payload"];

/** The event names of the documented webhooks. */
export type NimchatWebhookEventName = NimchatWebhook["event"];

const EVENTS: readonly string[] = webhookTable.map((hook) => hook.name);

/** The body as a value: a string or bytes are parsed as JSON, an object is taken as already parsed. */
function decode(body: WebhookBody): unknown {
  if (typeof body !== "string" && !(body instanceof Uint8Array) && !(body instanceof ArrayBuffer)) return body;
  try {
    return JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body));
  } catch {
    throw new WebhookError("The Nimchat webhook body is not valid JSON");
  }
}

/**
 * Parses a Nimchat webhook body (the raw string or bytes your server received, or parsed JSON)
 * and checks it against the spec's documented events.
 *
 * ```ts
 * const event = parseNimchatWebhook(await request.text());
 * if (event.event === "message_created") console.log(event.conversation_id, event.content);
 * ```
 *
 * Nimchat does not sign its webhooks: check the request first, e.g. with {@link verifyWebhookSecret}.
 * @throws {WebhookError} when the body is not JSON, not an object, has no `event`, names an event
 * the doc does not list, or does not match the documented payload of its event.
 */
export function parseNimchatWebhook(body: WebhookBody): NimchatWebhook {
  const payload = decode(body);
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) throw new WebhookError("The Nimchat webhook body is not a JSON object");
  const event = (payload as { event?: unknown }).event;
  if (event === undefined) throw new WebhookError(`The Nimchat webhook body has no "event" (one of ${EVENTS.join(", ")})`, [{ path: "event", message: "is required" }]);
  if (typeof event !== "string" || !EVENTS.includes(event)) {
    throw new WebhookError(`Unknown Nimchat webhook event ${JSON.stringify(event)}: the documented events are ${EVENTS.join(", ")}`, [{ path: "event", message: `must be one of ${EVENTS.join(", ")}` }]);
  }
  try {
    return (parseWebhook(webhookTable, payload as Record<string, unknown>) as NimchatWebhookEvent).payload;
  } catch (error) {
    if (!(error instanceof WebhookError)) throw error;
    const detail = error.issues.map((i) => `${i.path || "(body)"} ${i.message}`).join("; ");
    throw new WebhookError(`Malformed Nimchat ${event} webhook: ${detail}`, error.issues, event);
  }
}

/** Options of {@link verifyWebhookSecret}. */
export interface VerifyWebhookSecretOptions {
  /** The query parameter that carries the secret. Default `secret`. */
  readonly param?: string;
}

/** Constant-time equality of two strings' UTF-8 bytes: the time depends only on `expected`'s length. */
function sameBytes(given: string, expected: string): boolean {
  const encoder = new TextEncoder();
  const a = encoder.encode(given);
  const b = encoder.encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (i < a.length ? (a[i] as number) : 0) ^ (b[i] as number);
  return diff === 0;
}

/**
 * Whether a webhook request carries the expected secret in its URL. Nimchat's webhooks carry no
 * signature (the doc documents none), so protect the endpoint by subscribing a URL with a long
 * random secret in it (`https://example.com/hooks/nimchat?secret=<random>`, see
 * `application.webhooks.create`) and check it on every request. The comparison is constant-time
 * over the bytes; a missing, empty or repeated parameter is refused.
 *
 * ```ts
 * if (!verifyWebhookSecret(request.url, process.env.NIMCHAT_WEBHOOK_SECRET!)) return new Response(null, { status: 401 });
 * const event = parseNimchatWebhook(await request.text());
 * ```
 *
 * @param requestUrl the URL the request was sent to: absolute, or the path and query only (Node's `req.url`).
 * @param expectedSecret the secret in the subscribed URL.
 * @throws {ValidationError} when `expectedSecret` is empty or `param` is blank (a configuration mistake; the secret is never echoed).
 */
export function verifyWebhookSecret(requestUrl: string | URL, expectedSecret: string, options: VerifyWebhookSecretOptions = {}): boolean {
  const param = options.param ?? "secret";
  const issues: { path: string; message: string }[] = [];
  if (typeof expectedSecret !== "string" || expectedSecret === "") issues.push({ path: "expectedSecret", message: "must be a non-empty string" });
  if (typeof param !== "string" || param === "") issues.push({ path: "param", message: "must be a non-empty string" });
  if (issues.length) throw new ValidationError(issues, { subject: "Nimchat verifyWebhookSecret arguments", secrets: typeof expectedSecret === "string" ? [expectedSecret] : [] });
  let url: URL;
  try {
    url = new URL(String(requestUrl), "http://localhost");
  } catch {
    return false;
  }
  const given = url.searchParams.getAll(param);
  if (given.length !== 1 || given[0] === "") return false;
  return sameBytes(given[0] as string, expectedSecret);
}
