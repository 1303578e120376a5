/**
 * `@inboxkit/nimchat`: a typed client for Nimchat (Chatwoot's API, renamed), generated from
 * `specs/nimchat/openapi.yaml`: the platform API (an installation's admin app), the application API
 * (an agent or an agent bot in one account) and the public client API (a website visitor, no token).
 * Each API also has its own entry point (`@inboxkit/nimchat/platform`, `/application`, `/public`).
 *
 * ```ts
 * import { createNimchatClient } from "@inboxkit/nimchat";
 * const nimchat = createNimchatClient({ baseUrl: "https://chat.example.com", accountId: 3, userToken: "…" });
 * await nimchat.messages.create({ conversation_id: 42, content: "Hello!" });
 * ```
 * @packageDocumentation
 */
export * from "./generated/exports.js";
export { applicationOperationTable, platformOperationTable, publicOperationTable } from "./generated/client.js";
export { createNimchatPlatformClient, type NimchatPlatformClient, type NimchatPlatformCore, type NimchatPlatformOptions } from "./platform-client.js";
export { createNimchatCore, createNimchatPlatformCore, createNimchatPublicCore } from "./core.js";
export {
  createNimchatClient,
  type NimchatAccountOptions,
  type NimchatAgentBotClient,
  type NimchatAgentBotOptions,
  type NimchatApplicationClient,
  type NimchatApplicationCore,
  type NimchatClientOptions,
  type NimchatUserOptions,
} from "./application-client.js";
export {
  createNimchatPublicClient,
  type NimchatContactSession,
  type NimchatPublicClient,
  type NimchatPublicContact,
  type NimchatPublicContactRequest,
  type NimchatPublicCore,
  type NimchatPublicOptions,
} from "./public-client.js";
export { identityHash, type IdentityHashOptions, type IdentityHashSubtle } from "./identity.js";
export {
  DOCUMENTED_FILTER_OPERATORS,
  INFERRED_FILTER_OPERATORS,
  NimchatFilter,
  nimchatFilter,
  otherOperator,
  type NimchatAutomationCondition,
  type NimchatComparisonOperator,
  type NimchatFilterCondition,
  type NimchatFilterOperator,
  type NimchatFilterValue,
  type NimchatOtherOperator,
  type NimchatPresenceOperator,
  type NimchatQueryOperator,
  type NimchatValueOperator,
} from "./filter.js";
export * from "./webhooks.js";
export type { NimchatBaseOptions } from "./options.js";
