/**
 * The inbox's extension fields of a WABA webhook payload (`incoming_messages`, `chat_tagging`, …) as
 * a discriminated list, shared by the webhook receiver and the rule-engine handler.
 * @module
 */
import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** A message of a chat as the inbox stores it (`messages.list` results, `incoming_messages` entries). */
export type WabbitMessage = Schemas["Message"];
/** A WABA inbound message notification (`messages[]` of the original WABA webhook). */
export type WabbitWabaMessage = Schemas["WabaInboundMessage"];
/** A WABA contact (`contacts[]` of the original WABA webhook). */
export type WabbitWabaContact = Schemas["WabaContact"];
/** A WABA status notification (`statuses[]`). */
export type WabbitWabaStatus = Schemas["WabaStatus"];
/** A WABA error object (`errors[]`). */
export type WabbitWabaError = Schemas["WabaError"];
/** A chat assignment change (`chat_assignment`, `chatAssignmentEvents.list` entries). */
export type WabbitChatAssignmentEvent = Schemas["ChatAssignmentEvent"];
/** A chat tagging change (`chat_tagging`, `chatTaggingEvents.list` entries). */
export type WabbitChatTaggingEvent = Schemas["ChatTaggingEvent"];
/** A message tagging change (`message_tagging`, `messageTaggingEvents.list` entries). */
export type WabbitMessageTaggingEvent = Schemas["MessageTaggingEvent"];
/** A message and the tag just put on it (deprecated `tagged_messages`, a Rule Engine event). */
export type WabbitTaggedMessage = Schemas["TaggedMessage"];
/** A chat and the tag just put on it (deprecated `tagged_chats`). */
export type WabbitTaggedChat = Schemas["TaggedChat"];

/**
 * One extension field of a payload, discriminated by `kind` (the field's name):
 *
 * - `incoming_messages`, `outgoing_messages`, `assigned_messages`: `messages` in the format of
 *   `messages.list` results;
 * - `chat_assignment`, `chat_tagging`, `message_tagging`: the one `event` (entries of the
 *   matching `…Events.list`);
 * - `tagged_messages`, `tagged_chats` (deprecated): the `taggings` with their `new_tag`.
 */
export type WabbitEvent =
  | { readonly kind: "incoming_messages"; readonly messages: readonly WabbitMessage[] }
  | { readonly kind: "outgoing_messages"; readonly messages: readonly WabbitMessage[] }
  | { readonly kind: "assigned_messages"; readonly messages: readonly WabbitMessage[] }
  | { readonly kind: "chat_assignment"; readonly event: WabbitChatAssignmentEvent }
  | { readonly kind: "chat_tagging"; readonly event: WabbitChatTaggingEvent }
  | { readonly kind: "message_tagging"; readonly event: WabbitMessageTaggingEvent }
  | { readonly kind: "tagged_messages"; readonly taggings: readonly WabbitTaggedMessage[]; readonly deprecated: true }
  | { readonly kind: "tagged_chats"; readonly taggings: readonly WabbitTaggedChat[]; readonly deprecated: true };

/** The extension fields, in the order their events are listed. */
export const EVENT_FIELDS = ["incoming_messages", "outgoing_messages", "assigned_messages", "chat_assignment", "chat_tagging", "message_tagging", "tagged_messages", "tagged_chats"] as const;

/** Payload fields that carry the extension events (a superset of each webhook's own fields). */
interface EventFields {
  readonly incoming_messages?: readonly WabbitMessage[];
  readonly outgoing_messages?: readonly WabbitMessage[];
  readonly assigned_messages?: readonly WabbitMessage[];
  readonly chat_assignment?: WabbitChatAssignmentEvent;
  readonly chat_tagging?: WabbitChatTaggingEvent;
  readonly message_tagging?: WabbitMessageTaggingEvent;
  readonly tagged_messages?: readonly WabbitTaggedMessage[];
  readonly tagged_chats?: readonly WabbitTaggedChat[];
}

/** The extension events present in an (already validated) payload, in {@link EVENT_FIELDS} order. */
export function eventsOf(payload: EventFields): WabbitEvent[] {
  const events: WabbitEvent[] = [];
  for (const kind of EVENT_FIELDS) {
    const value = payload[kind];
    if (value === undefined || value === null) continue;
    switch (kind) {
      case "incoming_messages":
      case "outgoing_messages":
      case "assigned_messages":
        events.push({ kind, messages: value as readonly WabbitMessage[] });
        break;
      case "chat_assignment":
        events.push({ kind, event: value as WabbitChatAssignmentEvent });
        break;
      case "chat_tagging":
        events.push({ kind, event: value as WabbitChatTaggingEvent });
        break;
      case "message_tagging":
        events.push({ kind, event: value as WabbitMessageTaggingEvent });
        break;
      case "tagged_messages":
        events.push({ kind, taggings: value as readonly WabbitTaggedMessage[], deprecated: true });
        break;
      case "tagged_chats":
        events.push({ kind, taggings: value as readonly WabbitTaggedChat[], deprecated: true });
        break;
    }
  }
  return events;
}
