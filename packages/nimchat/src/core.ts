/**
 * `@inboxkit/nimchat/core`: the request pipelines of the three Nimchat APIs without any operation
 * table — for the standalone operation functions of `@inboxkit/nimchat/funcs` (named
 * `<api><Resource><Method>`: `platformAccountsCreate`, `applicationMessagesCreate`,
 * `publicMessagesCreate`), so a bundle carries only the operations it calls. A function accepts only
 * the core of its own API.
 *
 * ```ts
 * import { createNimchatCore } from "@inboxkit/nimchat/core";
 * import { applicationMessagesCreate } from "@inboxkit/nimchat/funcs";
 * const nimchat = createNimchatCore({ baseUrl: "https://chat.example.com", accountId: 3, userToken: "…" });
 * await applicationMessagesCreate(nimchat, { conversation_id: 42, content: "Hello!" });
 * ```
 * Errors, helpers and types: import them from `@inboxkit/nimchat` (tree shaking keeps only what you use).
 * @packageDocumentation
 */
import { applicationCore, type NimchatApplicationCore, type NimchatClientOptions } from "./application-client.js";
import { platformCore, type NimchatPlatformCore, type NimchatPlatformOptions } from "./platform-client.js";
import { publicCore, type NimchatPublicCore, type NimchatPublicOptions } from "./public-client.js";

/**
 * Creates a core of the Nimchat Platform API: the same pipeline as `createNimchatPlatformClient`
 * (the platform token in `api_access_token`, retries, timeouts, validation, typed errors) without
 * the operation table. Call operations with the `platform…` functions of `@inboxkit/nimchat/funcs`.
 * @throws {ValidationError} when `platformToken` is missing, blank or holds control characters, when
 * `baseUrl` is missing or not https (plain http only for localhost), or on an unknown option.
 */
export function createNimchatPlatformCore(options: NimchatPlatformOptions): NimchatPlatformCore {
  return platformCore(options);
}

/**
 * Creates a core of the Nimchat Application API for one account: the same pipeline as
 * `createNimchatClient` (a user's or an agent bot's token, `account_id` bound, the filter checks)
 * without the operation table. Call operations with the `application…` functions of
 * `@inboxkit/nimchat/funcs`; with an agent-bot token, the operations an agent bot may not call are
 * refused before sending.
 * @throws {ValidationError} when neither or both tokens are given, a token is blank or holds control
 * characters, `accountId` is not a positive integer, `baseUrl` is missing or not https, or on an
 * unknown option.
 */
export function createNimchatCore(options: NimchatClientOptions): NimchatApplicationCore {
  return applicationCore(options);
}

/**
 * Creates a core of the Nimchat public client API for one API inbox: the same pipeline as
 * `createNimchatPublicClient` (no token, `inbox_identifier` bound) without the operation table.
 * Call operations with the `public…` functions of `@inboxkit/nimchat/funcs`.
 * @throws {ValidationError} when `inboxIdentifier` is missing or blank, `baseUrl` is missing or not
 * https, or on an unknown option.
 */
export function createNimchatPublicCore(options: NimchatPublicOptions): NimchatPublicCore {
  return publicCore(options);
}

export { vendor } from "./generated/client.js";
export type { NimchatAccountOptions, NimchatAgentBotOptions, NimchatApplicationCore, NimchatClientOptions, NimchatUserOptions } from "./application-client.js";
export type { NimchatPlatformCore, NimchatPlatformOptions } from "./platform-client.js";
export type { NimchatPublicCore, NimchatPublicOptions } from "./public-client.js";
export type { NimchatBaseOptions } from "./options.js";
