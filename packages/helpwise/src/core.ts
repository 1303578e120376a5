/**
 * `@inboxkit/helpwise/core`: the Helpwise request pipeline without any operation table — for the
 * standalone operation functions of `@inboxkit/helpwise/funcs`, so a bundle carries only the
 * operations it calls.
 *
 * ```ts
 * import { createHelpwiseCore } from "@inboxkit/helpwise/core";
 * import { mailboxesList } from "@inboxkit/helpwise/funcs";
 * const helpwise = createHelpwiseCore({ apiKey: "…", apiSecret: "…" });
 * const mailboxes = await mailboxesList(helpwise, { limit: 10 });
 * ```
 * Errors and types: import them from `@inboxkit/helpwise` (tree shaking keeps only what you use).
 * @packageDocumentation
 */
import { helpwiseCore, type HelpwiseClientOptions, type HelpwiseCore } from "./wiring.js";

/**
 * Creates a Helpwise core: the same pipeline as `createHelpwiseClient` (the `Authorization:
 * <api key>:<api secret>` header, retries, timeouts, rate limits, validation, typed errors, the
 * envelope's `data` returned) without the operation table. Call operations with the functions of
 * `@inboxkit/helpwise/funcs`: `mailboxesList(core, params)`.
 *
 * @throws {ValidationError} when a credential is missing or contains CR/LF, or `baseUrl` is not https.
 */
export function createHelpwiseCore(options: HelpwiseClientOptions): HelpwiseCore {
  return helpwiseCore(options);
}

export { vendor } from "./generated/client.js";
export type { HelpwiseClientOptions, HelpwiseCore } from "./wiring.js";
