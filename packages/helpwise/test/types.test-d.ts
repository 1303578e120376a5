// Type tests: the public signatures of the generated Helpwise client.
import { describe, expectTypeOf, it } from "vitest";
import { createHelpwiseClient, type HelpwiseSchema, type Page } from "../src/index.js";

const helpwise = createHelpwiseClient({ apiKey: "k", apiSecret: "s" });

describe("generated methods", () => {
  it("take typed params and return the unwrapped data", async () => {
    expectTypeOf(helpwise.mailboxes.list).parameter(0).toEqualTypeOf<{ page?: number; limit?: number; offset?: number } | undefined>();
    const mailboxes = await helpwise.mailboxes.list({ limit: 10 });
    expectTypeOf(mailboxes).toEqualTypeOf<HelpwiseSchema<"Mailbox">[]>();
    expectTypeOf<HelpwiseSchema<"Mailbox">["email"]>().toEqualTypeOf<string>();
    // @ts-expect-error limit is a number
    void helpwise.mailboxes.list({ limit: "10" });
    // @ts-expect-error unknown parameter
    void helpwise.mailboxes.list({ limt: 10 });
    // @ts-expect-error mailboxId is required
    void helpwise.threads.list({});
    // @ts-expect-error not an operation
    void helpwise.mailboxes.delete;
  });

  it("list operations iterate items and pages", () => {
    expectTypeOf(helpwise.mailboxes.list.iterate()).toEqualTypeOf<AsyncIterableIterator<HelpwiseSchema<"Mailbox">>>();
    expectTypeOf(helpwise.mailboxes.list.pages()).toEqualTypeOf<AsyncIterableIterator<Page<HelpwiseSchema<"Mailbox">[], HelpwiseSchema<"Mailbox">>>>();
    // @ts-expect-error sends do not paginate
    void helpwise.emails.send.iterate;
  });

  it("sends require their fields", () => {
    expectTypeOf(helpwise.emails.send).parameter(0).toHaveProperty("subject");
    // @ts-expect-error body is required
    void helpwise.emails.send({ mailbox_id: 1, to: "a@b.co", subject: "s" });
  });

  it("the raw client is path-keyed", async () => {
    const { data } = await helpwise.raw.POST("/mailboxes/list", { body: { limit: 5 } });
    expectTypeOf<NonNullable<typeof data>["data"]>().toEqualTypeOf<HelpwiseSchema<"Mailbox">[]>();
    // @ts-expect-error no such path
    void helpwise.raw.POST("/mailboxes/nope", {});
  });

  it("rate-limit state is readable", () => {
    expectTypeOf(helpwise.rateLimit.remaining).toEqualTypeOf<number | undefined>();
  });
});

// "Types that chain": an id a response returns is passed to the next operation as it is, with no
// cast (`!` only asserts an element or optional field is present). Each `it` is one resource.
describe("ids chain from one operation to the next", () => {
  it("mailboxes: a mailbox's string id goes into every mailbox-id parameter", async () => {
    const [m] = await helpwise.mailboxes.list();
    expectTypeOf(m!.id).toEqualTypeOf<string>();
    await helpwise.mailboxes.get({ id: m!.id });
    await helpwise.threads.list({ mailboxId: m!.id, tabType: "all" });
    await helpwise.threads.getEmails({ mailbox_id: m!.id, thread_id: 1 });
    await helpwise.emails.send({ mailbox_id: m!.id, to: "a@b.co", subject: "s", body: "b" });
    await helpwise.users.list({ mailbox_id: m!.id });
    await helpwise.whatsapp.listTemplates({ mailbox_id: m!.id });
    await helpwise.whatsapp.listConversations({ mailboxID: m!.id });
    await helpwise.sms.send({ mailbox_id: m!.id, to: "+918587805615", message: "hi" });
    await helpwise.chat.send({ mailbox_id: m!.id, thread_id: 494141, message: "hi" });
    const created = await helpwise.mailboxes.create({ email: "help@example.org" });
    await helpwise.mailboxes.get({ id: created.id });
    // The doc gives the mailbox id both ways: numbers are accepted everywhere too.
    expectTypeOf<HelpwiseSchema<"MailboxId">>().toEqualTypeOf<number | string>();
    await helpwise.mailboxes.get({ id: 204499 });
  });

  it("threads: a thread's id, tags and folder go into the thread calls", async () => {
    const [m] = await helpwise.mailboxes.list();
    const [t] = await helpwise.threads.list({ mailboxId: m!.id });
    expectTypeOf(t!.id).toEqualTypeOf<number>();
    await helpwise.threads.getEmails({ mailbox_id: m!.id, thread_id: t!.id });
    await helpwise.emails.list({ mailboxId: m!.id, threadId: t!.id });
    await helpwise.notes.add({ mailbox_id: m!.id, thread_id: t!.id, message: "note" });
    await helpwise.threads.list({ mailboxId: m!.id, tagId: t!.tags![0]!.id!, labelId: t!.latestEmail!.labelID! });
    // threadId is an integer (the doc's one string sample is taken for a slip).
    // @ts-expect-error threadId is a number
    void helpwise.emails.list({ mailboxId: m!.id, threadId: "252409" });
  });

  it("users: a user's id assigns a thread, and the assignment's ids chain back", async () => {
    const { users } = await helpwise.users.list();
    const me = await helpwise.users.me();
    const a = await helpwise.threads.assign({ mailbox_id: 204390, thread_id: 53610037, assigned_to: users[0]!.id });
    await helpwise.threads.assign({ mailbox_id: a.mailbox_id!, thread_id: a.threadID!, assigned_to: me.id });
    await helpwise.mailboxes.get({ id: a.mailbox_id! });
  });

  it("templates: a template's id is the templateId of a send", async () => {
    const [tpl] = await helpwise.whatsapp.listTemplates({ mailbox_id: "221143" });
    expectTypeOf(tpl!.id).toEqualTypeOf<number>();
    await helpwise.whatsapp.send({ mailbox_id: "221143", to: "+918587805615", templateId: tpl!.id, template_variables_data: ["Rishabh"] });
  });

  it("WhatsApp and SMS conversations: the customer's number lists their messages", async () => {
    const { threads } = await helpwise.whatsapp.listConversations({ mailboxID: 205239 });
    await helpwise.whatsapp.listMessages({ mailboxID: 205239, customerNumber: threads[0]!.clientNumber! });
    const sms = await helpwise.sms.listConversations({ mailboxID: 205239 });
    await helpwise.sms.listMessages({ mailboxID: 205239, customerNumber: sms.threads[0]!.clientNumber! });
  });

  it("chat and contacts: a chat message's ids and a contact's id", async () => {
    const sent = await helpwise.chat.send({ mailbox_id: 204811, thread_id: 494141, message: "hi" });
    await helpwise.chat.send({ mailbox_id: sent.mailbox_id!, thread_id: sent.thread_id!, message: "again" });
    await helpwise.contacts.get({ id: sent.contact_id! });
    const [c] = await helpwise.contacts.list();
    expectTypeOf(c!.id).toEqualTypeOf<number>();
    const one = await helpwise.contacts.get({ id: c!.id });
    const [found] = await helpwise.contacts.search({ email: one.primaryEmail! });
    await helpwise.contacts.get({ id: found!.id });
    // The contact id is an integer (the doc's table says string, its samples and responses a number).
    // @ts-expect-error the contact id is a number
    void helpwise.contacts.get({ id: "204811" });
  });
});
