// Nimchat's part of the main job's live calls (see ../demo.ts): typed calls through the built package
// against a Prism mock of specs/nimchat/openapi.yaml, one client per API of the spec.
import { createNimchatClient, createNimchatPlatformClient, createNimchatPublicClient, nimchatFilter, type NimchatSchema } from "@inboxkit/nimchat";
import type { Show } from "./show.js";

export async function demo(baseUrl: string, show: Show): Promise<void> {
  // Platform API: the installation's admin app.
  const platform = createNimchatPlatformClient({ baseUrl, platformToken: "demo-platform-token" });
  const account = await platform.accounts.create({ name: "Acme Support" });
  show("nimchat platform.accounts.create({ name })", account);

  // Application API: one account (its id bound into every path), as an agent.
  const nimchat = createNimchatClient({ baseUrl, accountId: 1, userToken: "demo-user-token" });
  const contacts: NimchatSchema<"Contact">[] = [];
  for await (const contact of nimchat.contacts.list.iterate({ sort: "-last_activity_at" })) contacts.push(contact);
  show(`nimchat contacts.list.iterate() -> ${contacts.length} contact(s): the mock's page is shorter than 15, so it is the last`, contacts.map((c) => ({ id: c.id, name: c.payload?.contact?.name })));
  const open = nimchatFilter().where("status", "equal_to", ["open"]).and("browser_language", "not_eq", ["en"]);
  const filtered = await nimchat.conversations.filter({ ...open.body(), page: 1 });
  show("nimchat conversations.filter(status = open AND browser_language != en)", { counts: filtered.data?.meta, ids: filtered.data?.payload?.map((c) => c.id) });
  const sent = await nimchat.messages.create({ conversation_id: 1, content: "Your order has shipped", message_type: "outgoing" });
  show("nimchat messages.create({ conversation_id, content })", sent);

  // Public client API: a website visitor, no token; the contact session keeps its source_id.
  const chat = createNimchatPublicClient({ baseUrl, inboxIdentifier: "demo-inbox-identifier" });
  const me = await chat.startContactSession({ name: "Ada" });
  const conversation = await me.conversations.create();
  const message = await me.messages.create({ conversation_id: conversation.id ?? 1, content: "Hi, where is my order?" });
  show(`nimchat public session ${me.contactIdentifier}: messages.create(...)`, message);
}
