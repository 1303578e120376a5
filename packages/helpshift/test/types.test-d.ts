// Type tests: the public signatures of the Helpshift client and its helpers.
import { describe, expectTypeOf, it } from "vitest";
import {
  browserUrl,
  createHelpshiftClient,
  decodeQrCode,
  expiry,
  type CreateLinkParams,
  type Expiry,
  type GetUnreadParams,
  type HelpshiftClient,
  type HelpshiftClientOptions,
  type HelpshiftSchema,
  type QrCode,
} from "../src/index.js";

const helpshift = createHelpshiftClient({ apiKey: "k", domain: "acme" });

describe("createHelpshiftClient", () => {
  it("needs an API key and a domain", () => {
    expectTypeOf(createHelpshiftClient).parameter(0).toEqualTypeOf<HelpshiftClientOptions>();
    expectTypeOf(createHelpshiftClient).returns.toEqualTypeOf<HelpshiftClient>();
    expectTypeOf<HelpshiftClientOptions["apiKey"]>().toEqualTypeOf<string>();
    expectTypeOf<HelpshiftClientOptions["domain"]>().toEqualTypeOf<string>();
    // @ts-expect-error domain is required
    createHelpshiftClient({ apiKey: "k" });
    // @ts-expect-error apiKey is required
    createHelpshiftClient({ domain: "acme" });
    // @ts-expect-error no apiSecret: the password of the Basic auth is empty
    createHelpshiftClient({ apiKey: "k", domain: "acme", apiSecret: "s" });
    createHelpshiftClient({ apiKey: "k", domain: "acme", baseUrl: "http://127.0.0.1:4010", retry: false, validate: false });
  });
});

describe("webchat.createLink", () => {
  it("takes the form fields, without the bound domain, and returns the SupportLink", async () => {
    expectTypeOf(helpshift.webchat.createLink).parameter(0).toEqualTypeOf<CreateLinkParams>();
    expectTypeOf<CreateLinkParams["app_id"]>().toEqualTypeOf<string>();
    expectTypeOf<CreateLinkParams["format"]>().toEqualTypeOf<"png" | "svg" | undefined>();
    expectTypeOf<CreateLinkParams["webchat_widget"]>().toEqualTypeOf<"open" | "minimize" | "hide" | undefined>();
    expectTypeOf<NonNullable<CreateLinkParams["expiry"]>>().toEqualTypeOf<Expiry | string>();
    expectTypeOf<NonNullable<CreateLinkParams["tags"]>>().toEqualTypeOf<string[] | string>();
    expectTypeOf<NonNullable<CreateLinkParams["includes"]>>().toEqualTypeOf<"unread_messages"[] | string>();
    const link = await helpshift.webchat.createLink({ app_id: "a", expiry: expiry("2h"), tags: ["vip"], custom_fields: { age: 23, paid: false } });
    expectTypeOf(link).toEqualTypeOf<HelpshiftSchema<"SupportLink">>();
    expectTypeOf(link.url).toEqualTypeOf<string>();
    expectTypeOf(link.active_issue).toEqualTypeOf<HelpshiftSchema<"ActiveIssue"> | null | undefined>();
    // @ts-expect-error app_id is required
    void helpshift.webchat.createLink({ uid: "p" });
    // @ts-expect-error the domain is bound by the client
    void helpshift.webchat.createLink({ app_id: "a", domain: "acme" });
    // @ts-expect-error format is png or svg
    void helpshift.webchat.createLink({ app_id: "a", format: "gif" });
    // @ts-expect-error webchat_widget is open, minimize or hide
    void helpshift.webchat.createLink({ app_id: "a", webchat_widget: "close" });
    // @ts-expect-error help_faq_filter needs tags
    void helpshift.webchat.createLink({ app_id: "a", help_faq_filter: { operator: "or" } });
    // @ts-expect-error a Date is not an expiry: use expiry(date)
    void helpshift.webchat.createLink({ app_id: "a", expiry: new Date() });
    // @ts-expect-error custom field values are scalars
    void helpshift.webchat.createLink({ app_id: "a", custom_fields: { nested: { a: 1 } } });
    // @ts-expect-error initiate_chat is a boolean
    void helpshift.webchat.createLink({ app_id: "a", initiate_chat: "true" });
  });
});

