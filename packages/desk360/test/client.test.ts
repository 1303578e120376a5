// Unit tests of the Desk360 client with an injected fetch: the login flow and the option checks,
// isDesk360Error, the request budget, Link paging, multipart encoding and the checks made before
// sending.
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthenticationError, BadRequestError, ConnectionError, createDesk360Client, isDesk360Error, NotFoundError, RateLimitError, ServerError, ValidationError } from "../src/index.js";
import { thrown } from "../../../scripts/vitest/thrown.js";

const BASE = "https://public-api.desk360.com";
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

interface Call { url: string; method: string; headers: Headers; body: BodyInit | null | undefined }

/** A fake Desk360: logins issue tok-1, tok-2…; `valid` decides which token is accepted. */
function fakeDesk360(opts: { password?: string; valid?: (token: string) => boolean; handle?: (call: Call) => Response | undefined } = {}) {
  const calls: Call[] = [];
  let issued = 0;
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const call = { url, method: init.method ?? "GET", headers: new Headers(init.headers), body: init.body };
    calls.push(call);
    await new Promise((r) => setTimeout(r, 5));
    const path = new URL(url).pathname;
    if (path === "/v1/login") {
      const { password } = JSON.parse(String(init.body));
      if (password !== (opts.password ?? "right")) return json({ error: { code: "invalid_credentials", message: "The email or password is incorrect." } }, 401);
      issued++;
      return json({ access_token: `tok-${issued}`, token_type: "Bearer" });
    }
    const token = call.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    if (!(opts.valid ?? (() => true))(token)) return json({ error: { code: "authentication_exception", message: "Unauthenticated." } }, 401);
    return opts.handle?.(call) ?? json({ message_id: "wamid.1" });
  };
  return { fetch, calls, logins: () => calls.filter((c) => c.url.endsWith("/v1/login")).length };
}

const send = { integrationId: 12, to: "+905551112233", text: "Hello" };

