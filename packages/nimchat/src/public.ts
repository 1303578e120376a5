/**
 * `@inboxkit/nimchat/public`: the Nimchat public client API alone (a custom chat front end on an API
 * inbox: no token), with contact sessions, and without the platform and application tables, so a
 * browser bundle stays small.
 *
 * ```ts
 * import { createNimchatPublicClient } from "@inboxkit/nimchat/public";
 * const chat = createNimchatPublicClient({ baseUrl: "https://chat.example.com", inboxIdentifier: "…" });
 * const me = await chat.startContactSession({ name: "Ada" });
 * ```
 * @packageDocumentation
 */
export * from "./generated/exports.js";
export { publicOperationTable } from "./generated/client.js";
export type { NimchatPublicApi } from "./generated/client.js";
export {
  createNimchatPublicClient,
  type NimchatContactSession,
  type NimchatPublicClient,
  type NimchatPublicContact,
  type NimchatPublicContactRequest,
  type NimchatPublicOptions,
} from "./public-client.js";
export { identityHash, type IdentityHashOptions, type IdentityHashSubtle } from "./identity.js";
export type { NimchatBaseOptions } from "./options.js";
