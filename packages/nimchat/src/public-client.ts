/**
 * The public client API: for a custom chat front end on an API inbox. No token; the inbox is bound,
 * and a contact session keeps the contact's `source_id` for every contact-scoped call.
 * @module
 */
import { clientParts, createApiCore, ResponseParseError, ValidationError, withOperations, type ApiCore, type ClientCore, type CoreParts, type RequestOptions } from "@inboxkit/runtime";
import { publicOperationTable, publicOperationIterators, vendor, type NimchatPublicApi } from "./generated/client.js";
import type { components, paths } from "./generated/schema.js";
import { asObject, throwIfIssues, type NimchatBaseOptions } from "./options.js";

/** Options of {@link createNimchatPublicClient}. */
export interface NimchatPublicOptions extends NimchatBaseOptions {
  /** The identifier of the API inbox (from its settings), bound into every path as `inbox_identifier`. */
  readonly inboxIdentifier: string;
}

/** The parameters of a public method, without the ids the session binds. */
type SessionParams<M extends (...args: never[]) => unknown> = Omit<NonNullable<Parameters<M>[0]>, "contact_identifier">;
/** The result of a public method. */
type Result<M extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<M>>;

/** The end user's contact, as the public API returns it. */
export type NimchatPublicContact = components["schemas"]["PublicContact"];

/**
 * One end user's contact: the contact-scoped calls of the public API, with its `source_id` (the
 * `contact_identifier` of the paths) bound, so calls never repeat it.
 */
export interface NimchatContactSession {
  /** The contact's `source_id`: the `contact_identifier` of every call. Store it to resume the session later. */
  readonly contactIdentifier: string;
  /** The contact's `pubsub_token`, which identifies it on Nimchat's websocket (when known). */
  readonly pubsubToken: string | undefined;
  /** The contact as created (`startContactSession`), or `undefined` for a resumed session. */
  readonly contact: NimchatPublicContact | undefined;
  /** `public.contacts.get`: the contact's details. */
  get(options?: RequestOptions): Promise<Result<NimchatPublicApi["contacts"]["get"]>>;
  /** `public.contacts.update`: updates the contact. */
  update(params: SessionParams<NimchatPublicApi["contacts"]["update"]>, options?: RequestOptions): Promise<Result<NimchatPublicApi["contacts"]["update"]>>;
  /** The contact's conversations. */
  readonly conversations: {
    /** `public.conversations.create`: starts a conversation (optionally with custom attributes). */
    create(params?: SessionParams<NimchatPublicApi["conversations"]["create"]>, options?: RequestOptions): Promise<Result<NimchatPublicApi["conversations"]["create"]>>;
    /** `public.conversations.list`: every conversation of the contact. */
    list(options?: RequestOptions): Promise<Result<NimchatPublicApi["conversations"]["list"]>>;
  };
  /** Messages of the contact's conversations. */
  readonly messages: {
    /** `public.messages.create`: sends a message from the end user. */
    create(params: SessionParams<NimchatPublicApi["messages"]["create"]>, options?: RequestOptions): Promise<Result<NimchatPublicApi["messages"]["create"]>>;
    /** `public.messages.list`: every message of a conversation. */
    list(params: SessionParams<NimchatPublicApi["messages"]["list"]>, options?: RequestOptions): Promise<Result<NimchatPublicApi["messages"]["list"]>>;
    /** `public.messages.update`: submits the end user's answer to an interactive message (e.g. a CSAT survey). */
    update(params: SessionParams<NimchatPublicApi["messages"]["update"]>, options?: RequestOptions): Promise<Result<NimchatPublicApi["messages"]["update"]>>;
  };
}

/** The contact to create: `public.contacts.create`'s body. */
export type NimchatPublicContactRequest = NonNullable<Parameters<NimchatPublicApi["contacts"]["create"]>[0]>;

/** A public client API client, `inbox_identifier` bound, plus contact sessions. */
export type NimchatPublicClient = NimchatPublicApi &
  ClientCore<paths> & {
    /**
     * Creates the end user's contact (`public.contacts.create`) and returns a session bound to its
     * `source_id`, keeping its `pubsub_token`. For an HMAC-verified identity pass `identifier` and
     * an `identifier_hash` computed on your server (see `identityHash`).
     * @throws {ResponseParseError} when the response has no `source_id`.
     */
    startContactSession(contact?: NimchatPublicContactRequest, options?: RequestOptions): Promise<NimchatContactSession>;
    /**
     * A session for a contact created earlier, from its stored `source_id` (nothing is sent).
     * @throws {ValidationError} when `contactIdentifier` is not a non-empty string.
     */
    contactSession(contactIdentifier: string, pubsubToken?: string): NimchatContactSession;
  };

