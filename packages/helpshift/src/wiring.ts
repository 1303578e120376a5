/**
 * The Helpshift wiring (HTTP Basic credential, bound domain, the checks the schema cannot express)
 * that both `createHelpshiftCore` and `createHelpshiftClient` are built with.
 * @module
 */
import { createApiCore, type ApiCore, type ClientOptions, type CoreParts } from "@inboxkit/runtime";
import { basicAuthorization, checkClientOptions } from "./auth.js";
import { createCheck } from "./check.js";
import { vendor } from "./generated/client.js";
import type { paths } from "./generated/schema.js";

/** Options of `createHelpshiftCore` and `createHelpshiftClient`. */
export interface HelpshiftClientOptions extends ClientOptions {
  /** Your Helpshift API key (sent as the user name of HTTP Basic authentication, with an empty password). */
  readonly apiKey: string;
  /** Your Helpshift domain name: the plain subdomain label, `"acme"` for `acme.helpshift.com`. Bound into every path. */
  readonly domain: string;
}

/** A Helpshift core: what every standalone function of `@inboxkit/helpshift/funcs` takes first (plus `rateLimit`; `raw` is the client's). */
export type HelpshiftCore = ApiCore<paths, undefined>;

/**
 * Checks the Helpshift options and builds the core every Helpshift client and core is (`parts`: the
 * client's `clientParts(table)` — raw calls matched to its operations, the budget's code).
 * @throws {ValidationError} when `apiKey` or `domain` is missing or contains CR/LF, `domain` is not a
 * plain subdomain label, or `baseUrl` is not https.
 */
export function helpshiftCore(options: HelpshiftClientOptions, parts?: CoreParts): HelpshiftCore {
  const { apiKey, domain, ...rest } = options ?? ({} as HelpshiftClientOptions);
  checkClientOptions(apiKey, domain);
  const authorization = basicAuthorization(apiKey);
  return createApiCore<paths, undefined>(
    vendor,
    rest,
    {
      headers: { Authorization: authorization },
      secrets: [apiKey, authorization, authorization.slice("Basic ".length)],
      pathDefaults: { domain },
      check: createCheck(),
      optionNames: ["apiKey", "domain"],
    },
    parts,
  );
}
