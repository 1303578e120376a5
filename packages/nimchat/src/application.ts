/**
 * `@inboxkit/nimchat/application`: the Nimchat Application API client alone (one account, with a
 * user's or an agent bot's token), the filter builder and the webhook helpers, without the tables of
 * the other two APIs.
 *
 * ```ts
 * import { createNimchatClient, nimchatFilter } from "@inboxkit/nimchat/application";
 * const nimchat = createNimchatClient({ baseUrl: "https://chat.example.com", accountId: 3, userToken: "…" });
 * const open = nimchatFilter().where("status", "equal_to", ["open"]);
 * for await (const conversation of nimchat.conversations.filter.iterate(open.body())) console.log(conversation.id);
 * ```
 * @packageDocumentation
 */
export * from "./generated/exports.js";
export { applicationOperationTable } from "./generated/client.js";
export type { NimchatApplicationApi, NimchatApplicationApiForAgentBotApiKey, NimchatWebhookEvent } from "./generated/client.js";
export {
  createNimchatClient,
  type NimchatAccountOptions,
  type NimchatAgentBotClient,
  type NimchatAgentBotOptions,
  type NimchatApplicationClient,
  type NimchatClientOptions,
  type NimchatUserOptions,
} from "./application-client.js";
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
