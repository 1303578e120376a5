/**
 * `@inboxkit/nimchat/funcs`: one standalone function per Nimchat operation, named after its
 * operationId (`public.messages.create` → `publicMessagesCreate`), taking the core of its API
 * (`createNimchatPlatformCore`, `createNimchatCore`, `createNimchatPublicCore` of
 * `@inboxkit/nimchat/core`) first. `applicationMessagesCreate(core, params)` sends the same request
 * as `client.messages.create(params)` and returns the same `APIPromise`; list operations also have
 * `…Iterate(core, params)` (every item) and `…Pages(core, params)` (every page). A bundle keeps only
 * the functions it imports.
 *
 * ```ts
 * import { createNimchatPublicCore } from "@inboxkit/nimchat/core";
 * import { publicContactsCreate, publicMessagesCreate } from "@inboxkit/nimchat/funcs";
 * const chat = createNimchatPublicCore({ baseUrl: "https://chat.example.com", inboxIdentifier: "…" });
 * const me = await publicContactsCreate(chat, { name: "Ada" });
 * await publicMessagesCreate(chat, { contact_identifier: me.source_id!, conversation_id: 7, content: "Hi!" });
 * ```
 * @packageDocumentation
 */
export * from "./generated/funcs.js";
