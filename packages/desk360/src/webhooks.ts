/**
 * Parsing Desk360 webhooks: validate a received body against the documented payloads and get a
 * discriminated union back.
 * @module
 */
import { parseWebhook, WebhookError, type WebhookBody } from "@inboxkit/runtime";
import { webhookTable, type Desk360WebhookEvent } from "./generated/client.js";

type Payload<Name extends Desk360WebhookEvent["name"]> = Extract<Desk360WebhookEvent, { name: Name }>["payload"];

/** The media kinds a received media message can have. */
export type Desk360MediaKind = "image" | "video" | "audio" | "document" | "sticker";

/** A parsed Desk360 webhook, discriminated by `kind`. */
export type Desk360Webhook =
  | { readonly kind: "text"; readonly message: Payload<"messageText">["messages"] }
  | { readonly kind: "location"; readonly message: Payload<"messageLocation">["messages"] }
  | { readonly kind: "contacts"; readonly message: Payload<"messageContacts">["messages"] }
  | { readonly kind: Desk360MediaKind; readonly message: Payload<"messageMedia">["messages"] }
  | { readonly kind: "status"; readonly status: Payload<"statusUpdate">["statuses"] };

/**
 * Parses a Desk360 webhook body (the raw string/bytes a server received, or parsed JSON).
 *
 * ```ts
 * const event = parseDesk360Webhook(rawBody);
 * if (event.kind === "text") console.log(event.message.from, event.message.text);
 * ```
 * @throws {WebhookError} when the body is not JSON or is not one of the documented payloads.
 */
export function parseDesk360Webhook(body: WebhookBody): Desk360Webhook {
  const event = parseWebhook(webhookTable, body) as Desk360WebhookEvent;
  switch (event.name) {
    case "messageText":
      return { kind: "text", message: event.payload.messages };
    case "messageLocation":
      return { kind: "location", message: event.payload.messages };
    case "messageContacts":
      return { kind: "contacts", message: event.payload.messages };
    case "messageMedia":
      return { kind: event.payload.messages.type as Desk360MediaKind, message: event.payload.messages };
    case "statusUpdate":
      return { kind: "status", status: event.payload.statuses };
  }
}

export { WebhookError };