describe("login flow", () => {
  it("logs in once for many concurrent calls and reuses the token", async () => {
    const api = fakeDesk360();
    const desk360 = createDesk360Client({ email: "ops@example.org", password: "right", fetch: api.fetch, requestBudget: false });
    await Promise.all(Array.from({ length: 8 }, () => desk360.messages.sendText(send)));
    await desk360.messages.sendText(send);
    expect(api.logins()).toBe(1);
    expect(desk360.session).toMatchObject({ token: "tok-1", logins: 1 });
    const sends = api.calls.filter((c) => !c.url.endsWith("/v1/login"));
    expect(sends).toHaveLength(9);
    for (const c of sends) expect(c.headers.get("authorization")).toBe("Bearer tok-1");
  });

  it("logs in again once after a 401 and replays the rejected call", async () => {
    let accepted = "tok-1";
    const api = fakeDesk360({ valid: (t) => t === accepted });
    const desk360 = createDesk360Client({ email: "ops@example.org", password: "right", fetch: api.fetch, requestBudget: false });
    await desk360.messages.sendText(send);
    accepted = "tok-2"; // the token expired server-side
    await Promise.all([desk360.messages.sendText(send), desk360.messages.sendText(send), desk360.integrations.list()]);
    expect(api.logins()).toBe(2);
    expect(desk360.session.token).toBe("tok-2");
  });

  it("a 401 that survives the new login is final (no loop)", async () => {
    const api = fakeDesk360({ valid: () => false });
    const desk360 = createDesk360Client({ email: "ops@example.org", password: "right", fetch: api.fetch, requestBudget: false });
    const error = await desk360.messages.sendText(send).catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(isDesk360Error(error, "authentication_exception")).toBe(true);
    expect(api.logins()).toBe(2);
  });

  it("wrong credentials are never retried and every later call fails without contacting the API", async () => {
    const api = fakeDesk360({ password: "right" });
    const desk360 = createDesk360Client({ email: "ops@example.org", password: "wrong-pass", fetch: api.fetch, requestBudget: false });
    const results = await Promise.allSettled([desk360.messages.sendText(send), desk360.messages.sendText(send)]);
    const later = await desk360.integrations.list().catch((e) => e);
    expect(api.logins()).toBe(1);
    expect(api.calls).toHaveLength(1);
    for (const r of results) expect(r.status).toBe("rejected");
    expect(later).toBeInstanceOf(AuthenticationError);
    expect(later.code).toBe("invalid_credentials");
    expect(isDesk360Error(later, "invalid_credentials")).toBe(true);
    for (const text of [later.message, JSON.stringify(later), inspect(later)]) expect(text).not.toContain("wrong-pass");
  });

  it("a static token is sent as Bearer and a 401 is final", async () => {
    const api = fakeDesk360({ valid: () => false });
    const desk360 = createDesk360Client({ token: "static-token-123", fetch: api.fetch, requestBudget: false });
    const error = await desk360.messages.sendText(send).catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]?.headers.get("authorization")).toBe("Bearer static-token-123");
    expect(JSON.stringify(error)).not.toContain("static-token-123");
  });

  it("the obtained token never shows in errors", async () => {
    const api = fakeDesk360({ handle: () => json({ error: { code: "failed_validation", message: "bad token tok-1 used" } }, 400) });
    const desk360 = createDesk360Client({ email: "ops@example.org", password: "right", fetch: api.fetch, requestBudget: false });
    const error = await desk360.messages.sendText(send).catch((e) => e);
    expect(error.message).toContain("[REDACTED]");
    expect(inspect(error, { depth: 9 })).not.toContain("tok-1");
  });

  it.each([
    [401, { error: { code: "authentication_exception", message: "Unauthenticated." } }, AuthenticationError],
    [401, { message: "Unauthorized" }, AuthenticationError],
    [429, { error: { code: "too_many_requests_exception", message: "Too Many Attempts." } }, RateLimitError],
  ])("any %i from the login stops further logins (the API locks an account after 5 wrong attempts a minute)", async (status, body, ErrorClass) => {
    let logins = 0;
    const fetch = async (url: string) => {
      if (new URL(url).pathname === "/v1/login") {
        logins++;
        return json(body, status, status === 429 ? { "retry-after": "60" } : {});
      }
      return json({ message_id: "m" });
    };
    const desk360 = createDesk360Client({ email: "ops@example.org", password: "pass-word-1", fetch, requestBudget: false });
    const errors = [];
    for (let i = 0; i < 3; i++) errors.push(await desk360.messages.sendText(send).catch((e) => e));
    errors.push(...(await Promise.all([desk360.integrations.list().catch((e) => e), desk360.templates.list({ integrationId: 1 }).catch((e) => e)])));
    expect(logins).toBe(1);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error.status).toBe(status);
      expect(error.message).toMatch(new RegExp(`^Desk360 login with email and password failed \\(${status}.*\\); no further login will be attempted$`));
      for (const text of [error.message, JSON.stringify(error), inspect(error)]) expect(text).not.toContain("pass-word-1");
    }
  });

  it("a login failure that is not a rejection (a 503) is not remembered", async () => {
    let logins = 0;
    const fetch = async (url: string) => {
      if (new URL(url).pathname === "/v1/login") return ++logins === 1 ? json({}, 503) : json({ access_token: "tok-1" });
      return json({ message_id: "m" });
    };
    const desk360 = createDesk360Client({ email: "ops@example.org", password: "p", fetch, requestBudget: false });
    await expect(desk360.messages.sendText(send)).rejects.toMatchObject({ status: 503 });
    await expect(desk360.messages.sendText(send)).resolves.toEqual({ message_id: "m" });
    expect(logins).toBe(2);
  });

  it("a login that cannot reach the API is not remembered: the next call logs in again", async () => {
    let logins = 0;
    const fetch = async (url: string) => {
      if (new URL(url).pathname === "/v1/login" && ++logins === 1) throw new TypeError("fetch failed");
      if (new URL(url).pathname === "/v1/login") return json({ access_token: "tok-1" });
      return json({ message_id: "m" });
    };
    const desk360 = createDesk360Client({ email: "ops@example.org", password: "p", fetch, requestBudget: false, retry: false });
    const error = await desk360.messages.sendText(send).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).not.toMatch(/no further login/);
    await expect(desk360.messages.sendText(send)).resolves.toEqual({ message_id: "m" });
    expect(logins).toBe(2);
    expect(desk360.session).toMatchObject({ token: "tok-1", logins: 1 });
  });

  it.each([
    [403, "invalid_credentials", AuthenticationError],
    [400, "too_many_attempts", BadRequestError],
  ])("a login answered %i with the lockout code %s is final too (the doc gives these codes no status)", async (status, code, ErrorClass) => {
    let logins = 0;
    const fetch = async (url: string) => {
      if (new URL(url).pathname === "/v1/login") {
        logins++;
        return json({ error: { code, message: "Login refused." } }, status);
      }
      return json({ message_id: "m" });
    };
    const desk360 = createDesk360Client({ email: "ops@example.org", password: "pass-word-1", fetch, requestBudget: false });
    const errors = [];
    for (let i = 0; i < 3; i++) errors.push(await desk360.messages.sendText(send).catch((e) => e));
    expect(logins).toBe(1);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ status, code });
      expect(error.message).toBe(`Desk360 login with email and password failed (${status} ${code}: Login refused.); no further login will be attempted`);
    }
  });

  it("a locked login (429) keeps the server's Retry-After on the error the caller gets", async () => {
    const fetch = async () => json({ error: { code: "too_many_attempts", message: "Too many login attempts. Please wait a minute." } }, 429, { "retry-after": "60" });
    const desk360 = createDesk360Client({ email: "ops@example.org", password: "pass-word-1", fetch, requestBudget: false });
    const error = await desk360.messages.sendText(send).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "too_many_attempts", retryAfterMs: 60_000 });
    expect(error.message).toBe("Desk360 login with email and password failed (429 too_many_attempts: Too many login attempts. Please wait a minute.); no further login will be attempted");
  });

  it("a password the login error echoes back is redacted from the error", async () => {
    const fetch = async () => json({ error: { code: "invalid_credentials", message: "No account ops@example.org with password pass-word-1" } }, 401);
    const desk360 = createDesk360Client({ email: "ops@example.org", password: "pass-word-1", fetch, requestBudget: false });
    const error = await desk360.messages.sendText(send).catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe("Desk360 login with email and password failed (401 invalid_credentials: No account ops@example.org with password [REDACTED]); no further login will be attempted");
    for (const text of [JSON.stringify(error), inspect(error, { depth: 9 })]) expect(text).not.toContain("pass-word-1");
  });

  it("a missing password (or email) is reported as such, not as a missing token", () => {
    expect(() => createDesk360Client({ email: "ops@example.org" } as never)).toThrow("Invalid Desk360 client options: password: is required with email");
    expect(() => createDesk360Client({ password: "p" } as never)).toThrow("Invalid Desk360 client options: email: is required with password");
    expect(() => createDesk360Client({ email: "ops@example.org", pasword: "p" } as never)).toThrow(/password: is required/);
  });

  it("a misspelt option is an error with a suggestion", () => {
    expect(() => createDesk360Client({ token: "t", pasword: "p" } as never)).toThrow("Invalid Desk360 client options: pasword: is not a known option; did you mean `password`?");
    expect(() => createDesk360Client({ token: "t", timout: 5 } as never)).toThrow(/timout: is not a known option; did you mean `timeoutMs`\?/);
  });

  it("names the option at fault: blank credentials, a token with email or password, a control character", () => {
    const message = (options: unknown): string => thrown(() => createDesk360Client(options as never), ValidationError).message;
    // Blank is missing: a token or email of spaces only would be sent as an empty credential.
    expect(message({ token: "   " })).toBe("Invalid Desk360 client options: token: is required (or pass email and password)");
    expect(message({ token: "" })).toBe("Invalid Desk360 client options: token: is required (or pass email and password)");
    expect(message({ email: " \t", password: "p" })).toBe("Invalid Desk360 client options: email: is required with password");
    expect(message({ email: "ops@example.org", password: "" })).toBe("Invalid Desk360 client options: password: is required with email");
    // A token and either half of a login is ambiguous.
    expect(message({ token: "t", email: "ops@example.org" })).toBe("Invalid Desk360 client options: token: pass either token or email and password, not both");
    expect(message({ token: "t", password: "p" })).toBe("Invalid Desk360 client options: token: pass either token or email and password, not both");
    // A control character is reported under the option's name, never with its value.
    expect(message({ token: "secret-token\r\n" })).toBe("Invalid header value: token: must not contain CR or LF characters");
  });

  it("rejects bad options", () => {
    expect(() => createDesk360Client({} as never)).toThrow(/token: is required/);
    expect(() => createDesk360Client({ token: "a\nb" })).toThrow(/CR or LF/);
    expect(() => createDesk360Client({ token: "t", email: "e", password: "p" } as never)).toThrow(/not both/);
    expect(() => createDesk360Client({ token: "t", baseUrl: "http://public-api.desk360.com" })).toThrow(/https/);
  });
});

