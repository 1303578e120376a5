/**
 * `@inboxkit/wabbit/funcs`: one standalone function per wabbit operation, taking a core
 * (`createWabbitCore` of `@inboxkit/wabbit/core`) first: `messagesCreate(core, params)` sends the
 * same request as `client.messages.create(params)` and returns the same `APIPromise`; list
 * operations also have `…Iterate(core, params)` (every item) and `…Pages(core, params)` (every page),
 * time-cursor lists `…IterateHistory` and `…Follow`. A bundle keeps only the functions it imports.
 *
 * ```ts
 * import { createWabbitCore } from "@inboxkit/wabbit/core";
 * import { chatsListIterate, messagesCreate } from "@inboxkit/wabbit/funcs";
 * const wabbit = createWabbitCore({ baseUrl: "https://inbox.example.com", token: "…" });
 * for await (const chat of chatsListIterate(wabbit)) console.log(chat.contact.wa_id);
 * await messagesCreate(wabbit, { wa_id: "48123456789", type: "text", text: { body: "Hello!" } });
 * ```
 * @packageDocumentation
 */
export * from "./generated/funcs.js";
