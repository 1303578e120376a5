/**
 * `@inboxkit/helpshift`: a typed client for the Helpshift PC & console API (web chat support links,
 * QR codes, unread-message checks), generated from `specs/helpshift/openapi.yaml`.
 *
 * ```ts
 * import { createHelpshiftClient, decodeQrCode, expiry } from "@inboxkit/helpshift";
 * const helpshift = createHelpshiftClient({ apiKey: "…", domain: "acme" });
 * const link = await helpshift.webchat.createLink({ app_id: "…", uid: "player-48213", expiry: expiry("2h") });
 * const qr = decodeQrCode(link); // { format: "png", mimeType: "image/png", bytes, dataUrl }
 * ```
 * @packageDocumentation
 */
import { clientParts, withOperations, type ClientCore } from "@inboxkit/runtime";
import { operationTable, operationIterators, type HelpshiftApi } from "./generated/client.js";
import type { paths } from "./generated/schema.js";
import { helpshiftCore, type HelpshiftClientOptions } from "./wiring.js";

/** A Helpshift client: one method per operation (`helpshift.webchat.createLink(…)`), plus `raw` and `rateLimit`. */
export type HelpshiftClient = HelpshiftApi & ClientCore<paths>;

/**
 * Creates a Helpshift client bound to one domain.
 *
 * Every request authenticates with HTTP Basic, the API key as the user name and an empty password
 * (`Authorization: Basic base64("<api key>:")`). `webchat.createLink` sends a form in which
 * `expiry`, `custom_fields`, `tags`, `help_faq_filter` and `includes` travel JSON-encoded: pass them
 * as plain objects and arrays, the client encodes them (a string is taken as already encoded, and
 * checked). Parameters are checked against the spec, and the checks it cannot express (an expiry in
 * the past, an already-encoded field that does not parse, `messages.getUnread` without a player
 * identity) before anything is sent.
 *
 * For smaller bundles, the same pipeline without the table: `createHelpshiftCore`
 * (`@inboxkit/helpshift/core`) with the functions of `@inboxkit/helpshift/funcs`.
 *
 * @throws {ValidationError} when `apiKey` or `domain` is missing or contains CR/LF, `domain` is not a
 * plain subdomain label, or `baseUrl` is not https.
 */
export function createHelpshiftClient(options: HelpshiftClientOptions): HelpshiftClient {
  return withOperations<paths, HelpshiftApi>(helpshiftCore(options, clientParts(operationTable)), operationTable, operationIterators);
}

export { createHelpshiftCore } from "./core.js";
export type { HelpshiftClientOptions, HelpshiftCore } from "./wiring.js";
export { expiry, type Expiry, type ExpiryDuration, type ExpiryOptions } from "./expiry.js";
export { decodeQrCode, type PngQrCode, type QrCode, type SvgQrCode } from "./qrcode.js";
export { browserUrl } from "./url.js";
/** The parameters of `webchat.createLink` (the form fields; the domain is bound by the client). */
export type CreateLinkParams = Parameters<HelpshiftApi["webchat"]["createLink"]>[0];
/** The parameters of `messages.getUnread` (the query; the domain is bound by the client). */
export type GetUnreadParams = Parameters<HelpshiftApi["messages"]["getUnread"]>[0];

// Errors, shared types, the spec's types and schema alias, the operation table: written by the generator.
export * from "./generated/exports.js";
