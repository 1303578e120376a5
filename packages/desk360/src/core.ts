/**
 * `@inboxkit/desk360/core`: the Desk360 request pipeline without any operation table — for the
 * standalone operation functions of `@inboxkit/desk360/funcs`, so a bundle carries only the
 * operations it calls.
 *
 * ```ts
 * import { createDesk360Core } from "@inboxkit/desk360/core";
 * import { messagesSendText } from "@inboxkit/desk360/funcs";
 * const desk360 = createDesk360Core({ email: "…", password: "…" });
 * await messagesSendText(desk360, { integrationId: 12, to: "+905551112233", text: "Hello!" });
 * ```
 * Errors and types: import them from `@inboxkit/desk360` (tree shaking keeps only what you use).
 * @packageDocumentation
 */
import { desk360Core, type Desk360ClientOptions, type Desk360Core } from "./wiring.js";

/**
 * Creates a Desk360 core: the same pipeline as `createDesk360Client` (a token, or a login with
 * email and password on first use, again once after a 401, never repeated once rejected; the
 * documented budget of 60 requests a minute; retries, timeouts, validation and the checks the schema
 * cannot express, typed errors) without the operation table. Call operations with the functions of
 * `@inboxkit/desk360/funcs`: `messagesSendText(core, params)`.
 *
 * @throws {ValidationError} when the credentials are missing or contain control characters, an option is unknown or mistyped, or `baseUrl` is not https.
 */
export function createDesk360Core(options: Desk360ClientOptions): Desk360Core {
  return desk360Core(options);
}

export { vendor } from "./generated/client.js";
export type { Desk360BaseOptions, Desk360ClientOptions, Desk360Core, Desk360CredentialOptions, Desk360Session, Desk360TokenOptions } from "./wiring.js";
