/**
 * The Platform API client: for whoever runs the Nimchat installation (accounts, users, account
 * users, platform agent bots), authenticated with a platform app token.
 * @module
 */
import { clientParts, createApiCore, withOperations, type ApiCore, type ClientCore, type CoreParts } from "@inboxkit/runtime";
import { platformOperationTable, platformOperationIterators, vendor, type NimchatPlatformApi } from "./generated/client.js";
import type { paths } from "./generated/schema.js";
import { asObject, checkToken, throwIfIssues, TOKEN_HEADER, type NimchatBaseOptions } from "./options.js";

/** Options of {@link createNimchatPlatformClient}. */
export interface NimchatPlatformOptions extends NimchatBaseOptions {
  /** The access token of a platform app (created by the installation's super admin). Sent as `api_access_token`. */
  readonly platformToken: string;
}

/** A Platform API client: `platform.accounts.create(…)`, `platform.users.get(…)`…, plus `raw` and `rateLimit`. */
export type NimchatPlatformClient = NimchatPlatformApi & ClientCore<paths>;

/** A Platform API core: what the `platform…` functions of `@inboxkit/nimchat/funcs` take first (plus `rateLimit`; `raw` is the client's). */
export type NimchatPlatformCore = ApiCore<paths, "platform">;

/**
 * Checks the Platform API options and builds the core every Platform API client and core is
 * (`parts`: the client's `clientParts(table)` — raw calls matched to its operations, the budget's code).
 * @throws {ValidationError} when `platformToken` is missing, blank or holds control characters, when
 * `baseUrl` is missing or not https (plain http only for localhost), or on an unknown option.
 */
export function platformCore(options: NimchatPlatformOptions, parts?: CoreParts): NimchatPlatformCore {
  const subject = "Nimchat platform client options";
  const { platformToken, ...rest } = asObject(options, subject) as unknown as NimchatPlatformOptions;
  const issues: { path: string; message: string }[] = [];
  checkToken("platformToken", platformToken, issues);
  throwIfIssues(issues, subject, [platformToken]);
  return createApiCore<paths, "platform">(
    vendor,
    rest,
    {
      headers: { [TOKEN_HEADER]: platformToken },
      secrets: [platformToken],
      scheme: "platformAppApiKey",
      optionNames: ["platformToken"],
      api: "platform",
    },
    parts,
  );
}

/**
 * Creates a client of the Nimchat Platform API (`/platform/api/v1/…`).
 *
 * ```ts
 * const platform = createNimchatPlatformClient({ baseUrl: "https://chat.example.com", platformToken: process.env.NIMCHAT_PLATFORM_TOKEN! });
 * const account = await platform.accounts.create({ name: "Acme" });
 * ```
 *
 * Every request sends the token in the `api_access_token` header. Only Platform API operations
 * are on this client; a raw call to another API's operation is refused by Nimchat, not here.
 *
 * @throws {ValidationError} when `platformToken` is missing, blank or holds control characters, when
 * `baseUrl` is missing or not https (plain http only for localhost), or on an unknown option.
 */
export function createNimchatPlatformClient(options: NimchatPlatformOptions): NimchatPlatformClient {
  return withOperations<paths, NimchatPlatformApi>(platformCore(options, clientParts(platformOperationTable)), platformOperationTable, platformOperationIterators);
}
