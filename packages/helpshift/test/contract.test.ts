// Contract tests: both Helpshift operations, called through the generated methods against a Prism
// mock of specs/helpshift/openapi.yaml (started by scripts/vitest/prism-setup.ts). Prism validates
// each request (path, Basic auth, form fields, query) against the spec and answers with its examples
// (`Prefer: example=<name>` picks one).
import { afterAll, describe, expect, inject, it } from "vitest";
import { operationRecorder } from "../../../scripts/vitest/coverage.js";
import {
  AuthenticationError,
  BadRequestError,
  browserUrl,
  createHelpshiftClient,
  decodeQrCode,
  expiry,
  operationTable,
  ValidationError,
  type CreateLinkParams,
} from "../src/index.js";

const recorder = operationRecorder();
const baseUrl = inject("prismUrl");
const APP = "acme_app_20211201093000000-8f2c1a7d3b6e4f0";
const helpshift = createHelpshiftClient({ apiKey: "test-api-key-123", domain: "acme", baseUrl, logger: recorder.logger, retry: false });
const example = (name: string) => ({ headers: { Prefer: `example=${name}` } });

afterAll(() => recorder.save(new URL("..", import.meta.url).pathname));

describe("webchat.createLink", () => {
  it("anonymous session, default PNG QR code", async () => {
    const link = await helpshift.webchat.createLink({ app_id: APP });
    expect(browserUrl(link)).toBe("https://acme.helpshift.com/s/7Qx2mZ");
    const qr = decodeQrCode(link);
    expect(qr).toMatchObject({ format: "png", mimeType: "image/png" });
    expect(qr.bytes.length).toBeGreaterThan(1000);
    expect(link.active_issue).toBeUndefined();
  });

  it("identified by uid, with expiry, custom fields, tags and a first message", async () => {
    const link = await helpshift.webchat.createLink({
      app_id: APP,
      uid: "player-48213",
      name: "Doctor Awesome",
      language: "en",
      user_auth_token: "3f1b9c2e7d4a5f6b8c0d1e2f3a4b5c6d",
      expiry: expiry({ after: "2h", views: 10 }),
      custom_fields: { age: 23, paiduser: false },
      tags: ["purchase", "vip"],
      first_user_message: "I did not receive the gems I bought.",
      webchat_widget: "open",
      initiate_chat: true,
    });
    expect(link.url).toMatch(/^https:\/\//);
  });

  it("identified by email, with an absolute expiry and the help center", async () => {
    const link = await helpshift.webchat.createLink({
      app_id: APP,
      email: "doctor.awesome@starlabs.com",
      expiry: expiry(new Date(Date.now() + 86_400_000)),
      help_section: "42",
      help_faq: "117",
      help_search_term: "ERR_PAYMENT_1042",
      help_faq_filter: { tags: ["tier1", "tier2"], operator: "and" },
      webchat_widget: "minimize",
      intent: "Refund",
    });
    expect(decodeQrCode(link).format).toBe("png");
  });

  it("identified by phone number (E.164), SVG QR code", async () => {
    const link = await helpshift.webchat.createLink({ app_id: APP, phone_number: "+919876543210", format: "svg", expiry: expiry({ views: 1 }) }, example("svg"));
    const qr = decodeQrCode(link);
    if (qr.format !== "svg") throw new Error(`expected svg, got ${qr.format}`);
    expect(qr.svg).toMatch(/^<svg[\s>]/);
  });

  it("with includes: the open issue, or null", async () => {
    const params: CreateLinkParams = { app_id: APP, uid: "player-48213", format: "png", includes: ["unread_messages"] };
    const open = await helpshift.webchat.createLink(params, example("withActiveIssue"));
    expect(open.active_issue).toEqual({ issue_id: 78, unread_messages: 2 });
    const none = await helpshift.webchat.createLink(params, example("withoutActiveIssue"));
    expect(none.active_issue).toBeNull();
  });

  it("already JSON-encoded fields go through as they are", async () => {
    const link = await helpshift.webchat.createLink({ app_id: APP, uid: "p", tags: '["vip"]', expiry: '{"time":"30m"}', includes: '["unread_messages"]' });
    expect(link.url).toBeTypeOf("string");
  });
});

describe("messages.getUnread", () => {
  it("by uid, email or phone number", async () => {
    await expect(helpshift.messages.getUnread({ app_id: APP, uid: "player-48213" })).resolves.toEqual({ active_issue: { issue_id: 78, unread_messages: 2 } });
    await expect(helpshift.messages.getUnread({ app_id: APP, email: "doctor.awesome@starlabs.com" })).resolves.toHaveProperty("active_issue");
    await expect(helpshift.messages.getUnread({ app_id: APP, phone_number: "+919876543210" }, example("noActiveIssue"))).resolves.toEqual({ active_issue: null });
  });
});

describe("errors", () => {
  const unchecked = createHelpshiftClient({ apiKey: "test-api-key-123", domain: "acme", baseUrl, logger: recorder.logger, retry: false, validate: false });

  it("a request the server rejects is a typed BadRequestError (400)", async () => {
    const error = await unchecked.webchat.createLink({ app_id: APP, phone_number: "9876543210" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: "bad_request", request: { operationId: "webchat.createLink", method: "POST", path: "/v1/{domain}/console/qrcode" } });
    const format = await unchecked.webchat.createLink({ app_id: APP, format: "gif" } as never).catch((e: unknown) => e);
    expect(format).toMatchObject({ status: 400 });
    const unread = await unchecked.messages.getUnread({ uid: "p" } as never).catch((e: unknown) => e);
    expect(unread).toBeInstanceOf(BadRequestError);
    expect(unread).toMatchObject({ status: 400, request: { operationId: "messages.getUnread", method: "GET", params: { uid: "p" } } });
  });

  it("the client rejects the same requests before sending", async () => {
    await expect(helpshift.webchat.createLink({ app_id: APP, phone_number: "9876543210" })).rejects.toBeInstanceOf(ValidationError);
    await expect(helpshift.messages.getUnread({ uid: "p" } as never)).rejects.toBeInstanceOf(ValidationError);
  });

  it("a missing or wrong Authorization is a typed AuthenticationError (401)", async () => {
    for (const Authorization of ["", "Bearer test-api-key-123"]) {
      const link = await helpshift.webchat.createLink({ app_id: APP }, { headers: { Authorization } }).catch((e: unknown) => e);
      expect(link).toBeInstanceOf(AuthenticationError);
      expect(link).toMatchObject({ status: 401, code: "unauthorized", message: "Helpshift webchat.createLink failed with 401 unauthorized: Invalid API key" });
      const unread = await helpshift.messages.getUnread({ app_id: APP, uid: "p" }, { headers: { Authorization } }).catch((e: unknown) => e);
      expect(unread).toBeInstanceOf(AuthenticationError);
      expect(unread).toMatchObject({ status: 401 });
    }
  });

  it("the raw client reaches the same mock (the domain is passed explicitly there)", async () => {
    const { data, response } = await helpshift.raw.GET("/v1/{domain}/console/messages/unread", { params: { path: { domain: "acme" }, query: { app_id: APP, uid: "p" } } });
    expect(response.status).toBe(200);
    expect(data?.active_issue).toEqual({ issue_id: 78, unread_messages: 2 });
  });
});

describe("coverage", () => {
  it("every operation of the spec was called (run last)", () => {
    const uncalled = operationTable.map((op) => op.id).filter((id) => !recorder.called.has(id));
    expect(uncalled).toEqual([]);
    expect(recorder.called.size).toBe(2);
  });
});
