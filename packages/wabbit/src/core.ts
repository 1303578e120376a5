/**
 * `@inboxkit/wabbit/core`: the wabbit request pipeline without any operation table — for the
 * standalone operation functions of `@inboxkit/wabbit/funcs`, so a bundle carries only the
 * operations it calls.
 *
 * ```ts
 * import { createWabbitCore } from "@inboxkit/wabbit/core";
 * import { messagesCreate } from "@inboxkit/wabbit/funcs";
 * const wabbit = createWabbitCore({ baseUrl: "https://inbox.example.com", token: "…" });
 * await messagesCreate(wabbit, { wa_id: "48123456789", type: "text", text: { body: "Hello!" } });
 * ```
 * Errors and types: import them from `@inboxkit/wabbit` (tree shaking keeps only what you use).
 * @packageDocumentation
 */
import { wabbitCore, type WabbitClientOptions, type WabbitCore } from "./wiring.js";

/**
 * Creates a core of one wabbit inbox: the same pipeline as `createWabbitClient` (a token, a login
 * with username and password on first use, again once after a 401, never repeated once rejected, or
 * a 360dialog API key; each operation refused before sending unless it accepts the credential;
 * retries, timeouts, validation, typed errors) without the operation table. Call operations with the
 * functions of `@inboxkit/wabbit/funcs`: `messagesCreate(core, params)`.
 *
 * @throws {ValidationError} when the credentials are missing, mixed, empty or not sendable, an option is unknown or mistyped, or `baseUrl` is missing or not https.
 */
export function createWabbitCore(options: WabbitClientOptions): WabbitCore {
  return wabbitCore(options);
}

export { vendor } from "./generated/client.js";
export type { WabbitApiKeyOptions, WabbitBaseOptions, WabbitClientOptions, WabbitCore, WabbitLoginOptions, WabbitSession, WabbitTokenOptions } from "./wiring.js";
