/**
 * `@inboxkit/wabbit`: a typed client for a wabbit WhatsApp team inbox (one host per inbox),
 * generated from `specs/wabbit/openapi.yaml`: the REST API with Django REST framework paging and time
 * cursors, the WABA webhook receiver with its shared secret, a custom Rule Engine handler and the
 * live websocket feed.
 *
 * ```ts
 * import { createWabbitClient } from "@inboxkit/wabbit";
 * const wabbit = createWabbitClient({ baseUrl: "https://inbox.example.com", token: "…" });
 * await wabbit.messages.create({ wa_id: "48123456789", type: "text", text: { body: "Hello!" } });
 * ```
 * @packageDocumentation
 */
export * from "./generated/exports.js";
export {
  createWabbitClient,
  type WabbitApiKeyOptions,
  type WabbitBaseOptions,
  type WabbitClient,
  type WabbitClientOptions,
  type WabbitCore,
  type WabbitLoginOptions,
  type WabbitSession,
  type WabbitTokenOptions,
} from "./client.js";
export { createWabbitCore } from "./core.js";
export type {
  WabbitChatAssignmentEvent,
  WabbitChatTaggingEvent,
  WabbitEvent,
  WabbitMessage,
  WabbitMessageTaggingEvent,
  WabbitTaggedChat,
  WabbitTaggedMessage,
  WabbitWabaContact,
  WabbitWabaError,
  WabbitWabaMessage,
  WabbitWabaStatus,
} from "./events.js";
export { parseWabbitWebhook, WabbitWebhookAuthError, type WabbitWebhook, type WabbitWebhookInput, type WabbitWebhookOptions, type WabbitWebhookPayload } from "./webhooks.js";
export {
  createRuleEngineHandler,
  type WabbitGroupAssignMethod,
  type WabbitRuleEngineAssignment,
  type WabbitRuleEngineContext,
  type WabbitRuleEngineEvent,
  type WabbitRuleEngineHandler,
  type WabbitRuleEngineOptions,
  type WabbitRuleEnginePayload,
  type WabbitRuleEngineResult,
} from "./rule-engine.js";
export {
  connectWabbitLive,
  WabbitLiveError,
  type WabbitLive,
  type WabbitLiveAuthenticated,
  type WabbitLiveBackfillMessage,
  type WabbitLiveErrorKind,
  type WabbitLiveEvents,
  type WabbitLiveItem,
  type WabbitLiveOptions,
  type WabbitLiveReconnecting,
  type WabbitLiveReconnectOptions,
  type WabbitLiveResponseMessage,
  type WabbitLiveServerMessage,
  type WabbitLiveTokenMessage,
  type WabbitLiveUntypedMessage,
  type WabbitLiveWebhookMessage,
  type WebSocketConstructorLike,
  type WebSocketLike,
} from "./live.js";
