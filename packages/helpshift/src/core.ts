/**
 * `@inboxkit/helpshift/core`: the Helpshift request pipeline without any operation table — for the
 * standalone operation functions of `@inboxkit/helpshift/funcs`, so a bundle carries only the
 * operations it calls.
 *
 * ```ts
 * import { createHelpshiftCore } from "@inboxkit/helpshift/core";
 * import { webchatCreateLink } from "@inboxkit/helpshift/funcs";
 * const helpshift = createHelpshiftCore({ apiKey: "…", domain: "acme" });
 * const link = await webchatCreateLink(helpshift, { app_id: "…", uid: "player-48213" });
 * ```
 * Errors, helpers and types: import them from `@inboxkit/helpshift` (tree shaking keeps only what you use).
 * @packageDocumentation
 */
import { helpshiftCore, type HelpshiftClientOptions, type HelpshiftCore } from "./wiring.js";

/**
 * Creates a Helpshift core bound to one domain: the same pipeline as `createHelpshiftClient` (HTTP
 * Basic with the API key, the domain bound into every path, the checks the schema cannot express,
 * retries, timeouts, rate limits, validation, typed errors) without the operation table. Call
 * operations with the functions of `@inboxkit/helpshift/funcs`: `webchatCreateLink(core, params)`.
 *
 * @throws {ValidationError} when `apiKey` or `domain` is missing or contains CR/LF, `domain` is not a
 * plain subdomain label, or `baseUrl` is not https.
 */
export function createHelpshiftCore(options: HelpshiftClientOptions): HelpshiftCore {
  return helpshiftCore(options);
}

export { vendor } from "./generated/client.js";
export type { HelpshiftClientOptions, HelpshiftCore } from "./wiring.js";
