/**
 * The Helpwise wiring (credentials, auth header, secrets) that both `createHelpwiseCore` and
 * `createHelpwiseClient` are built with.
 * @module
 */
import { assertHeaderValue, createApiCore, ValidationError, type ApiCore, type ClientOptions, type CoreParts, type ValidationIssue } from "@inboxkit/runtime";
import { vendor } from "./generated/client.js";
import type { paths } from "./generated/schema.js";

/** Options of `createHelpwiseCore` and `createHelpwiseClient`. */
export interface HelpwiseClientOptions extends ClientOptions {
  /** The API key from Helpwise's API credentials page. */
  readonly apiKey: string;
  /** The API secret paired with the key. */
  readonly apiSecret: string;
}

/** A Helpwise core: what every standalone function of `@inboxkit/helpwise/funcs` takes first (plus `rateLimit`; `raw` is the client's). */
export type HelpwiseCore = ApiCore<paths, undefined>;

/**
 * Checks the Helpwise options and builds the core every Helpwise client and core is (`parts`: the
 * client's `clientParts(table)` — raw calls matched to its operations, the budget's code).
 * @throws {ValidationError} when a credential is missing or contains CR/LF, or `baseUrl` is not https.
 */
export function helpwiseCore(options: HelpwiseClientOptions, parts?: CoreParts): HelpwiseCore {
  const { apiKey, apiSecret, ...rest } = options ?? ({} as HelpwiseClientOptions);
  const issues: ValidationIssue[] = [];
  if (typeof apiKey !== "string" || apiKey.trim() === "") issues.push({ path: "apiKey", message: "is required" });
  if (typeof apiSecret !== "string" || apiSecret.trim() === "") issues.push({ path: "apiSecret", message: "is required" });
  if (issues.length) throw new ValidationError(issues, { subject: "Helpwise client options" });
  assertHeaderValue("apiKey", apiKey);
  assertHeaderValue("apiSecret", apiSecret);
  return createApiCore<paths, undefined>(
    vendor,
    rest,
    {
      headers: { Authorization: `${apiKey}:${apiSecret}`, "Content-Type": "application/json" },
      secrets: [apiKey, apiSecret, `${apiKey}:${apiSecret}`],
      optionNames: ["apiKey", "apiSecret"],
    },
    parts,
  );
}

