/**
 * Receiving Nimchat webhooks: parse a body into a union discriminated by `event`, and protect the
 * endpoint with a secret in its URL (the doc documents no signature).
 * @module
 */
import { parseWebhook, urlSecretMatches, ValidationError, type WebhookBody } from "@inboxkit/runtime";
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
  return (parseWebhook(webhookTable, body, { tag: "event", vendor: "Nimchat" }) as NimchatWebhookEvent).payload;
}

/** Options of {@link verifyWebhookSecret}. */
export interface VerifyWebhookSecretOptions {
  /** The query parameter that carries the secret. Default `secret`. */
  readonly param?: string;
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
  return urlSecretMatches(requestUrl, expectedSecret, param);
}
