// The standalone operation functions (`@inboxkit/helpwise/funcs`) over a core
// (`@inboxkit/helpwise/core`): the same request and result as the client method, the same
// validation before sending, and the same paging.
import { describe, expect, it } from "vitest";
import { json, recorder } from "../../../scripts/vitest/funcs-harness.js";
import { createHelpwiseCore } from "../src/core.js";
import { mailboxesList, mailboxesListIterate, mailboxesListPages, threadsAssign, whatsappSend } from "../src/funcs.js";
import { createHelpwiseClient, requestBudget, ValidationError } from "../src/index.js";

const CREDENTIALS = { apiKey: "hwkey_0123456789", apiSecret: "hwsecret_abcdefghij" };
const MAILBOXES = { status: "success", data: [{ id: "1", email: "a@b.co" }], message: "" };

describe("helpwise funcs", () => {
  it("send the same request as the client method (method, URL, headers with auth, body) and return the same data", async () => {
    const viaClient = recorder(() => json(MAILBOXES));
    const viaFunc = recorder(() => json(MAILBOXES));
    const client = createHelpwiseClient({ ...CREDENTIALS, fetch: viaClient.fetch });
    const core = createHelpwiseCore({ ...CREDENTIALS, fetch: viaFunc.fetch });
    const fromClient = await client.mailboxes.list({ limit: 10 });
    const fromFunc = await mailboxesList(core, { limit: 10 });
    expect(fromFunc).toEqual(fromClient);
    expect(fromFunc).toEqual(MAILBOXES.data);
    expect(viaFunc.calls).toEqual(viaClient.calls);
    expect(viaFunc.calls[0]).toMatchObject({ method: "POST", url: "https://app.helpwise.io/dev-apis/mailboxes/list", body: '{"limit":10}' });
    expect(viaFunc.calls[0]?.headers.authorization).toBe(`${CREDENTIALS.apiKey}:${CREDENTIALS.apiSecret}`);
    // The same APIPromise: the response and request id are there too.
    const { data, response } = await mailboxesList(core, { limit: 10 }).withResponse();
    expect(data).toEqual(MAILBOXES.data);
    expect(response.status).toBe(200);
  });

  it("keep a request budget on a core when it comes with its code (requestBudget(…)); the client takes plain options", async () => {
    const budget = { requests: 1, intervalMs: 60_000 };
    expect(() => createHelpwiseCore({ ...CREDENTIALS, requestBudget: budget })).toThrow(
      "requestBudget: needs the budget's code, which a Helpwise core carries only when asked: pass requestBudget({ requests, intervalMs }) (import { requestBudget } from the Helpwise package), or use the client",
    );
    const ways = {
      core: (fetch: typeof globalThis.fetch) => {
        const core = createHelpwiseCore({ ...CREDENTIALS, fetch, requestBudget: requestBudget(budget) });
        return (signal: AbortSignal) => mailboxesList(core, {}, { signal });
      },
      client: (fetch: typeof globalThis.fetch) => {
        const client = createHelpwiseClient({ ...CREDENTIALS, fetch, requestBudget: budget });
        return (signal: AbortSignal) => client.mailboxes.list({}, { signal });
      },
    };
    for (const [way, make] of Object.entries(ways)) {
      const { fetch, calls } = recorder(() => json(MAILBOXES));
      const call = make(fetch as typeof globalThis.fetch);
      await call(new AbortController().signal);
      // A budget of one a minute: the second call waits for the slot (and is abandoned here).
      const controller = new AbortController();
      const second = call(controller.signal);
      await new Promise((r) => setTimeout(r, 30));
      expect({ way, sent: calls.length }).toEqual({ way, sent: 1 });
      controller.abort();
      await expect(second).rejects.toMatchObject({ name: "AbortError" });
      expect({ way, sent: calls.length }).toEqual({ way, sent: 1 });
    }
  });

  it("refuse a bad parameter before anything is sent, as the client does", async () => {
    const { fetch, calls } = recorder(() => json(MAILBOXES));
    const core = createHelpwiseCore({ ...CREDENTIALS, fetch });
    await expect(mailboxesList(core, { limit: 101 })).rejects.toThrow("limit: must be <= 100 (got 101)");
    // @ts-expect-error thread_id is required
    await expect(threadsAssign(core, { mailbox_id: 1, assigned_to: 2 })).rejects.toThrow(ValidationError);
    await expect(whatsappSend(core, { mailbox_id: 1, to: "+14155550100" })).rejects.toThrow(/message is required/);
    expect(calls).toHaveLength(0);
  });

  it("the core checks the credentials as the client does", () => {
    expect(() => createHelpwiseCore({ apiKey: "", apiSecret: "s" })).toThrow(/apiKey: is required/);
    expect(() => createHelpwiseCore({ ...CREDENTIALS, nope: 1 } as never)).toThrow(ValidationError);
  });

  it("…Iterate walks every page and …Pages yields them one by one", async () => {
    const page = (n: number) => Array.from({ length: n < 3 ? 2 : 1 }, (_, i) => ({ id: String(n * 10 + i), email: `m${n}${i}@b.co` }));
    const respond = (request: { body: unknown }) => json({ status: "success", data: page(JSON.parse(String(request.body)).page ?? 1), message: "" });
    const { fetch, calls } = recorder(respond);
    const core = createHelpwiseCore({ ...CREDENTIALS, fetch });
    const ids: string[] = [];
    for await (const mailbox of mailboxesListIterate(core, { limit: 2 })) ids.push(mailbox.id);
    expect(ids).toEqual(["10", "11", "20", "21", "30"]);
    expect(calls.map((c) => JSON.parse(String(c.body)))).toEqual([{ limit: 2, page: 1 }, { limit: 2, page: 2 }, { limit: 2, page: 3 }]);
    const sizes: number[] = [];
    for await (const p of mailboxesListPages(core, { limit: 2 })) sizes.push(p.items.length);
    expect(sizes).toEqual([2, 2, 1]);
    // The client walks the same pages.
    const viaClient = recorder(respond);
    const client = createHelpwiseClient({ ...CREDENTIALS, fetch: viaClient.fetch });
    for await (const _ of client.mailboxes.list.iterate({ limit: 2 })) void _;
    expect(viaClient.calls).toEqual(calls.slice(0, 3));
  });
});
