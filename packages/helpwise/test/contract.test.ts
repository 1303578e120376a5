// Contract tests: every Helpwise operation, called through the generated methods against a Prism
// mock of specs/helpwise/openapi.yaml (started by scripts/vitest/prism-setup.ts). Each result is
// compared with the spec's own 200 example, unwrapped from Helpwise's `{status, data, message}`.
import { afterAll, describe, expect, inject, it } from "vitest";
import { operationRecorder } from "../../../scripts/vitest/coverage.js";
import { specReader } from "../../../scripts/vitest/spec-examples.js";
import { AuthenticationError, BadRequestError, createHelpwiseClient, operationTable, ValidationError } from "../src/index.js";

const recorder = operationRecorder();
const baseUrl = inject("prismUrl");
const helpwise = createHelpwiseClient({ apiKey: "test-key-123", apiSecret: "test-secret-456", baseUrl, logger: recorder.logger, retry: false });

afterAll(() => recorder.save(new URL("..", import.meta.url).pathname));

const { responseExample } = specReader("helpwise");
/** The `data` of an operation's documented 200 example: what the client returns for it. */
const documented = (id: string): unknown => (responseExample(id) as { data?: unknown } | undefined)?.data;

describe("mailboxes", () => {
  it("lists, iterates, gets and creates mailboxes", async () => {
    const page = await helpwise.mailboxes.list({ page: 1, limit: 50 });
    expect(Array.isArray(page)).toBe(true);
    expect(page[0]).toMatchObject({ id: expect.any(String), email: expect.stringContaining("@") });
    const all = [];
    for await (const mailbox of helpwise.mailboxes.list.iterate()) all.push(mailbox);
    expect(all.length).toBe(page.length);
    expect(page).toEqual(documented("mailboxes.list"));
    const mailbox = await helpwise.mailboxes.get({ id: String(page[0]?.id) });
    expect(mailbox).toEqual(documented("mailboxes.get"));
    expect(await helpwise.mailboxes.create({ email: "support@example.org", displayName: "Support" })).toEqual(documented("mailboxes.create"));
  });
});

describe("threads, notes and emails", () => {
  it("lists threads, reads a thread's emails, assigns and notes", async () => {
    const threads = await helpwise.threads.list({ mailboxId: 204499, tabType: "all", limit: 10 });
    expect(threads).toEqual(documented("threads.list"));
    expect(await helpwise.threads.getEmails({ mailbox_id: 204499, thread_id: 1 })).toEqual(documented("threads.getEmails"));
    expect(await helpwise.threads.assign({ mailbox_id: 204499, thread_id: 1, assigned_to: 0 })).toEqual(documented("threads.assign"));
    expect(await helpwise.notes.add({ mailbox_id: 204499, thread_id: 1, message: "Checked with billing." })).toEqual(documented("notes.add"));
    const emails = await helpwise.emails.list({ mailboxId: 204499, threadId: 1 });
    expect(emails).toEqual(documented("emails.list"));
    expect(await helpwise.emails.send({ mailbox_id: 204499, to: "customer@example.org", subject: "Re: your order", body: "<p>Shipped.</p>" })).toEqual(documented("emails.send"));
  });
});

describe("users", () => {
  it("reads the current user and lists users", async () => {
    const me = await helpwise.users.me();
    expect(me).toEqual(documented("users.me"));
    const users = await helpwise.users.list({ mailbox_id: 204499 });
    expect(users).toEqual(documented("users.list"));
  });
});

describe("whatsapp and sms", () => {
  it("covers templates, sends, conversations and messages", async () => {
    expect(await helpwise.whatsapp.listTemplates({ mailbox_id: 204499 })).toEqual(documented("whatsapp.listTemplates"));
    expect(await helpwise.whatsapp.send({ mailbox_id: 204499, to: "+14155550100", message: "Hello" })).toEqual(documented("whatsapp.send"));
    expect(await helpwise.whatsapp.listConversations({ mailboxID: 204499, page: 1, tabType: "all" })).toEqual(documented("whatsapp.listConversations"));
    expect(await helpwise.whatsapp.listMessages({ mailboxID: 204499, page: 1, customerNumber: "14155550100" })).toEqual(documented("whatsapp.listMessages"));
    expect(await helpwise.sms.send({ mailbox_id: 204499, to: "+14155550100", message: "Hello" })).toEqual(documented("sms.send"));
    expect(await helpwise.sms.listConversations({ mailboxID: 204499, page: 1 })).toEqual(documented("sms.listConversations"));
    expect(await helpwise.sms.listMessages({ mailboxID: 204499, page: 1, customerNumber: "14155550100" })).toEqual(documented("sms.listMessages"));
  });
});

describe("chat and contacts", () => {
  it("sends a chat message and manages contacts", async () => {
    expect(await helpwise.chat.send({ mailbox_id: 204499, thread_id: 1, message: "<b>Hi</b>" })).toEqual(documented("chat.send"));
    const contacts = await helpwise.contacts.list({ page: 1, limit: 20 });
    expect(contacts).toEqual(documented("contacts.list"));
    expect(await helpwise.contacts.get({ id: 1 })).toEqual(documented("contacts.get"));
    expect(await helpwise.contacts.search({ email: "jane@example.org" })).toEqual(documented("contacts.search"));
    expect(await helpwise.contacts.create({ firstname: "Jane", emails: ["jane@example.org"], phones: [{ phone: "+14155550100" }] })).toEqual(documented("contacts.create"));
  });
});

describe("errors", () => {
  it("missing auth is a typed AuthenticationError", async () => {
    const noAuth = createHelpwiseClient({ apiKey: "k-123", apiSecret: "s-456", baseUrl, retry: false, headers: {} });
    const { response } = await noAuth.raw.POST("/users/me", { headers: { Authorization: null as unknown as string } });
    expect(response.status).toBe(401);
    await expect(noAuth.users.me({}, { headers: { Authorization: "" } })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("an invalid body rejected by the server is a typed BadRequestError", async () => {
    const unchecked = createHelpwiseClient({ apiKey: "k-123", apiSecret: "s-456", baseUrl, retry: false, validate: false });
    const error = await unchecked.mailboxes.list({ limit: 101 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, request: { operationId: "mailboxes.list", method: "POST", path: "/mailboxes/list" } });
  });

  it("the client rejects the same body before sending", async () => {
    await expect(helpwise.mailboxes.list({ limit: 101 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("coverage", () => {
  it("every operation of the spec was called (run last)", () => {
    const uncalled = operationTable.map((op) => op.id).filter((id) => !recorder.called.has(id));
    expect(uncalled).toEqual([]);
    expect(recorder.called.size).toBe(23);
  });
});