function session(api: NimchatPublicApi, contactIdentifier: string, pubsubToken: string | undefined, contact: NimchatPublicContact | undefined): NimchatContactSession {
  const id = { contact_identifier: contactIdentifier };
  return Object.freeze({
    contactIdentifier,
    pubsubToken,
    contact,
    get: (options?: RequestOptions) => api.contacts.get(id, options),
    update: (params: SessionParams<NimchatPublicApi["contacts"]["update"]>, options?: RequestOptions) => api.contacts.update({ ...params, ...id }, options),
    conversations: Object.freeze({
      create: (params?: SessionParams<NimchatPublicApi["conversations"]["create"]>, options?: RequestOptions) => api.conversations.create({ ...params, ...id }, options),
      list: (options?: RequestOptions) => api.conversations.list(id, options),
    }),
    messages: Object.freeze({
      create: (params: SessionParams<NimchatPublicApi["messages"]["create"]>, options?: RequestOptions) => api.messages.create({ ...params, ...id }, options),
      list: (params: SessionParams<NimchatPublicApi["messages"]["list"]>, options?: RequestOptions) => api.messages.list({ ...params, ...id }, options),
      update: (params: SessionParams<NimchatPublicApi["messages"]["update"]>, options?: RequestOptions) => api.messages.update({ ...params, ...id }, options),
    }),
  });
}

/** A public client API core: what the `public…` functions of `@inboxkit/nimchat/funcs` take first (plus `rateLimit`; `raw` is the client's). */
export type NimchatPublicCore = ApiCore<paths, "public">;

/**
 * Checks the public client API options and builds the core every public API client and core is
 * (`parts`: the client's `clientParts(table)` — raw calls matched to its operations, the budget's code).
 * @throws {ValidationError} when `inboxIdentifier` is missing or blank, `baseUrl` is missing or not
 * https, or on an unknown option.
 */
export function publicCore(options: NimchatPublicOptions, parts?: CoreParts): NimchatPublicCore {
  const subject = "Nimchat public client options";
  const { inboxIdentifier, ...rest } = asObject(options, subject) as unknown as { inboxIdentifier?: unknown } & NimchatBaseOptions;
  const issues: { path: string; message: string }[] = [];
  if (inboxIdentifier === undefined || inboxIdentifier === null || inboxIdentifier === "") issues.push({ path: "inboxIdentifier", message: "is required (the identifier of the API inbox)" });
  else if (typeof inboxIdentifier !== "string") issues.push({ path: "inboxIdentifier", message: `must be a string (got ${typeof inboxIdentifier})` });
  else if (inboxIdentifier.trim() === "") issues.push({ path: "inboxIdentifier", message: "must not be blank" });
  throwIfIssues(issues, subject, []);
  return createApiCore<paths, "public">(
    vendor,
    rest,
    {
      pathDefaults: { inbox_identifier: inboxIdentifier as string },
      optionNames: ["inboxIdentifier"],
      api: "public",
    },
    parts,
  );
}

/**
 * Creates a client of the Nimchat public client API (`/public/api/v1/inboxes/{inbox_identifier}/…`)
 * for one API inbox. It takes no token: it is meant for the end user's own front end.
 *
 * ```ts
 * const chat = createNimchatPublicClient({ baseUrl: "https://chat.example.com", inboxIdentifier: "Fq1LrWmpJEbD4Xs4yV1sPbWN" });
 * const me = await chat.startContactSession({ name: "Ada" });
 * const conversation = await me.conversations.create();
 * await me.messages.create({ conversation_id: conversation.id!, content: "Hi!" });
 * ```
 *
 * @throws {ValidationError} when `inboxIdentifier` is missing or blank, `baseUrl` is missing or not
 * https, or on an unknown option.
 */
export function createNimchatPublicClient(options: NimchatPublicOptions): NimchatPublicClient {
  const api = withOperations<paths, NimchatPublicApi>(publicCore(options, clientParts(publicOperationTable)), publicOperationTable, publicOperationIterators);
  const contactSession = (contactIdentifier: string, pubsubToken?: string): NimchatContactSession => {
    if (typeof contactIdentifier !== "string" || contactIdentifier.trim() === "") {
      throw new ValidationError([{ path: "contactIdentifier", message: "must be a non-empty string (the contact's source_id)" }], { subject: "Nimchat contact session" });
    }
    return session(api, contactIdentifier, pubsubToken, undefined);
  };
  const startContactSession = async (contact?: NimchatPublicContactRequest, options?: RequestOptions): Promise<NimchatContactSession> => {
    const created = await api.contacts.create(contact, options);
    const sourceId = created?.source_id;
    if (typeof sourceId !== "string" || sourceId === "") {
      const op = publicOperationTable.find((o) => o.id === "public.contacts.create");
      const request = op ? { operationId: op.id, method: op.method, path: op.path } : undefined;
      throw new ResponseParseError("Nimchat public.contacts.create: the response has no source_id, so the contact cannot be addressed", { status: 200, request });
    }
    return session(api, sourceId, typeof created.pubsub_token === "string" ? created.pubsub_token : undefined, created);
  };
  return Object.defineProperties(api, {
    startContactSession: { value: startContactSession, enumerable: false },
    contactSession: { value: contactSession, enumerable: false },
  }) as NimchatPublicClient;
}
