/**
 * `@inboxkit/nimchat/platform`: the Nimchat Platform API client alone (accounts, users, account
 * users, platform agent bots), without the tables of the other two APIs.
 *
 * ```ts
 * import { createNimchatPlatformClient } from "@inboxkit/nimchat/platform";
 * const platform = createNimchatPlatformClient({ baseUrl: "https://chat.example.com", platformToken: "…" });
 * const user = await platform.users.create({ name: "Ada", email: "ada@example.com", password: "…" });
 * ```
 * @packageDocumentation
 */
export * from "./generated/exports.js";
export { platformOperationTable } from "./generated/client.js";
export type { NimchatPlatformApi } from "./generated/client.js";
export { createNimchatPlatformClient, type NimchatPlatformClient, type NimchatPlatformOptions } from "./platform-client.js";
export type { NimchatBaseOptions } from "./options.js";
