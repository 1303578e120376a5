// The standalone operation functions (`@inboxkit/desk360/funcs`) over a core
// (`@inboxkit/desk360/core`): the same request and result as the client method (the login too),
// multipart only where needed, validation before sending, Link paging, and a session that is not
// serialized with the core.
import { describe, expect, it } from "vitest";
import { json, recorder, type SentRequest } from "../../../scripts/vitest/funcs-harness.js";
import { createDesk360Core } from "../src/core.js";
import { integrationsList, integrationsListIterate, integrationsListPages, messagesSendText, templatesSend } from "../src/funcs.js";
import { createDesk360Client, ValidationError } from "../src/index.js";

const BASE = "https://public-api.desk360.com";
const LOGIN = { email: "ops@example.org", password: "right", requestBudget: false as const };

function desk360(request: SentRequest): Response {
  if (request.url.endsWith("/v1/login")) return json({ access_token: "tok-1", token_type: "Bearer" });
  return json({ message_id: "wamid.1" });
}

describe("desk360 funcs", () => {
  it("log in and send the same requests as the client method, returning the same data", async () => {
    const viaClient = recorder(desk360);
    const viaFunc = recorder(desk360);
    const params = { integrationId: 12, to: "+905551112233", text: "Hello" };
    const fromClient = await createDesk360Client({ ...LOGIN, fetch: viaClient.fetch }).messages.sendText(params);
    const core = createDesk360Core({ ...LOGIN, fetch: viaFunc.fetch });
    const fromFunc = await messagesSendText(core, params);
    expect(fromFunc).toEqual(fromClient);
    expect(viaFunc.calls).toEqual(viaClient.calls);
    expect(viaFunc.calls.map((c) => `${c.method} ${c.url}`)).toEqual([`POST ${BASE}/v1/login`, `POST ${BASE}/v1/integrations/12/conversations/messages`]);
    expect(viaFunc.calls[1]?.headers.authorization).toBe("Bearer tok-1");
    expect(JSON.parse(String(viaFunc.calls[1]?.body))).toEqual({ to: "+905551112233", text: "Hello" });
    expect(core.session).toEqual({ token: "tok-1", logins: 1 });
  });

  it("a core's session is readable but not serialized with the core, so JSON.stringify(core) shows no token", async () => {
    const { fetch } = recorder(desk360);
    const core = createDesk360Core({ ...LOGIN, fetch });
    await messagesSendText(core, { integrationId: 12, to: "+905551112233", text: "Hello" });
    expect(core.session).toEqual({ token: "tok-1", logins: 1 });
    expect(JSON.stringify(core)).not.toContain("tok-1");
    const client = createDesk360Client({ token: "static-token-123", fetch, requestBudget: false });
    expect(client.session.token).toBe("static-token-123");
    expect(JSON.stringify(client)).not.toContain("static-token-123");
  });

  it("send multipart only when a file is in the body, as the client does", async () => {
    const viaClient = recorder(() => json({ message: "ok" }));
    const viaFunc = recorder(() => json({ message: "ok" }));
    const params = { integrationId: 12, template_id: 7, language_id: 2, destinations: [{ phone: "+905551112233" }], attachment: new File(["%PDF-1.4"], "invoice.pdf", { type: "application/pdf" }) };
    await createDesk360Client({ token: "t", fetch: viaClient.fetch, requestBudget: false }).templates.send(params);
    await templatesSend(createDesk360Core({ token: "t", fetch: viaFunc.fetch, requestBudget: false }), params);
    expect(viaFunc.calls).toEqual(viaClient.calls);
    expect(viaFunc.calls[0]?.body).toMatchObject({ multipart: expect.arrayContaining([["attachment", { file: "invoice.pdf", type: "application/pdf", size: 8 }]]) });
  });

  it("refuse a bad parameter before anything is sent (no login either)", async () => {
    const { fetch, calls } = recorder(desk360);
    const core = createDesk360Core({ ...LOGIN, fetch });
    await expect(messagesSendText(core, { integrationId: 12, to: "05551112233", text: "Hello" })).rejects.toThrow(ValidationError);
    expect(calls).toHaveLength(0);
  });

  it("…Iterate follows rel=next to the last page and …Pages yields each page", async () => {
    const { fetch, calls } = recorder((request) => {
      const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
      const items = Array.from({ length: page < 3 ? 20 : 3 }, (_, i) => ({ id: page * 100 + i, display_name: `n${i}` }));
      return json(items, 200, page < 3 ? { link: `<${BASE}/v1/integrations?page=${page + 1}>; rel="next"` } : {});
    });
    const core = createDesk360Core({ token: "t", fetch, requestBudget: false });
    const ids: number[] = [];
    for await (const integration of integrationsListIterate(core)) ids.push(integration.id as number);
    expect(ids).toHaveLength(43);
    expect(ids.at(-1)).toBe(302);
    expect(calls).toHaveLength(3);
    const sizes: number[] = [];
    for await (const page of integrationsListPages(core)) sizes.push(page.items.length);
    expect(sizes).toEqual([20, 20, 3]);
    expect(await integrationsList(core)).toHaveLength(20);
  });

  it("a core keeps Desk360's documented budget (60 a minute) and takes a plain requestBudget override", async () => {
    const waits = async (options: { requestBudget?: { requests: number; intervalMs: number } }, sentFirst: number) => {
      const { fetch, calls } = recorder(() => json([]));
      const core = createDesk360Core({ token: "t", fetch, ...options });
      await Promise.all(Array.from({ length: sentFirst }, () => integrationsList(core)));
      const controller = new AbortController();
      const next = integrationsList(core, {}, { signal: controller.signal });
      await new Promise((r) => setTimeout(r, 30));
      const sent = calls.length;
      controller.abort();
      await expect(next).rejects.toMatchObject({ name: "AbortError" });
      return sent;
    };
    // The default: 60 go out, the 61st waits for a slot.
    expect(await waits({}, 60)).toBe(60);
    // A plain override (no requestBudget(…) needed: the vendor's default brings the budget's code).
    expect(await waits({ requestBudget: { requests: 2, intervalMs: 60_000 } }, 2)).toBe(2);
  });
});
