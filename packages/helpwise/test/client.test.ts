// Unit tests of the Helpwise client with an injected fetch: auth header, envelope, validation of
// client options and parameters, redaction of the credentials.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthenticationError, createHelpwiseClient, RateLimitError, ValidationError } from "../src/index.js";
import { thrown } from "../../../scripts/vitest/thrown.js";

const KEY = "hwkey_0123456789";
const SECRET = "hwsecret_abcdefghij";

function stub(body: unknown, status = 200, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
  };
  return { fetch, calls };
}

describe("createHelpwiseClient", () => {
  it("sends the raw `Authorization: key:secret` header, JSON content type, and unwraps `data`", async () => {
    const { fetch, calls } = stub({ status: "success", data: [{ id: "1", email: "a@b.co" }], message: "" });
    const helpwise = createHelpwiseClient({ apiKey: KEY, apiSecret: SECRET, fetch });
    await expect(helpwise.mailboxes.list({ limit: 10 })).resolves.toEqual([{ id: "1", email: "a@b.co" }]);
    const { url, init } = calls[0]!;
    expect(url).toBe("https://app.helpwise.io/dev-apis/mailboxes/list");
    expect(init.method).toBe("POST");
    const headers = new Headers(init.headers);
    expect(headers.get("authorization")).toBe(`${KEY}:${SECRET}`);
    expect(headers.get("content-type")).toBe("application/json");
    expect(headers.get("accept")).toBe("application/json");
    expect(JSON.parse(String(init.body))).toEqual({ limit: 10 });
  });

  it("rejects bad options before anything is sent", () => {
    expect(() => createHelpwiseClient({ apiKey: "", apiSecret: SECRET })).toThrow(/apiKey: is required/);
    expect(() => createHelpwiseClient({ apiKey: KEY } as never)).toThrow(/apiSecret: is required/);
    expect(() => createHelpwiseClient(undefined as never)).toThrow(ValidationError);
    expect(() => createHelpwiseClient({ apiKey: `${KEY}\r\nX-Evil: 1`, apiSecret: SECRET })).toThrow(/CR or LF/);
    expect(() => createHelpwiseClient({ apiKey: KEY, apiSecret: SECRET, baseUrl: "http://app.helpwise.io" })).toThrow(/https/);
    expect(() => createHelpwiseClient({ apiKey: KEY, apiSecret: SECRET, baseUrl: "http://127.0.0.1:4010" })).not.toThrow();
  });

  it("names the Helpwise option at fault: blank credentials, control characters, misspelt names", () => {
    const message = (options: unknown): string => thrown(() => createHelpwiseClient(options as never), ValidationError).message;
    // Blank is missing: a key or secret of spaces only would be sent as an empty credential.
    expect(message({ apiKey: "   ", apiSecret: SECRET })).toBe("Invalid Helpwise client options: apiKey: is required");
    expect(message({ apiKey: KEY, apiSecret: " \t" })).toBe("Invalid Helpwise client options: apiSecret: is required");
    expect(message({ apiKey: KEY, apiSecret: "" })).toMatch(/apiSecret: is required/);
    // A control character is reported under the option's name, never with its value.
    const badKey = message({ apiKey: `${KEY}\r\n`, apiSecret: SECRET });
    expect(badKey).toMatch(/apiKey: .*CR or LF/);
    expect(badKey).not.toContain(KEY);
    const badSecret = message({ apiKey: KEY, apiSecret: `${SECRET}\n` });
    expect(badSecret).toMatch(/apiSecret: .*CR or LF/);
    expect(badSecret).not.toContain(SECRET);
    // Helpwise's own option names are offered for a near miss.
    expect(message({ apiKey: KEY, apiSecret: SECRET, apiScret: "x" })).toContain("apiScret: is not a known option; did you mean `apiSecret`?");
    expect(message({ apiKey: KEY, apiSecret: SECRET, apikey: "x" })).toContain("apikey: is not a known option; did you mean `apiKey`?");
  });

  it("rejects bad parameters before anything is sent", async () => {
    const { fetch, calls } = stub({ status: "success", data: [] });
    const helpwise = createHelpwiseClient({ apiKey: KEY, apiSecret: SECRET, fetch });
    await expect(helpwise.mailboxes.list({ limit: 101 })).rejects.toThrow("limit: must be <= 100 (got 101)");
    await expect(helpwise.mailboxes.list({ page: 0 })).rejects.toThrow(/page: must be >= 1/);
    // @ts-expect-error tabType is an enum
    await expect(helpwise.threads.list({ mailboxId: 1, tabType: "inbox" })).rejects.toThrow(/tabType: must be one of/);
    // @ts-expect-error thread_id is required
    await expect(helpwise.threads.assign({ mailbox_id: 1, assigned_to: 2 })).rejects.toThrow(/thread_id: is required/);
    await expect(helpwise.whatsapp.send({ mailbox_id: 1, to: "+14155550100" })).rejects.toThrow(/one of: \(message is required\) or \(templateId is required\)/);
    expect(calls).toHaveLength(0);
  });

  it("takes a mailbox id as the string a mailbox returns or as a number, and still checks it", async () => {
    const { fetch, calls } = stub({ status: "success", data: [] });
    const helpwise = createHelpwiseClient({ apiKey: KEY, apiSecret: SECRET, fetch });
    await helpwise.threads.list({ mailboxId: "204499" });
    await helpwise.threads.list({ mailboxId: 204499 });
    // Sent as given: the doc shows both forms on the wire.
    expect(calls.map((c) => JSON.parse(String(c.init.body)))).toEqual([{ mailboxId: "204499" }, { mailboxId: 204499 }]);
    await expect(helpwise.threads.list({ mailboxId: "inbox" })).rejects.toThrow('mailboxId: must be a mailbox id, a positive whole number written in digits (e.g. "204499") (got "inbox")');
    await expect(helpwise.threads.list({ mailboxId: "0" })).rejects.toThrow(/mailboxId: must be a mailbox id/);
    await expect(helpwise.threads.list({ mailboxId: 0 })).rejects.toThrow("mailboxId: must be >= 1 (got 0)");
    await expect(helpwise.mailboxes.get({ id: 1.5 })).rejects.toThrow("id: expected integer or string, got number");
    // The thread and contact ids are integers.
    // @ts-expect-error threadId is a number
    await expect(helpwise.emails.list({ mailboxId: "204499", threadId: "252409" })).rejects.toThrow("threadId: expected integer, got string");
    // @ts-expect-error the contact id is a number
    await expect(helpwise.contacts.get({ id: "204811" })).rejects.toThrow("id: expected integer, got string");
    expect(calls).toHaveLength(2);
  });

  it("iterates every mailbox across pages", async () => {
    const pages: Record<number, unknown[]> = { 1: [{ id: "1" }, { id: "2" }], 2: [{ id: "3" }, { id: "4" }], 3: [] };
    const calls: number[] = [];
    const fetch = async (_url: string, init: RequestInit) => {
      const { page } = JSON.parse(String(init.body));
      calls.push(page);
      return new Response(JSON.stringify({ status: "success", data: pages[page] ?? [] }), { headers: { "content-type": "application/json" } });
    };
    const helpwise = createHelpwiseClient({ apiKey: KEY, apiSecret: SECRET, fetch });
    const ids = [];
    for await (const mailbox of helpwise.mailboxes.list.iterate({ limit: 2 })) ids.push(mailbox.id);
    expect(ids).toEqual(["1", "2", "3", "4"]);
    expect(calls).toEqual([1, 2, 3]);
  });

  it("maps a 429 to RateLimitError with the reset wait, and exposes rate-limit state", async () => {
    const reset = Math.floor(Date.now() / 1000) + 30;
    const { fetch } = stub({ status: "error", message: "Rate limit exceeded" }, 429, { "x-rate-limit-limit": "100", "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(reset) });
    const helpwise = createHelpwiseClient({ apiKey: KEY, apiSecret: SECRET, fetch, retry: false });
    const error = await helpwise.emails.send({ mailbox_id: 1, to: "a@b.co", subject: "s", body: "b" }).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe("Helpwise emails.send failed with 429: Rate limit exceeded");
    expect(error.retryAfterMs).toBeGreaterThan(20_000);
    expect(helpwise.rateLimit).toMatchObject({ limit: 100, remaining: 0, resetAt: reset * 1000 });
  });

  it("never leaks the key or secret, even when the server echoes them", async () => {
    const { fetch } = stub({ status: "error", message: `Invalid credentials ${KEY}:${SECRET}` }, 401);
    const lines: string[] = [];
    const helpwise = createHelpwiseClient({ apiKey: KEY, apiSecret: SECRET, fetch, logger: (e) => lines.push(JSON.stringify(e)) });
    const error = await helpwise.users.me().catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    for (const text of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10 }), ...lines]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(SECRET);
    }
    expect(lines.length).toBeGreaterThan(0);
  });

  it("never leaks the `key:secret` header value, even when both parts are too short to redact alone", async () => {
    // Secrets of under 4 characters are not redacted one by one (they would scrub ordinary words);
    // the header value they make together is.
    const [key, secret] = ["k1", "s2"];
    const { fetch } = stub({ status: "error", message: `Invalid credentials ${key}:${secret}` }, 401);
    const error = await createHelpwiseClient({ apiKey: key, apiSecret: secret, fetch }).users.me().catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain("[REDACTED]");
    for (const text of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) expect(text).not.toContain(`${key}:${secret}`);
  });
});