describe("isDesk360Error", () => {
  const answer = (status: number, body: unknown) => createDesk360Client({ token: "t", fetch: async () => json(body, status), requestBudget: false, retry: false });

  it("is true for an API error with a documented code, and with a list only for the codes listed", async () => {
    const error = await answer(404, { error: { code: "model_not_found_exception", message: "No query results." } }).messages.sendText(send).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(isDesk360Error(error)).toBe(true);
    expect(isDesk360Error(error, "not_found", "model_not_found_exception")).toBe(true);
    expect(isDesk360Error(error, "not_found", "invalid_credentials")).toBe(false);
  });

  it("is false for an API error without a code or with a code Desk360 does not document", async () => {
    const undocumented = await answer(400, { error: { code: "brand_new_code", message: "Something new." } }).messages.sendText(send).catch((e) => e);
    expect(undocumented).toBeInstanceOf(BadRequestError);
    expect(undocumented.code).toBe("brand_new_code");
    expect(isDesk360Error(undocumented)).toBe(false);
    const codeless = await answer(500, { message: "Server Error" }).messages.sendText(send).catch((e) => e);
    expect(codeless).toBeInstanceOf(ServerError);
    expect(codeless.code).toBeUndefined();
    expect(isDesk360Error(codeless)).toBe(false);
  });

  it("is false for anything that is not an API error, even with a documented code", () => {
    expect(isDesk360Error(Object.assign(new Error("not found"), { code: "not_found" }))).toBe(false);
    expect(isDesk360Error({ status: 404, code: "not_found" })).toBe(false);
    expect(isDesk360Error(undefined)).toBe(false);
  });
});

