/**
 * `@inboxkit/helpwise`: a typed client for the Helpwise API, generated from `specs/helpwise/openapi.yaml`.
 *
 * ```ts
 * import { createHelpwiseClient } from "@inboxkit/helpwise";
 * const helpwise = createHelpwiseClient({ apiKey: "…", apiSecret: "…" });
 * for await (const mailbox of helpwise.mailboxes.list.iterate()) console.log(mailbox.email);
 * ```
 * @packageDocumentation
 */
import { clientParts, withOperations, type ClientCore } from "@inboxkit/runtime";
import { helpwiseCore, type HelpwiseClientOptions } from "./wiring.js";
import { operationTable, operationIterators, type HelpwiseApi } from "./generated/client.js";
import type { paths } from "./generated/schema.js";

/** A Helpwise client: one method per operation (`helpwise.mailboxes.list(…)`), plus `raw` and `rateLimit`. */
export type HelpwiseClient = HelpwiseApi & ClientCore<paths>;

/**
 * Creates a Helpwise client.
 *
 * Helpwise authenticates every call with the raw header `Authorization: <api key>:<api secret>`
 * (what its samples send; not HTTP Basic). Every method returns the `data` of Helpwise's
 * `{status, data, message}` envelope and throws a typed error otherwise. For smaller bundles, the
 * same pipeline without the table: `createHelpwiseCore` (`@inboxkit/helpwise/core`) with the
 * functions of `@inboxkit/helpwise/funcs`.
 *
 * @throws {ValidationError} when a credential is missing or contains CR/LF, or `baseUrl` is not https.
 */
export function createHelpwiseClient(options: HelpwiseClientOptions): HelpwiseClient {
  return withOperations<paths, HelpwiseApi>(helpwiseCore(options, clientParts(operationTable)), operationTable, operationIterators);
}

export { createHelpwiseCore } from "./core.js";
export type { HelpwiseClientOptions, HelpwiseCore } from "./wiring.js";

// Errors, shared types, the spec's types and schema alias, the operation table: written by the generator.
export * from "./generated/exports.js";
