/**
 * `@inboxkit/helpshift/funcs`: one standalone function per Helpshift operation, taking a core
 * (`createHelpshiftCore` of `@inboxkit/helpshift/core`) first: `webchatCreateLink(core, params)`
 * sends the same request as `client.webchat.createLink(params)` and returns the same `APIPromise`.
 * A bundle keeps only the functions it imports.
 *
 * ```ts
 * import { createHelpshiftCore } from "@inboxkit/helpshift/core";
 * import { messagesGetUnread } from "@inboxkit/helpshift/funcs";
 * const helpshift = createHelpshiftCore({ apiKey: "…", domain: "acme" });
 * const unread = await messagesGetUnread(helpshift, { app_id: "…", uid: "player-48213" });
 * ```
 * @packageDocumentation
 */
export * from "./generated/funcs.js";