describe("request budget", () => {
  afterEach(() => vi.useRealTimers());

  it("defaults to 60 requests a minute: the 61st waits for the window", async () => {
    vi.useFakeTimers();
    const calls: number[] = [];
    const fetch = async () => {
      calls.push(Date.now());
      return json({ message_id: "m" });
    };
    const desk360 = createDesk360Client({ token: "t", fetch });
    const all = Promise.all(Array.from({ length: 61 }, () => desk360.messages.sendText(send)));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(60);
    await vi.advanceTimersByTimeAsync(58_999);
    expect(calls).toHaveLength(60);
    await vi.advanceTimersByTimeAsync(1000);
    await all;
    expect(calls).toHaveLength(61);
  });

  it("after a 429 with Retry-After, later calls wait instead of failing; the send itself is not repeated", async () => {
    let n = 0;
    const fetch = async () => (++n === 1 ? json({ error: { code: "too_many_requests_exception", message: "Too Many Attempts." } }, 429, { "retry-after": "1" }) : json({ message_id: "m" }));
    const desk360 = createDesk360Client({ token: "t", fetch, requestBudget: false });
    const error = await desk360.messages.sendText(send).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(isDesk360Error(error, "too_many_requests_exception")).toBe(true);
    expect(n).toBe(1);
    const started = Date.now();
    await desk360.messages.sendText(send);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(n).toBe(2);
  });
});

describe("Link paging", () => {
  it("follows rel=next to the last page", async () => {
    const fetch = async (url: string) => {
      const page = Number(new URL(url).searchParams.get("page") ?? "1");
      const items = Array.from({ length: page < 3 ? 20 : 3 }, (_, i) => ({ id: page * 100 + i, display_name: `n${i}` }));
      const link = page < 3 ? `<${BASE}/v1/integrations?page=${page + 1}>; rel="next"` : "";
      return json(items, 200, link ? { link } : {});
    };
    const desk360 = createDesk360Client({ token: "t", fetch, requestBudget: false });
    const ids = [];
    for await (const integration of desk360.integrations.list.iterate()) ids.push(integration.id);
    expect(ids).toHaveLength(43);
    expect(ids.at(-1)).toBe(302);
  });
});

