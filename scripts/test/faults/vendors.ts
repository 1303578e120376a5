// The vendor clients the fault-injection suite runs against, loaded from their built `dist/`.
// A new vendor joins by adding one entry: how to build its client against the fault server, its
// credentials (every value must stay secret), one safe call (idempotent), one send (not idempotent),
// and, when it has them, a call taking a path parameter and one taking a number.
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** A vendor package's module, as far as the suite uses it. */
export type VendorModule = Record<string, unknown>;
/** A built client, called loosely: the suite drives every vendor the same way. */
export type AnyClient = Record<string, Record<string, (params?: unknown, options?: unknown) => Promise<unknown>>>;
type Call = (client: AnyClient, options?: Record<string, unknown>) => Promise<unknown>;

export interface FaultVendor {
  /** Package directory under packages/. */
  readonly name: string;
  /** The credential options (name → value). */
  readonly credentials: Readonly<Record<string, string>>;
  /** The configured values that are secret (they, and every credential header the server saw, must never show). */
  readonly secrets: readonly string[];
  /** Credential options whose header-borne credential is `value` (to try control characters in it). */
  readonly withHeaderCredential: (value: string) => Record<string, string>;
  /** A token the fault server hands out at login (an obtained secret), for vendors that log in. */
  readonly obtained?: string;
  /** Answers the vendor's login request, when it logs in; true when it answered. */
  readonly login?: (path: string, method: string) => unknown;
  /** Builds the client from the package module with the given options (credentials included). */
  readonly build: (mod: VendorModule, options: Record<string, unknown>) => AnyClient;
  /** A call the spec marks safe to repeat. */
  readonly safe: Call;
  /** A send: never repeated once it may have reached the server. `marker` identifies its body. */
  readonly send: (client: AnyClient, marker: string, options?: Record<string, unknown>) => Promise<unknown>;
  /** A call with `value` as a path parameter, or a hostile path input the vendor refuses (`..`). */
  readonly pathParam?: (mod: VendorModule, options: Record<string, unknown>, value: string) => Promise<unknown>;
  /** A call with `value` as a number parameter (a `number` field where the spec has one). */
  readonly numberParam: (client: AnyClient, value: number) => Promise<unknown>;
  /** A call with `params` merged into the safe call's params. */
  readonly safeWith: (client: AnyClient, params: Record<string, unknown>) => Promise<unknown>;
}

const factory = (mod: VendorModule, name: string) => mod[name] as (options: Record<string, unknown>) => AnyClient;

