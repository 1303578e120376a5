// Contract tests: every Desk360 operation, called through the generated methods against a Prism mock
// of specs/desk360/openapi.yaml. Multipart calls go through scripts/vitest/bracket-proxy.mjs, which
// decodes the bracket notation Desk360 reads so that Prism can check it against the spec's schema.
import { afterAll, describe, expect, inject, it } from "vitest";
import { operationRecorder } from "../../../scripts/vitest/coverage.js";
import { AuthenticationError, BadRequestError, createDesk360Client, isDesk360Error, operationTable, ValidationError } from "../src/index.js";

const recorder = operationRecorder();
const baseUrl = inject("prismUrl");
const integrationId = 12;
const to = "+905551112233";
// Prism answers every list page with the spec's example `Link`, which points at the production origin
// (and the client, rightly, never follows a link off its own origin). A real server links to itself
// and sends no Link on its last page: stand in for that on integrations.list.
const linkToSelf = async (url: string, init: RequestInit): Promise<Response> => {
  const response = await fetch(url, init);
  const link = response.headers.get("link");
  if (!link || !new URL(url).pathname.endsWith("/v1/integrations")) return response;
  const headers = new Headers(response.headers);
  if (new URL(url).searchParams.has("page")) headers.delete("link");
  else headers.set("link", link.replace("https://public-api.desk360.com", baseUrl));
  return new Response(await response.arrayBuffer(), { status: response.status, statusText: response.statusText, headers });
};
const desk360 = createDesk360Client({ email: "abc@example.com", password: "YOUR_PASSWORD", baseUrl, fetch: linkToSelf, logger: recorder.logger, retry: false, requestBudget: false });
const png = () => new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], "photo.png", { type: "image/png" });

afterAll(() => recorder.save(new URL("..", import.meta.url).pathname));

describe("auth and listing", () => {
  it("logs in once, then lists integrations and templates (iterating the Link pages)", async () => {
    const integrations = await desk360.integrations.list();
    expect(integrations.length).toBeGreaterThan(0);
    expect(desk360.session.logins).toBe(1);
    expect(desk360.session.token).toMatch(/\|/);
    const all = [];
    for await (const integration of desk360.integrations.list.iterate()) all.push(integration);
    expect(all).toEqual([...integrations, ...integrations]); // page 1, then the page its Link points at
    const templates = await desk360.templates.list({ integrationId, page: 1 });
    expect(templates[0]).toMatchObject({ id: expect.any(Number) });
  });
});

describe("messages", () => {
  it("sends text, location, contacts, interactive and location-request messages", async () => {
    expect(await desk360.messages.sendText({ integrationId, to, text: "Hello!" })).toBeTypeOf("object");
    await desk360.messages.sendLocation({ integrationId, to, location: { latitude: 41.0082, longitude: 28.9784, name: "Office", address: "Istanbul" } });
    await desk360.messages.sendContacts({ integrationId, to, contacts: [{ name: { formatted_name: "Ali Veli", first_name: "Ali", last_name: "Veli" }, birthday: "1990-02-28", phones: [{ phone: "+905551112234", type: "CELL" }] }] });
    await desk360.messages.sendInteractive({ integrationId, to, header: { type: "text", text: "Order 42" }, body: "Did it arrive?", footer: { text: "Thanks" }, buttons: [{ id: "yes", title: "Yes" }, { id: "no", title: "Not yet" }] });
    await desk360.messages.sendLocationRequest({ integrationId, to, body: "Where should we deliver?" });
    await desk360.messages.markRead({ integrationId, message_ids: ["ABEGkFMIcyRoAgo-sGaD-H6MgPEt"] });
  });

  it("sends media as multipart attachments[] and downloads media bytes", async () => {
    const sent = await desk360.messages.sendMedia({ integrationId, to, attachments: [png(), new Uint8Array([1, 2, 3])] });
    expect(sent).toBeTypeOf("object");
    const file = await desk360.media.download({ integrationId, mediaId: "8f2c5b1e" });
    expect(file.bytes).toBeInstanceOf(Uint8Array);
    expect(file.contentType).toMatch(/^(application\/octet-stream|image\/)/);
  });
});

describe("templates", () => {
  it("sends a template as JSON, then with an attachment as bracket-notation multipart", async () => {
    await desk360.templates.send({ integrationId, template_id: 75, language_id: 2, destinations: [{ phone: to, parameters: { "body-1": "Ali" } }] });
    await desk360.templates.send({
      integrationId, template_id: 75, language_id: 2,
      destinations: [{ phone: to, parameters: { "header-1": "Order 42", "body-1": "Ali" } }, { phone: "+905551112234", parameters: { "body-1": "Ayşe" } }],
      attachment: new File(["%PDF-1.4"], "invoice.pdf", { type: "application/pdf" }),
    });
  });

  it("bulk-sends to a list of numbers, and from a CSV file", async () => {
    await desk360.templates.sendBulk({ integrationId, template_id: 1, language_id: 1, destinations: [{ phone: to }, { phone: "+905551112234" }], parameters: { "body-1": "Hi" } });
    await desk360.templates.sendBulk({ integrationId, template_id: 1, language_id: 1, destinations_file: new File(["phone\n+905551112233\n"], "numbers.csv", { type: "text/csv" }) });
  });
});

describe("errors", () => {
  it("missing auth is a typed AuthenticationError with Desk360's code", async () => {
    // The client always authenticates; a fetch that drops the header stands in for a request without it.
    const stripAuth = (url: string, init: RequestInit) => {
      const headers = new Headers(init.headers);
      headers.delete("authorization");
      return fetch(url, { ...init, headers });
    };
    const anonymous = createDesk360Client({ token: "placeholder", baseUrl, retry: false, requestBudget: false, fetch: stripAuth });
    const error = await anonymous.integrations.list().catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(isDesk360Error(error, "authentication_exception")).toBe(true);
  });

  it("an invalid body is rejected by the mock with a typed BadRequestError", async () => {
    const unchecked = createDesk360Client({ token: "t", baseUrl, retry: false, requestBudget: false, validate: false });
    const error = await unchecked.messages.sendText({ integrationId, to: "05551112233", text: "x" }).catch((e) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: "failed_validation", request: { operationId: "messages.sendText", params: { integrationId } } });
    const tooMany = await unchecked.messages.sendMedia({ integrationId, to, attachments: Array.from({ length: 6 }, png) }).catch((e) => e);
    expect(tooMany).toBeInstanceOf(BadRequestError);
  });

  it("the client catches the same mistakes before sending", async () => {
    await expect(desk360.messages.sendText({ integrationId, to: "05551112233", text: "x" })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("coverage", () => {
  it("every operation of the spec was called (run last)", () => {
    const uncalled = operationTable.map((op) => op.id).filter((id) => !recorder.called.has(id));
    expect(uncalled).toEqual([]);
    expect(recorder.called.size).toBe(13);
  });
});