describe("multipart", () => {
  it("sends template destinations in bracket notation with the attachment as a file part", async () => {
    const api = fakeDesk360({ handle: () => json({ message: "ok" }) });
    const desk360 = createDesk360Client({ token: "t", fetch: api.fetch, requestBudget: false });
    await desk360.templates.send({
      integrationId: 12,
      template_id: 7,
      language_id: 2,
      destinations: [{ phone: "+905551112233", parameters: { "body-1": "Ali", "header-1": "Order 42" } }, { phone: "+905551112234", parameters: { "body-1": "Ayşe" } }],
      attachment: new File(["%PDF-1.4"], "invoice.pdf", { type: "application/pdf" }),
    });
    const form = api.calls[0]?.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect([...form.keys()]).toEqual([
      "template_id", "language_id", "destinations[0][phone]", "destinations[0][parameters][body-1]", "destinations[0][parameters][header-1]",
      "destinations[1][phone]", "destinations[1][parameters][body-1]", "attachment",
    ]);
    expect(form.get("destinations[1][parameters][body-1]")).toBe("Ayşe");
    expect((form.get("attachment") as File).name).toBe("invoice.pdf");
  });

  it("sends the same template as JSON when there is no file", async () => {
    const api = fakeDesk360({ handle: () => json({ message: "ok" }) });
    const desk360 = createDesk360Client({ token: "t", fetch: api.fetch, requestBudget: false });
    await desk360.templates.send({ integrationId: 12, template_id: 7, language_id: 2, destinations: [{ phone: "+905551112233" }] });
    expect(JSON.parse(String(api.calls[0]?.body))).toEqual({ template_id: 7, language_id: 2, destinations: [{ phone: "+905551112233" }] });
    expect(api.calls[0]?.headers.get("content-type")).toBe("application/json");
  });

  it("sends media as repeated attachments[] parts and downloads media as bytes", async () => {
    const api = fakeDesk360({
      handle: (call) =>
        call.method === "GET" ? new Response(new Uint8Array([255, 216, 255]), { headers: { "content-type": "image/jpeg" } }) : json({ medias: { images: [{ media_id: "m1" }] } }),
    });
    const desk360 = createDesk360Client({ token: "t", fetch: api.fetch, requestBudget: false });
    await desk360.messages.sendMedia({ integrationId: 12, to: "+905551112233", attachments: [new Blob(["a"], { type: "image/png" }), new Uint8Array([1, 2, 3])] });
    const form = api.calls[0]?.body as FormData;
    expect([...form.keys()]).toEqual(["to", "attachments[]", "attachments[]"]);
    const file = await desk360.media.download({ integrationId: 12, mediaId: "m1" });
    expect(file).toEqual({ bytes: new Uint8Array([255, 216, 255]), contentType: "image/jpeg" });
  });
});

