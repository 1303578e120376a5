/**
 * `createWabbitClient`: the REST client of one wabbit inbox, with token, username+password or
 * 360dialog API key authentication.
 * @module
 */
import { clientParts, withOperations, type ClientCore } from "@inboxkit/runtime";
import { operationTable, operationIterators, type WabbitApi } from "./generated/client.js";
import type { paths } from "./generated/schema.js";
import { wabbitCore, type WabbitClientOptions, type WabbitSession } from "./wiring.js";

/** A wabbit client: one method per operation (`wabbit.messages.create(…)`), plus `raw`, `rateLimit` and `session`. */
export type WabbitClient = WabbitApi &
  ClientCore<paths> & {
    /** The credential state: the scheme, the token held and the number of logins. */
    readonly session: WabbitSession;
  };

/**
 * Creates a client of one wabbit inbox.
 *
 * - `{ baseUrl, token }`: every call sends `Authorization: Token <token>`; a 401 is final.
 * - `{ baseUrl, username, password }`: the client calls `auth.token` on first use (concurrent calls
 *   share one login), keeps the token, and logs in again once after a 401. A rejected login (any
 *   400, 401, 403 or 429 of `auth.token`) is never repeated: every later call fails with the same
 *   error ("Wabbit login with username and password failed …") without contacting the server.
 * - `{ baseUrl, apiKey }`: every call sends `D360-Api-Key: <apiKey>` (the inbox's admin user).
 *
 * Each operation accepts the schemes the spec lists; a call that does not accept the client's is
 * refused before sending. Secrets never appear in errors or logs.
 *
 * ```ts
 * const wabbit = createWabbitClient({ baseUrl: "https://inbox.example.com", username: "bot", password: process.env.WABBIT_PASSWORD! });
 * for await (const chat of wabbit.chats.list.iterate()) console.log(chat.contact.wa_id, chat.new_messages);
 * ```
 * For smaller bundles, the same pipeline without the table: `createWabbitCore`
 * (`@inboxkit/wabbit/core`) with the functions of `@inboxkit/wabbit/funcs`.
 *
 * @throws {ValidationError} when the credentials are missing, mixed, empty or not sendable, an option is unknown or mistyped, or `baseUrl` is missing or not https.
 */
export function createWabbitClient(options: WabbitClientOptions): WabbitClient {
  const core = wabbitCore(options, clientParts(operationTable));
  return Object.defineProperty(withOperations<paths, WabbitApi>(core, operationTable, operationIterators), "session", { value: core.session, enumerable: false }) as WabbitClient;
}

export type { WabbitApiKeyOptions, WabbitBaseOptions, WabbitClientOptions, WabbitCore, WabbitLoginOptions, WabbitSession, WabbitTokenOptions } from "./wiring.js";