describe("messages.getUnread", () => {
  it("takes the query, without the bound domain", async () => {
    expectTypeOf(helpshift.messages.getUnread).parameter(0).toEqualTypeOf<GetUnreadParams>();
    expectTypeOf<GetUnreadParams>().toEqualTypeOf<{ app_id: string; uid?: string; email?: string; phone_number?: string }>();
    const unread = await helpshift.messages.getUnread({ app_id: "a", uid: "p" });
    expectTypeOf(unread.active_issue).toEqualTypeOf<HelpshiftSchema<"ActiveIssue"> | null>();
    // @ts-expect-error the domain is bound by the client
    void helpshift.messages.getUnread({ app_id: "a", uid: "p", domain: "acme" });
    // @ts-expect-error not an operation
    void helpshift.messages.list;
  });
});

describe("helpers", () => {
  it("expiry takes a duration, a Date or options and returns an Expiry", () => {
    expectTypeOf(expiry("2h")).toEqualTypeOf<Expiry>();
    expectTypeOf(expiry).toBeCallableWith("30m");
    expectTypeOf(expiry).toBeCallableWith(new Date());
    expectTypeOf(expiry).toBeCallableWith({ views: 10 });
    expectTypeOf(expiry).toBeCallableWith({ after: "7d", views: 1 });
    expectTypeOf(expiry).toBeCallableWith({ at: Date.now(), views: 1 });
    // @ts-expect-error a duration is a number and m, h or d
    expiry("2 hours");
    // @ts-expect-error a view count alone is { views }
    expiry(10);
    // @ts-expect-error views is a number
    expiry({ views: "10" });
  });

  it("decodeQrCode narrows on format", () => {
    const qr = decodeQrCode("data:image/png;base64,…");
    expectTypeOf(qr).toEqualTypeOf<QrCode>();
    expectTypeOf(qr.bytes).toEqualTypeOf<Uint8Array>();
    expectTypeOf(qr.dataUrl).toEqualTypeOf<string>();
    if (qr.format === "svg") expectTypeOf(qr.svg).toEqualTypeOf<string>();
    else {
      expectTypeOf(qr.mimeType).toEqualTypeOf<"image/png">();
      // @ts-expect-error a PNG has no svg text
      void qr.svg;
    }
    expectTypeOf(decodeQrCode).toBeCallableWith({ qrcode: "<svg/>", url: "https://x" });
  });

  it("browserUrl returns a string", () => {
    const link: HelpshiftSchema<"SupportLink"> = { url: "https://x", qrcode: "" };
    expectTypeOf(browserUrl(link)).toEqualTypeOf<string>();
    expectTypeOf(browserUrl).toBeCallableWith("https://x");
  });

  it("the raw client is path-keyed and needs the domain", async () => {
    const { data } = await helpshift.raw.GET("/v1/{domain}/console/messages/unread", { params: { path: { domain: "acme" }, query: { app_id: "a" } } });
    expectTypeOf<NonNullable<typeof data>>().toEqualTypeOf<HelpshiftSchema<"UnreadMessages">>();
    // @ts-expect-error no such path
    void helpshift.raw.GET("/v1/{domain}/console/nope", {});
  });
});

// "Types that chain": Helpshift returns no id that another operation takes (`active_issue.issue_id`
// is not a parameter of either call, and `app_id`, `uid`, `email`, `phone_number` come from your
// app, not from a response). What chains is the player's identity: both operations declare it with
// the same schemas, so the identity a link was created with reads that player's unread messages
// as it is.
describe("ids chain from one operation to the next", () => {
  it("the identity of createLink is the identity of getUnread", async () => {
    expectTypeOf<GetUnreadParams["app_id"]>().toEqualTypeOf<CreateLinkParams["app_id"]>();
    expectTypeOf<GetUnreadParams["uid"]>().toEqualTypeOf<CreateLinkParams["uid"]>();
    expectTypeOf<GetUnreadParams["email"]>().toEqualTypeOf<CreateLinkParams["email"]>();
    expectTypeOf<GetUnreadParams["phone_number"]>().toEqualTypeOf<CreateLinkParams["phone_number"]>();
    const player = { app_id: "acme_app_1", uid: "player-48213" } satisfies CreateLinkParams;
    const link = await helpshift.webchat.createLink({ ...player, includes: ["unread_messages"] });
    const unread = await helpshift.messages.getUnread(player);
    // The issue id is a number in both responses (`{ "issue_id": 78 }` in the doc).
    expectTypeOf<NonNullable<typeof link.active_issue>>().toEqualTypeOf<NonNullable<typeof unread.active_issue>>();
    expectTypeOf<NonNullable<HelpshiftSchema<"ActiveIssue">>["issue_id"]>().toEqualTypeOf<number>();
  });
});
