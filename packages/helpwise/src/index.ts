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
import {
  assertHeaderValue,
  createApiClient,
  ValidationError,
  type ClientCore,
  type ClientOptions,
  type ValidationIssue,
} from "@inboxkit/runtime";
import { operationTable, vendor, type HelpwiseApi } from "./generated/client.js";
import type { paths } from "./generated/schema.js";

/** Options of {@link createHelpwiseClient}. */
export interface HelpwiseClientOptions extends ClientOptions {
  /** The API key from Helpwise's API credentials page. */
  readonly apiKey: string;
  /** The API secret paired with the key. */
  readonly apiSecret: string;
}

/** A Helpwise client: one method per operation (`helpwise.mailboxes.list(…)`), plus `raw` and `rateLimit`. */
export type HelpwiseClient = HelpwiseApi & ClientCore<paths>;

/**
 * Creates a Helpwise client.
 *
 * Helpwise authenticates every call with the raw header `Authorization: <api key>:<api secret>`
 * (what its samples send; not HTTP Basic). Every method returns the `data` of Helpwise's
 * `{status, data, message}` envelope and throws a typed error otherwise.
 *
 * @throws {ValidationError} when a credential is missing or contains CR/LF, or `baseUrl` is not https.
 */
export function createHelpwiseClient(options: HelpwiseClientOptions): HelpwiseClient {
  const { apiKey, apiSecret, ...rest } = options ?? ({} as HelpwiseClientOptions);
  const issues: ValidationIssue[] = [];
  if (typeof apiKey !== "string" || apiKey.trim() === "") issues.push({ path: "apiKey", message: "is required" });
  if (typeof apiSecret !== "string" || apiSecret.trim() === "") issues.push({ path: "apiSecret", message: "is required" });
  if (issues.length) throw new ValidationError(issues, { subject: "Helpwise client options" });
  assertHeaderValue("apiKey", apiKey);
  assertHeaderValue("apiSecret", apiSecret);
  return createApiClient<paths, HelpwiseApi>(vendor, operationTable, rest, {
    headers: { Authorization: `${apiKey}:${apiSecret}`, "Content-Type": "application/json" },
    secrets: [apiKey, apiSecret, `${apiKey}:${apiSecret}`],
    optionNames: ["apiKey", "apiSecret"],
  });
}

// Errors, shared types, the spec's types and schema alias, the operation table: written by the generator.
export * from "./generated/exports.js";
