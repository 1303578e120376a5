/**
 * The Application API client: one account's agents, teams, inboxes, contacts, conversations,
 * messages, reports, webhooks, automation and help center, with a user's token or an agent bot's.
 * @module
 */
import { clientParts, createApiCore, withOperations, type ApiCore, type ClientCore, type CoreParts } from "@inboxkit/runtime";
import { applicationOperationTable, applicationOperationIterators, vendor, type NimchatApplicationApi, type NimchatApplicationApiForAgentBotApiKey } from "./generated/client.js";
import type { paths } from "./generated/schema.js";
import { filterChecks } from "./filter.js";
import { asObject, checkToken, throwIfIssues, TOKEN_HEADER, type NimchatBaseOptions } from "./options.js";

/** What both ways of authenticating to the Application API take. */
export interface NimchatAccountOptions extends NimchatBaseOptions {
  /** The numeric id of the account every call works on (bound into every path as `account_id`). */
  readonly accountId: number;
}

/** Authenticate as a user (agent or administrator) with the access token from their profile settings. */
export interface NimchatUserOptions extends NimchatAccountOptions {
  /** The user's access token. Sent as `api_access_token`. */
  readonly userToken: string;
  readonly agentBotToken?: never;
}

/**
 * Authenticate as an agent bot. Its token is accepted only by conversation creation, assignment,
 * status and priority changes, and message creation; the client has only those methods.
 */
export interface NimchatAgentBotOptions extends NimchatAccountOptions {
  /** The agent bot's access token. Sent as `api_access_token`. */
  readonly agentBotToken: string;
  readonly userToken?: never;
}

/** Options of {@link createNimchatClient}: a user token or an agent-bot token, not both. */
export type NimchatClientOptions = NimchatUserOptions | NimchatAgentBotOptions;

/** An Application API client authenticated as a user: every Application API operation, `account_id` bound. */
export type NimchatApplicationClient = NimchatApplicationApi & ClientCore<paths>;

/**
 * An Application API client authenticated as an agent bot: only the operations that accept an
 * agent-bot token (`conversations.create`, `.assign`, `.toggleStatus`, `.togglePriority`,
 * `messages.create`). Calling another one is a type error, and refused before sending.
 */
export type NimchatAgentBotClient = NimchatApplicationApiForAgentBotApiKey & ClientCore<paths>;

/**
 * Creates a client of the Nimchat Application API (`/api/v1/accounts/{account_id}/…` and the
 * reports under `/api/v2/…`) for one account.
 *
 * ```ts
 * const nimchat = createNimchatClient({ baseUrl: "https://chat.example.com", accountId: 3, userToken: process.env.NIMCHAT_TOKEN! });
 * for await (const contact of nimchat.contacts.list.iterate({ sort: "-last_activity_at" })) console.log(contact.name);
 * await nimchat.messages.create({ conversation_id: 42, content: "Hello!" });
 * ```
 *
 * `accountId` is bound into every path: calls never repeat it. With `agentBotToken` the returned
 * client has only the operations an agent bot may call (a type error otherwise); a JavaScript
 * caller who reaches another one gets a {@link ValidationError} and nothing is sent.
 *
 * Filter conditions (`contacts.filter`, `conversations.filter`, automation-rule `conditions`) are
 * checked before sending: an operator that takes no values given some, one that needs values given
 * none, `days_before` with a value that is not a number. Build them with {@link nimchatFilter}.
 *
 * @throws {ValidationError} when neither or both tokens are given, a token is blank or holds control
 * characters, `accountId` is not a positive integer, `baseUrl` is missing or not https, or on an
 * unknown option.
 */
export function createNimchatClient(options: NimchatAgentBotOptions): NimchatAgentBotClient;
export function createNimchatClient(options: NimchatUserOptions): NimchatApplicationClient;
export function createNimchatClient(options: NimchatClientOptions): NimchatApplicationClient | NimchatAgentBotClient;
export function createNimchatClient(options: NimchatClientOptions): NimchatApplicationClient | NimchatAgentBotClient {
  return withOperations<paths, NimchatApplicationApi>(applicationCore(options, clientParts(applicationOperationTable)), applicationOperationTable, applicationOperationIterators);
}

/**
 * An Application API core: what the `application…` functions of `@inboxkit/nimchat/funcs` take
 * first (plus `rateLimit`; `raw` is the client's). With an agent-bot token, the operations an agent bot may not
 * call are refused before sending.
 */
export type NimchatApplicationCore = ApiCore<paths, "application">;

/**
 * Checks the Application API options and builds the core every Application API client and core is
 * (`parts`: the client's `clientParts(table)` — raw calls matched to its operations, the budget's code).
 * @throws {ValidationError} when neither or both tokens are given, a token is blank or holds control
 * characters, `accountId` is not a positive integer, `baseUrl` is missing or not https, or on an
 * unknown option.
 */
export function applicationCore(options: NimchatClientOptions, parts?: CoreParts): NimchatApplicationCore {
  const subject = "Nimchat client options";
  const { userToken, agentBotToken, accountId, ...rest } = asObject(options, subject) as unknown as { userToken?: unknown; agentBotToken?: unknown; accountId?: unknown } & NimchatBaseOptions;
  const issues: { path: string; message: string }[] = [];
  if (userToken !== undefined && agentBotToken !== undefined) {
    issues.push({ path: "userToken", message: "pass either userToken or agentBotToken, not both" });
  } else if (agentBotToken !== undefined) checkToken("agentBotToken", agentBotToken, issues);
  else if (userToken === undefined) issues.push({ path: "userToken", message: "is required (or agentBotToken, for an agent bot)" });
  else checkToken("userToken", userToken, issues);
  if (accountId === undefined) issues.push({ path: "accountId", message: "is required (the numeric id of the account)" });
  else if (typeof accountId !== "number" || !Number.isSafeInteger(accountId) || accountId < 1) {
    issues.push({ path: "accountId", message: `must be a positive integer (got ${typeof accountId === "number" ? accountId : typeof accountId})` });
  }
  throwIfIssues(issues, subject, [userToken, agentBotToken]);
  const asBot = agentBotToken !== undefined;
  const token = (asBot ? agentBotToken : userToken) as string;
  return createApiCore<paths, "application">(
    vendor,
    rest,
    {
      headers: { [TOKEN_HEADER]: token },
      secrets: [token],
      pathDefaults: { account_id: String(accountId) },
      scheme: asBot ? "agentBotApiKey" : "userApiKey",
      optionNames: ["userToken", "agentBotToken", "accountId"],
      check: filterChecks,
      api: "application",
    },
    parts,
  );
}
