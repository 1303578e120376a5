/**
 * `@inboxkit/desk360`: a typed client for the Desk360 WhatsApp API, generated from
 * `specs/desk360/openapi.yaml`.
 *
 * ```ts
 * import { createDesk360Client } from "@inboxkit/desk360";
 * const desk360 = createDesk360Client({ email: "…", password: "…" });
 * await desk360.messages.sendText({ integrationId: 12, to: "+905551112233", text: "Hello!" });
 * ```
 * @packageDocumentation
 */
import { clientParts, withOperations, type ClientCore } from "@inboxkit/runtime";
import { operationTable, operationIterators, type Desk360Api } from "./generated/client.js";
import type { paths } from "./generated/schema.js";
import { desk360Core, type Desk360ClientOptions, type Desk360Session } from "./wiring.js";

/** A Desk360 client: one method per operation (`desk360.messages.sendText(…)`), plus `raw`, `rateLimit` and `session`. */
export type Desk360Client = Desk360Api &
  ClientCore<paths> & {
    /** The login state: the token held (if any) and how many logins happened. */
    readonly session: Desk360Session;
  };

/**
 * Creates a Desk360 client.
 *
 * With `{ token }` every call sends `Authorization: Bearer <token>`. With `{ email, password }` the
 * client logs in (`POST /v1/login`) on first use, keeps the token, logs in again once after a 401,
 * and concurrent calls share one login. A rejected login (any 401 or 429 of `/v1/login`) is never
 * retried — the API locks an account after 5 wrong attempts a minute — and every later call fails
 * with the same error ("Desk360 login with email and password failed …") without contacting the API.
 *
 * For smaller bundles, the same pipeline without the table: `createDesk360Core`
 * (`@inboxkit/desk360/core`) with the functions of `@inboxkit/desk360/funcs`.
 *
 * @throws {ValidationError} when the credentials are missing or contain control characters, an option is unknown or mistyped, or `baseUrl` is not https.
 */
export function createDesk360Client(options: Desk360ClientOptions): Desk360Client {
  const core = desk360Core(options, clientParts(operationTable));
  return Object.defineProperty(withOperations<paths, Desk360Api>(core, operationTable, operationIterators), "session", { value: core.session, enumerable: false }) as Desk360Client;
}

export { createDesk360Core } from "./core.js";
export {
  DESK360_BUDGET,
  isDesk360Error,
  type Desk360APIError,
  type Desk360BaseOptions,
  type Desk360ClientOptions,
  type Desk360Core,
  type Desk360CredentialOptions,
  type Desk360Session,
  type Desk360TokenOptions,
} from "./wiring.js";
export { MAX_ATTACHMENT_BYTES } from "./checks.js";
export { parseDesk360Webhook, type Desk360MediaKind, type Desk360Webhook } from "./webhooks.js";

// Errors, shared types, the spec's types and schema alias, the operation table: written by the generator.
export * from "./generated/exports.js";
