// The standalone operation functions (`@inboxkit/nimchat/funcs`, named `<api><Resource><Method>`)
// over the per-API cores (`@inboxkit/nimchat/core`): the same request and result as the client
// method, validation and credential checks before sending, a function of another API refused, and
// paging.
import { describe, expect, it } from "vitest";
import { json, recorder } from "../../../scripts/vitest/funcs-harness.js";
import { createNimchatCore, createNimchatPlatformCore, createNimchatPublicCore } from "../src/core.js";
import {
  applicationContactsList,
  applicationContactsListIterate,
  applicationContactsListPages,
  applicationMessagesCreate,
  platformAccountsCreate,
  publicContactsCreate,
  publicMessagesCreate,
} from "../src/funcs.js";
import { createNimchatClient, createNimchatPlatformClient, createNimchatPublicClient, ValidationError } from "../src/index.js";

const BASE = "https://chat.example.com";
const USER_TOKEN = "user-token-SECRET-1234";
const BOT_TOKEN = "bot-token-SECRET-5678";
const MESSAGE = { id: 1, content: "Hello!", message_type: "outgoing" };

describe("nimchat funcs", () => {
  it("application: the same request as the client method (account bound, token header) and the same data", async () => {
    const viaClient = recorder(() => json(MESSAGE));
    const viaFunc = recorder(() => json(MESSAGE));
    const options = { baseUrl: BASE, accountId: 3, userToken: USER_TOKEN };
    const params = { conversation_id: 42, content: "Hello!" };
    const fromClient = await createNimchatClient({ ...options, fetch: viaClient.fetch }).messages.create(params);
    const fromFunc = await applicationMessagesCreate(createNimchatCore({ ...options, fetch: viaFunc.fetch }), params);
    expect(fromFunc).toEqual(fromClient);
    expect(viaFunc.calls).toEqual(viaClient.calls);
    expect(viaFunc.calls[0]).toMatchObject({ method: "POST", url: `${BASE}/api/v1/accounts/3/conversations/42/messages`, body: '{"content":"Hello!"}' });
    expect(viaFunc.calls[0]?.headers.api_access_token).toBe(USER_TOKEN);
  });

  it("public and platform: the same requests as their clients", async () => {
    const contact = { source_id: "src-1", pubsub_token: "ps", name: "Ada" };
    const viaClient = recorder(() => json(contact));
    const viaFunc = recorder(() => json(contact));
    const options = { baseUrl: BASE, inboxIdentifier: "inbox-1" };
    await createNimchatPublicClient({ ...options, fetch: viaClient.fetch }).contacts.create({ name: "Ada" });
    const chat = createNimchatPublicCore({ ...options, fetch: viaFunc.fetch });
    expect(await publicContactsCreate(chat, { name: "Ada" })).toEqual(contact);
    await createNimchatPublicClient({ ...options, fetch: viaClient.fetch }).messages.create({ contact_identifier: "src-1", conversation_id: 7, content: "Hi" });
    await publicMessagesCreate(chat, { contact_identifier: "src-1", conversation_id: 7, content: "Hi" });
    expect(viaFunc.calls).toEqual(viaClient.calls);
    expect(viaFunc.calls[1]?.url).toBe(`${BASE}/public/api/v1/inboxes/inbox-1/contacts/src-1/conversations/7/messages`);

    const platformViaClient = recorder(() => json({ id: 9, name: "Acme" }));
    const platformViaFunc = recorder(() => json({ id: 9, name: "Acme" }));
    await createNimchatPlatformClient({ baseUrl: BASE, platformToken: "pt-1", fetch: platformViaClient.fetch }).accounts.create({ name: "Acme" });
    await platformAccountsCreate(createNimchatPlatformCore({ baseUrl: BASE, platformToken: "pt-1", fetch: platformViaFunc.fetch }), { name: "Acme" });
    expect(platformViaFunc.calls).toEqual(platformViaClient.calls);
    expect(platformViaFunc.calls[0]?.headers.api_access_token).toBe("pt-1");
  });

  it("refuse a bad parameter, a wrong credential and another API's core before anything is sent", async () => {
    const { fetch, calls } = recorder(() => json(MESSAGE));
    const core = createNimchatCore({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, fetch });
    await expect(applicationMessagesCreate(core, { conversation_id: 42, content: "Hi", account_id: 4 } as never)).rejects.toThrow(/account_id: is not a known parameter/);
    const bot = createNimchatCore({ baseUrl: BASE, accountId: 3, agentBotToken: BOT_TOKEN, fetch });
    await expect(applicationContactsList(bot)).rejects.toThrow(/cannot be called with agentBotApiKey credentials/);
    const chat = createNimchatPublicCore({ baseUrl: BASE, inboxIdentifier: "inbox-1", fetch });
    const error = await applicationMessagesCreate(chat as never, { conversation_id: 42, content: "Hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/application\.messages\.create is not an operation of the public API/);
    expect(calls).toHaveLength(0);
  });

  it("…Iterate pages to the last page and …Pages yields each page", async () => {
    const contact = (id: number) => ({ id, payload: { contact: { name: `c${id}` } } });
    const page = (url: string) => Number(new URL(url).searchParams.get("page"));
    const { fetch, calls } = recorder((request) => json(Array.from({ length: page(request.url) < 3 ? 15 : 4 }, (_, i) => contact(page(request.url) * 100 + i))));
    const core = createNimchatCore({ baseUrl: BASE, accountId: 3, userToken: USER_TOKEN, fetch });
    const ids: number[] = [];
    for await (const c of applicationContactsListIterate(core, { sort: "-last_activity_at" })) ids.push(c.id as number);
    expect(ids).toHaveLength(34);
    expect(calls.map((c) => c.url)).toEqual([1, 2, 3].map((p) => `${BASE}/api/v1/accounts/3/contacts?sort=-last_activity_at&page=${p}`));
    const sizes: number[] = [];
    for await (const p of applicationContactsListPages(core)) sizes.push(p.items.length);
    expect(sizes).toEqual([15, 15, 4]);
  });
});