describe("validation before sending", () => {
  const api = fakeDesk360();
  const desk360 = createDesk360Client({ token: "t", fetch: api.fetch, requestBudget: false });
  const button = (title: string, id = title) => ({ id, title });

  it.each([
    ["text over 4096 characters", () => desk360.messages.sendText({ ...send, text: "x".repeat(4097) }), /text: must be at most 4096 characters/],
    ["a phone number without + and country code", () => desk360.messages.sendText({ ...send, to: "05551112233" }), /to: must start with \+ and the country code, digits only, e\.g\. \+905551112233 \(got "05551112233"\)/],
    ["more than 10 buttons", () => desk360.messages.sendInteractive({ integrationId: 1, to: send.to, body: "Pick", buttons: Array.from({ length: 11 }, (_, i) => button(`b${i}`)) }), /buttons: must have at most 10 items/],
    ["duplicate button titles", () => desk360.messages.sendInteractive({ integrationId: 1, to: send.to, body: "Pick", buttons: [button("Yes", "1"), button("No", "2"), button("Yes", "3")] }), /buttons\[2\]\.title: duplicates buttons\[0\]\.title "Yes"/],
    ["a button title over 20 characters", () => desk360.messages.sendInteractive({ integrationId: 1, to: send.to, body: "Pick", buttons: [button("x".repeat(21))] }), /buttons\[0\]\.title: must be at most 20 characters/],
    ["more than 5 attachments", () => desk360.messages.sendMedia({ integrationId: 1, to: send.to, attachments: Array.from({ length: 6 }, () => new Blob(["x"])) }), /attachments: must have at most 5 items/],
    ["an attachment over 20 MB", () => desk360.messages.sendMedia({ integrationId: 1, to: send.to, attachments: [new Uint8Array(20 * 1024 * 1024 + 1)] }), /attachments\[0\]: must be at most 20 MB \(got 20\.0 MB\)$/],
    ["a Blob attachment over 20 MB", () => desk360.messages.sendMedia({ integrationId: 1, to: send.to, attachments: [new Blob(["x"]), new Blob([new Uint8Array(25 * 1024 * 1024)])] }), /: attachments\[1\]: must be at most 20 MB \(got 25\.0 MB\)$/],
    ["a birthday that is not Y-m-d", () => desk360.messages.sendContacts({ integrationId: 1, to: send.to, contacts: [{ name: { formatted_name: "A B", first_name: "A", last_name: "B" }, birthday: "01/02/1990" }] }), /birthday: must be a date/],
  ])("%s", async (_name, call, message) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(message);
    expect(api.calls).toHaveLength(0);
  });

  it("a template attachment over 20 MB is refused under its own name", async () => {
    const attachment = new File([new Uint8Array(20 * 1024 * 1024 + 1)], "big.pdf", { type: "application/pdf" });
    const error = await desk360.templates.send({ integrationId: 1, template_id: 7, language_id: 2, destinations: [{ phone: send.to }], attachment }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: "attachment", message: "must be at most 20 MB (got 20.0 MB)" }]);
    expect(api.calls).toHaveLength(0);
  });

  it("a file of exactly 20 MB is sent", async () => {
    const limit = fakeDesk360({ handle: () => json({ message: "ok" }) });
    const client = createDesk360Client({ token: "t", fetch: limit.fetch, requestBudget: false });
    const file = new Uint8Array(20 * 1024 * 1024);
    await client.messages.sendMedia({ integrationId: 1, to: send.to, attachments: [file, new Blob([file])] });
    await client.templates.send({ integrationId: 1, template_id: 7, language_id: 2, destinations: [{ phone: send.to }], attachment: new File([file], "limit.pdf", { type: "application/pdf" }) });
    expect(limit.calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual(["POST /v1/integrations/1/conversations/messages/medias", "POST /v1/integrations/1/conversations/templates/send"]);
    expect(((limit.calls[0]?.body as FormData).getAll("attachments[]") as File[]).map((f) => f.size)).toEqual([20 * 1024 * 1024, 20 * 1024 * 1024]);
  });

  it("malformed buttons and attachments get the schema's issues, not a crash or a duplicate-title issue", async () => {
    const issues = async (call: () => Promise<unknown>) => {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues;
    };
    const interactive = { integrationId: 1, to: send.to, body: "Pick" };
    expect(await issues(() => desk360.messages.sendInteractive({ ...interactive, buttons: [null, { id: "b" }, { id: "c" }] } as never))).toEqual([
      { path: "buttons[0]", message: "expected object, got null" },
      { path: "buttons[1].title", message: "is required" },
      { path: "buttons[2].title", message: "is required" },
    ]);
    expect(await issues(() => desk360.messages.sendInteractive(interactive as never))).toEqual([{ path: "buttons", message: "is required" }]);
    // Unique titles are a rule of interactive buttons only: a stray `buttons` elsewhere is just unknown.
    expect(await issues(() => desk360.messages.sendText({ ...send, buttons: [button("Yes", "1"), button("Yes", "2")] } as never))).toEqual([{ path: "buttons", message: "is not a known parameter" }]);
    expect(await issues(() => desk360.messages.sendMedia({ integrationId: 1, to: send.to, attachments: [null] } as never))).toEqual([{ path: "attachments[0]", message: "expected string, got null" }]);
    expect(api.calls).toHaveLength(0);
  });
});