export const FAULT_VENDORS: readonly FaultVendor[] = [
  {
    name: "helpwise",
    credentials: { apiKey: "hw_key_5ecretA1B2C3", apiSecret: "hw_sec_5ecretD4E5F6" },
    secrets: ["hw_key_5ecretA1B2C3", "hw_sec_5ecretD4E5F6"],
    withHeaderCredential: (value) => ({ apiKey: value, apiSecret: "hw_sec_5ecretD4E5F6" }),
    build: (mod, options) => factory(mod, "createHelpwiseClient")(options),
    safe: (c, o) => c.mailboxes.list({ limit: 10 }, o),
    safeWith: (c, p) => c.mailboxes.list({ limit: 10, ...p }),
    send: (c, marker, o) => c.emails.send({ mailbox_id: 1, to: "ops@example.org", subject: "s", body: marker }, o),
    numberParam: (c, value) => c.mailboxes.list({ limit: value }),
  },
  {
    name: "helpshift",
    credentials: { apiKey: "hs_key_5ecretG7H8I9", domain: "acme" },
    secrets: ["hs_key_5ecretG7H8I9"],
    withHeaderCredential: (value) => ({ apiKey: value, domain: "acme" }),
    build: (mod, options) => factory(mod, "createHelpshiftClient")(options),
    safe: (c, o) => c.messages.getUnread({ app_id: "app_1", uid: "player-1" }, o),
    safeWith: (c, p) => c.messages.getUnread({ app_id: "app_1", uid: "player-1", ...p }),
    send: (c, marker, o) => c.webchat.createLink({ app_id: `app_${marker}` }, o),
    // The path parameter of Helpshift is the bound domain.
    pathParam: async (mod, options, value) => factory(mod, "createHelpshiftClient")({ ...options, domain: value }).messages.getUnread({ app_id: "a" }),
    numberParam: (c, value) => c.webchat.createLink({ app_id: "a", expiry: { viewcount: value } }),
  },
  {
    name: "desk360",
    credentials: { email: "ops@example.org", password: "d3_pass_5ecretJ1K2L3" },
    secrets: ["d3_pass_5ecretJ1K2L3"],
    withHeaderCredential: (value) => ({ token: value }),
    obtained: "d3_tok_obtained_M4N5O6P7",
    login: (path, method) => (method === "POST" && path === "/v1/login" ? { access_token: "d3_tok_obtained_M4N5O6P7", token_type: "Bearer" } : undefined),
    build: (mod, options) => factory(mod, "createDesk360Client")({ requestBudget: false, ...options }),
    safe: (c, o) => c.integrations.list({}, o),
    safeWith: (c, p) => c.integrations.list(p),
    send: (c, marker, o) => c.messages.sendText({ integrationId: 12, to: "+905551112233", text: marker }, o),
    pathParam: (mod, options, value) => factory(mod, "createDesk360Client")({ requestBudget: false, ...options }).media.download({ integrationId: 12, mediaId: value }),
    // A `number` field (an integer field refuses NaN as "expected integer" anyway).
    numberParam: (c, value) => c.messages.sendLocation({ integrationId: 12, to: "+905551112233", location: { latitude: value, longitude: 28.97, name: "x", address: "y" } }),
  },
  {
    // The Application API client (user token in `api_access_token`, account id bound into every path).
    name: "nimchat",
    credentials: { userToken: "nc_tok_5ecretQ1R2S3T4" },
    secrets: ["nc_tok_5ecretQ1R2S3T4"],
    withHeaderCredential: (value) => ({ userToken: value }),
    build: (mod, options) => factory(mod, "createNimchatClient")({ accountId: 3, ...options }),
    safe: (c, o) => c.contacts.list({ page: 1 }, o),
    safeWith: (c, p) => c.contacts.list({ page: 1, ...p }),
    send: (c, marker, o) => c.messages.create({ conversation_id: 42, content: marker }, o),
    // The public client API's contact_identifier is a string path parameter (the application API's ids are integers).
    pathParam: (mod, options, value) => {
      const { userToken: _token, ...rest } = options;
      return factory(mod, "createNimchatPublicClient")({ ...rest, inboxIdentifier: "inbox-1" }).contacts.get({ contact_identifier: value });
    },
    numberParam: (c, value) => c.messages.create({ conversation_id: value, content: "x" }),
  },
  {
    // Username + password: the client gets its token from auth.token, then sends `Authorization: Token <token>`.
    name: "wabbit",
    credentials: { username: "wabbitbot", password: "wb_pass_5ecretU5V6W7" },
    secrets: ["wb_pass_5ecretU5V6W7"],
    withHeaderCredential: (value) => ({ token: value }),
    obtained: "wb_tok_obtained_X8Y9Z0A1B2",
    login: (path, method) => (method === "POST" && path === "/api/v1/auth/token/" ? { token: "wb_tok_obtained_X8Y9Z0A1B2" } : undefined),
    build: (mod, options) => factory(mod, "createWabbitClient")(options),
    safe: (c, o) => c.chats.list({ limit: 100 }, o),
    safeWith: (c, p) => c.chats.list({ limit: 100, ...p }),
    send: (c, marker, o) => c.messages.create({ wa_id: "48123456789", type: "text", text: { body: marker } }, o),
    pathParam: (mod, options, value) => factory(mod, "createWabbitClient")(options).chats.get({ wa_id: value }),
    numberParam: (c, value) => c.messages.create({ wa_id: "48123456789", type: "location", location: { latitude: value, longitude: 21.0122 } }),
  },
];

/**
 * Loads a vendor package's built ESM entry. `FAULTS_DIST_ROOT` may point at another tree of packages
 * (`<root>/<vendor>/dist/index.js`), e.g. a copy of an older build, to measure it.
 */
export async function loadVendor(root: string, name: string): Promise<VendorModule> {
  const base = process.env.FAULTS_DIST_ROOT ?? join(root, "packages");
  return (await import(pathToFileURL(join(base, name, "dist", "index.js")).href)) as VendorModule;
}
