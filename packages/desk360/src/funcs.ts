/**
 * `@inboxkit/desk360/funcs`: one standalone function per Desk360 operation, taking a core
 * (`createDesk360Core` of `@inboxkit/desk360/core`) first: `messagesSendText(core, params)` sends
 * the same request as `client.messages.sendText(params)` and returns the same `APIPromise`; list
 * operations also have `…Iterate(core, params)` (every item) and `…Pages(core, params)` (every
 * page). A bundle keeps only the functions it imports.
 *
 * ```ts
 * import { createDesk360Core } from "@inboxkit/desk360/core";
 * import { integrationsList, templatesListIterate } from "@inboxkit/desk360/funcs";
 * const desk360 = createDesk360Core({ token: "…" });
 * const integrations = await integrationsList(desk360);
 * for await (const template of templatesListIterate(desk360, { integrationId: 12 })) console.log(template.name);
 * ```
 * @packageDocumentation
 */
export * from "./generated/funcs.js";
