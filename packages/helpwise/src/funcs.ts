/**
 * `@inboxkit/helpwise/funcs`: one standalone function per Helpwise operation, taking a core
 * (`createHelpwiseCore` of `@inboxkit/helpwise/core`) first: `mailboxesList(core, params)` sends the
 * same request as `client.mailboxes.list(params)` and returns the same `APIPromise`; list operations
 * also have `…Iterate(core, params)` (every item) and `…Pages(core, params)` (every page). A bundle
 * keeps only the functions it imports.
 *
 * ```ts
 * import { createHelpwiseCore } from "@inboxkit/helpwise/core";
 * import { mailboxesList, threadsListIterate } from "@inboxkit/helpwise/funcs";
 * const helpwise = createHelpwiseCore({ apiKey: "…", apiSecret: "…" });
 * const [mailbox] = await mailboxesList(helpwise, { limit: 1 });
 * for await (const thread of threadsListIterate(helpwise, { mailboxId: mailbox!.id })) console.log(thread.id);
 * ```
 * @packageDocumentation
 */
export * from "./generated/funcs.js";
