// Unit tests of the wabbit REST client with a scripted fetch: the three credentials, the login flow
// (re-login after a 401, a rejected login never repeated), DRF paging locked to the inbox's origin,
// the time cursor with timestamps shared across page boundaries, multipart uploads and downloads.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthenticationError, BadRequestError, createWabbitClient, PaginationError, RateLimitError, ServerError, ValidationError } from "../src/index.js";
import { BASE, json, message, messagesPage, scripted, type Call } from "./fake.js";

const TOKEN_PATH = "/api/v1/auth/token/";

/** An inbox whose login issues tok-1, tok-2…; `valid` decides which tokens the other calls accept. */
function inbox(opts: { password?: string; loginStatus?: number; valid?: (token: string) => boolean; handle?: (call: Call) => Response | undefined } = {}) {
  let issued = 0;
  const server = scripted(async (call) => {
    if (call.url.pathname === TOKEN_PATH) {
      if (opts.loginStatus) return json({ detail: "Request was throttled." }, opts.loginStatus);
      const body = JSON.parse(String(call.body)) as { username: string; password: string };
      if (body.password !== (opts.password ?? "right")) return json({ non_field_errors: ["Unable to log in with provided credentials."] }, 400);
      return json({ token: `tok-${++issued}` });
    }
    const auth = call.headers.get("authorization") ?? "";
    if (!auth.startsWith("Token ") || !(opts.valid ?? (() => true))(auth.slice(6))) return json({ detail: "Invalid token." }, 401, { "www-authenticate": "Token" });
    return opts.handle?.(call) ?? json({ url: `${BASE}/api/v1/users/2/`, id: 2, username: "peter", email: "peter@example.com", groups: [], permissions: {} });
  });
  return { ...server, logins: () => server.calls.filter((c) => c.url.pathname === TOKEN_PATH).length };
}

describe("credentials", () => {
  it("a token is sent as `Authorization: Token <token>`", async () => {
    const api = inbox();
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "8aeb44f5a318542d32bb13019d68198467ee21f0", fetch: api.fetch });
    const me = await wabbit.users.current();
    expect(me.username).toBe("peter");
    expect(api.calls[0]?.headers.get("authorization")).toBe("Token 8aeb44f5a318542d32bb13019d68198467ee21f0");
    expect(api.calls[0]?.url.href).toBe(`${BASE}/api/v1/users/current/`);
    expect(wabbit.session).toMatchObject({ scheme: "token", token: "8aeb44f5a318542d32bb13019d68198467ee21f0", logins: 0 });
  });

  it("an apiKey is sent as `D360-Api-Key` and nothing else", async () => {
    const api = scripted(() => json({ username: "peter", email: "p@example.com", groups: [], permissions: {} }));
    const wabbit = createWabbitClient({ baseUrl: BASE, apiKey: "xEZOvMBDS6zEZtbR2xCJkP5R75szhCUIvMH", fetch: api.fetch });
    await wabbit.users.current();
    expect(api.calls[0]?.headers.get("d360-api-key")).toBe("xEZOvMBDS6zEZtbR2xCJkP5R75szhCUIvMH");
    expect(api.calls[0]?.headers.get("authorization")).toBeNull();
    expect(wabbit.session).toMatchObject({ scheme: "d360ApiKey", token: undefined });
  });

  it.each([
    ["no credential", { baseUrl: BASE }, /token: is required \(or pass username and password, or apiKey\)/],
    ["two kinds", { baseUrl: BASE, token: "t0ken", apiKey: "k3y-value" }, /pass only one credential/],
    ["username without password", { baseUrl: BASE, username: "peter" }, /password: is required with username/],
    ["password without username", { baseUrl: BASE, password: "secret-pw" }, /username: is required with password/],
    ["an empty token", { baseUrl: BASE, token: " " }, /token: must be a non-empty string \(got an empty string\)/],
    ["a numeric apiKey", { baseUrl: BASE, apiKey: 42 }, /apiKey: must be a non-empty string \(got number\)/],
    ["a token with a newline", { baseUrl: BASE, token: "abc\ndef" }, /token: must not contain CR or LF/],
    ["no baseUrl", { token: "t0ken" }, /baseUrl: is required for Wabbit/],
    ["plain http", { baseUrl: "http://inbox.example.com", token: "t0ken" }, /baseUrl: must use https/],
    ["a misspelt option", { baseUrl: BASE, token: "t0ken", timout: 5 }, /timout: is not a known option; did you mean `timeoutMs`\?/],
  ])("rejects %s before sending, naming the field", (_name, options, message) => {
    const error = (() => {
      try {
        createWabbitClient(options as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(message);
  });

  it("never shows the secret in an option error", () => {
    const error = (() => {
      try {
        createWabbitClient({ baseUrl: "http://inbox.example.com", password: "hunter2-secret" } as never);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    for (const text of [error?.message, JSON.stringify(error), inspect(error)]) expect(text).not.toContain("hunter2-secret");
  });
});

describe("username and password login", () => {
  it("logs in once for concurrent calls, with the credentials as JSON, then reuses the token", async () => {
    const api = inbox();
    const wabbit = createWabbitClient({ baseUrl: BASE, username: "peter", password: "right", fetch: api.fetch });
    await Promise.all(Array.from({ length: 6 }, () => wabbit.users.current()));
    await wabbit.users.current();
    expect(api.logins()).toBe(1);
    const login = api.calls.find((c) => c.url.pathname === TOKEN_PATH);
    expect(login?.method).toBe("POST");
    expect(JSON.parse(String(login?.body))).toEqual({ username: "peter", password: "right" });
    expect(login?.headers.get("authorization")).toBeNull();
    const others = api.calls.filter((c) => c.url.pathname !== TOKEN_PATH);
    expect(others).toHaveLength(7);
    for (const c of others) expect(c.headers.get("authorization")).toBe("Token tok-1");
    expect(wabbit.session).toMatchObject({ token: "tok-1", logins: 1 });
  });

  it("logs in again once after a 401 and replays the rejected call", async () => {
    let accepted = "tok-1";
    const api = inbox({ valid: (t) => t === accepted });
    const wabbit = createWabbitClient({ baseUrl: BASE, username: "peter", password: "right", fetch: api.fetch });
    await wabbit.users.current();
    accepted = "tok-2"; // the token was revoked on the server
    await Promise.all([wabbit.users.current(), wabbit.users.current()]);
    expect(api.logins()).toBe(2);
    expect(wabbit.session.token).toBe("tok-2");
  });

  it("a 401 that survives the new login is final (no loop)", async () => {
    const api = inbox({ valid: () => false });
    const wabbit = createWabbitClient({ baseUrl: BASE, username: "peter", password: "right", fetch: api.fetch });
    const error = await wabbit.users.current().catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/Invalid token/);
    expect(api.logins()).toBe(2);
    expect(api.calls).toHaveLength(4);
  });

  it("a wrong password is one request: never retried, and every later call fails without contacting the server", async () => {
    const api = inbox({ password: "right" });
    const wabbit = createWabbitClient({ baseUrl: BASE, username: "peter", password: "wrong-password", fetch: api.fetch, retry: { initialDelayMs: 1 } });
    const results = await Promise.allSettled([wabbit.users.current(), wabbit.chats.list()]);
    const later = await wabbit.tags.list().catch((e) => e);
    expect(api.calls).toHaveLength(1);
    for (const r of results) expect(r.status).toBe("rejected");
    expect(later).toBeInstanceOf(BadRequestError);
    expect(later.message).toBe("Wabbit login with username and password failed (400: Unable to log in with provided credentials.); no further login will be attempted");
    for (const text of [later.message, JSON.stringify(later), inspect(later, { depth: 9 })]) expect(text).not.toContain("wrong-password");
  });

  it.each([401, 403, 429])("a %i of the login is final too (not retried, not repeated)", async (status) => {
    const api = inbox({ loginStatus: status });
    const wabbit = createWabbitClient({ baseUrl: BASE, username: "peter", password: "right", fetch: api.fetch, retry: { initialDelayMs: 1 } });
    const first = await wabbit.users.current().catch((e) => e);
    const second = await wabbit.users.current().catch((e) => e);
    expect(api.calls).toHaveLength(1);
    expect(second).toBe(first);
    expect(first).toBeInstanceOf(status === 429 ? RateLimitError : AuthenticationError);
    expect(first.status).toBe(status);
  });

  it("a 503 of the login is retried (the login is safe to repeat), and the call then succeeds", async () => {
    let n = 0;
    const api = scripted((call) => {
      if (call.url.pathname === TOKEN_PATH) return ++n === 1 ? json({ detail: "Service unavailable" }, 503) : json({ token: "tok-9" });
      return json({ count: 0, next: null, previous: null, results: [] });
    });
    const wabbit = createWabbitClient({ baseUrl: BASE, username: "peter", password: "right", fetch: api.fetch, retry: { initialDelayMs: 1 } });
    expect(await wabbit.tags.list()).toEqual({ count: 0, next: null, previous: null, results: [] });
    expect(api.calls.map((c) => c.url.pathname)).toEqual([TOKEN_PATH, TOKEN_PATH, "/api/v1/tags/"]);
  });

  it("a static token's 401 is final and the token never shows in the error", async () => {
    const api = inbox({ valid: () => false });
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "static-token-123", fetch: api.fetch });
    const error = await wabbit.users.current().catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(api.calls).toHaveLength(1);
    expect(inspect(error, { depth: 9 })).not.toContain("static-token-123");
  });
});

describe("DRF paging (follows `next` on the inbox's own origin only)", () => {
  const tag = (id: number) => ({ id, name: `tag ${id}`, web_inbox_color: null });

  it("iterates every page by following next", async () => {
    const api = scripted((call) => {
      const offset = Number(call.url.searchParams.get("offset") ?? 0);
      const next = offset < 4 ? `${BASE}/api/v1/tags/?limit=2&offset=${offset + 2}` : null;
      return json({ count: 6, next, previous: null, results: [tag(offset + 1), tag(offset + 2)] });
    });
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "t0ken", fetch: api.fetch });
    const ids: number[] = [];
    for await (const t of wabbit.tags.list.iterate({ limit: 2 })) ids.push(t.id as number);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(api.calls.map((c) => c.url.search)).toEqual(["?limit=2", "?limit=2&offset=2", "?limit=2&offset=4"]);
  });

  it("contacts: sends a next URL's provider paging parameters as they are (the doc: they cannot be set)", async () => {
    const contact = (name: string) => ({ name, phone_numbers: [], emails: [] });
    const api = scripted((call) => {
      const token = call.url.searchParams.get("page_token");
      const next = token ? null : `${BASE}/api/v1/contacts/?limit=1&search=ann&page_token=g%2F2&provider=google`;
      return json({ count: null, next, previous: null, results: [contact(token ? "Anna" : "Ann")] });
    });
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "t0ken", fetch: api.fetch });
    const names: string[] = [];
    for await (const c of wabbit.contacts.list.iterate({ limit: 1, search: "ann" })) names.push(c.name as string);
    expect(names).toEqual(["Ann", "Anna"]);
    expect(api.calls.map((c) => Object.fromEntries(c.url.searchParams))).toEqual([
      { limit: "1", search: "ann" },
      { limit: "1", search: "ann", page_token: "g/2", provider: "google" },
    ]);
  });

  it.each([
    ["another host", "https://evil.example.com/api/v1/tags/?offset=2"],
    ["http instead of https", "http://inbox.example.com/api/v1/tags/?offset=2"],
    ["another path of the inbox", `${BASE}/api/v1/users/?offset=2`],
  ])("a next URL on %s is a PaginationError and is never requested", async (_name, next) => {
    const api = scripted(() => json({ count: 4, next, previous: null, results: [tag(1), tag(2)] }));
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "secret-token-1", fetch: api.fetch });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const t of wabbit.tags.list.iterate()) seen.push(t.id as number);
    })().catch((e) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error.message).toMatch(/was not followed/);
    expect(seen).toEqual([1, 2]);
    expect(api.calls).toHaveLength(1);
    expect(api.calls.filter((c) => c.url.origin !== BASE || c.url.pathname !== "/api/v1/tags/")).toEqual([]);
  });
});

describe("time cursor over messages", () => {
  // Timestamps shared across page boundaries (limit 3): 30 | 20 20 | 20 20 20 | 20 10 | 10 10 5
  const store = [
    message("m1", 30),
    ...["m2", "m3", "m4", "m5", "m6", "m7"].map((id) => message(id, 20)),
    ...["m8", "m9", "m10"].map((id) => message(id, 10)),
    message("m11", 5),
  ];
  const server = () => scripted((call) => (call.url.pathname === "/api/v1/messages/" ? messagesPage(store, call.url.searchParams) : undefined));

  it("iterateHistory walks newest to oldest, each message once, across ties at page boundaries", async () => {
    const api = server();
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "t0ken", fetch: api.fetch });
    const ids: string[] = [];
    for await (const m of wabbit.messages.list.iterateHistory({ wa_id: "48123123123", limit: 3 })) ids.push(m.waba_payload?.id as string);
    expect(ids).toEqual(["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11"]);
    for (const c of api.calls) expect(c.url.searchParams.get("wa_id")).toBe("48123123123");
    expect(api.calls[1]?.url.searchParams.get("before_time")).toBe("21"); // at 20 or older, offset past the two seen
    expect(api.calls[1]?.url.searchParams.get("offset")).toBe("2");
  });

  it("iterateHistory from a before_time starts strictly older than it", async () => {
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "t0ken", fetch: server().fetch });
    const ids: string[] = [];
    for await (const m of wabbit.messages.list.iterateHistory({ before_time: 20, limit: 2 })) ids.push(m.waba_payload?.id as string);
    expect(ids).toEqual(["m8", "m9", "m10", "m11"]);
  });

  it("follow yields everything at or after since_time, oldest first, each once", async () => {
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "t0ken", fetch: server().fetch });
    const ids: string[] = [];
    for await (const m of wabbit.messages.list.follow({ since_time: 10, limit: 3 })) ids.push(m.waba_payload?.id as string);
    // The walk's newest-first order, reversed: ties keep the reverse of the server's order.
    expect(ids).toEqual(["m10", "m9", "m8", "m7", "m6", "m5", "m4", "m3", "m2", "m1"]);
  });
});

describe("media", () => {
  const uploaded = () => scripted((call) => (call.method === "POST" ? json({ file: "/media/x.png", id: "497f6eca-6276-4993-bfeb-53cbbbba6f08" }, 201) : undefined));

  it.each([
    ["a Blob", () => new Blob([new Uint8Array([137, 80, 78, 71])], { type: "image/png" }), "file_encoded", "image/png"],
    ["a File (its name kept)", () => new File([new Uint8Array([137, 80, 78, 71])], "photo.png", { type: "image/png" }), "photo.png", "image/png"],
    ["a Uint8Array", () => new Uint8Array([137, 80, 78, 71]), "file_encoded", ""],
  ])("uploads %s as the multipart part file_encoded", async (_name, file, filename, type) => {
    const api = uploaded();
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "t0ken", fetch: api.fetch });
    const stored = await wabbit.media.create({ file_encoded: file() });
    expect(stored).toEqual({ file: "/media/x.png", id: "497f6eca-6276-4993-bfeb-53cbbbba6f08" });
    const form = api.calls[0]?.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect([...form.keys()]).toEqual(["file_encoded"]);
    const part = form.get("file_encoded") as File;
    expect(part.name).toBe(filename);
    expect(part.type).toBe(type);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
    expect(api.calls[0]?.url.pathname).toBe("/api/v1/media/");
  });

  it("an upload without the file is refused before sending", async () => {
    const api = uploaded();
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "t0ken", fetch: api.fetch });
    await expect(wabbit.media.create({} as never)).rejects.toThrow(/file_encoded: is required/);
    await expect(wabbit.media.create({ file_encoded: 42 } as never)).rejects.toThrow(/file_encoded: expected string, got integer/);
    expect(api.calls).toHaveLength(0);
  });

  it("downloads media as bytes with their content type", async () => {
    const api = scripted(() => new Response(new Uint8Array([0, 0, 0, 24, 102, 116]), { headers: { "content-type": "video/mp4" } }));
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "t0ken", fetch: api.fetch });
    const file = await wabbit.media.get({ id: "20854d67-189e-4e78-a8ac-1234567890ab" });
    expect(file).toEqual({ bytes: new Uint8Array([0, 0, 0, 24, 102, 116]), contentType: "video/mp4" });
    expect(api.calls[0]?.url.pathname).toBe("/api/v1/media/20854d67-189e-4e78-a8ac-1234567890ab");
    expect(api.calls[0]?.headers.get("accept")).toBe("*/*");
  });
});

describe("sends", () => {
  it("a message send answered 503 is not re-sent; a read is retried", async () => {
    let reads = 0;
    const api = scripted((call) => {
      if (call.method === "POST") return json({ detail: "Service unavailable" }, 503);
      return ++reads === 1 ? json({ detail: "Service unavailable" }, 503) : json({ count: 0, next: null, previous: null, results: [] });
    });
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "t0ken", fetch: api.fetch, retry: { initialDelayMs: 1 } });
    const error = await wabbit.messages.create({ wa_id: "48123456789", type: "text", text: { body: "Hello!" } }).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(api.calls.filter((c) => c.method === "POST")).toHaveLength(1);
    await wabbit.chats.list();
    expect(reads).toBe(2);
  });

  it("a message of one type is checked against that type's schema before sending", async () => {
    const api = scripted(() => json({}, 201));
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "t0ken", fetch: api.fetch });
    await expect(wabbit.messages.create({ wa_id: "48123456789", type: "image", image: {} } as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(wabbit.messages.create({ wa_id: "48123456789", type: "text" } as never)).rejects.toThrow(/text: is required/);
    expect(api.calls).toHaveLength(0);
    await wabbit.messages.create({ wa_id: "48123456789", type: "location", location: { latitude: 52.2297, longitude: 21.0122 } });
    expect(JSON.parse(String(api.calls[0]?.body))).toEqual({ wa_id: "48123456789", type: "location", location: { latitude: 52.2297, longitude: 21.0122 } });
  });
});

describe("ids in paths", () => {
  it("an object's integer id or the doc's string of digits, the same URL either way; anything else is refused", async () => {
    const api = scripted(() => json({ id: 2, username: "peter", email: "peter@example.com", groups: [], permissions: {} }));
    const wabbit = createWabbitClient({ baseUrl: BASE, token: "t0ken", fetch: api.fetch });
    const user = await wabbit.users.get({ id: 2 });
    await wabbit.users.get({ id: String(user.id) });
    await wabbit.messageTagging.get({ id: 12 });
    await wabbit.webhooks.get({ id: "3" });
    expect(api.calls.map((c) => c.url.pathname)).toEqual(["/api/v1/users/2/", "/api/v1/users/2/", "/api/v1/message_tagging/12/", "/api/v1/webhooks/waba/3/"]);
    await expect(wabbit.users.get({ id: "me" })).rejects.toThrow('id: must be a whole number written in digits, e.g. "12" (got "me")');
    await expect(wabbit.chatTagging.get({ id: "../users" })).rejects.toThrow(/id: must be a whole number written in digits/);
    await expect(wabbit.webhooks.get({ id: 1.5 })).rejects.toThrow("id: expected integer or string, got number");
    expect(api.calls).toHaveLength(4);
  });
});

describe("option and credential errors, exactly", () => {
  const thrown = (options: unknown): ValidationError => {
    try {
      createWabbitClient(options as never);
    } catch (e) {
      return e as ValidationError;
    }
    throw new Error("no error");
  };

  it.each([
    ["null", null, "null"],
    ["an array", [BASE, "t0ken"], "an array"],
    ["a string (the base URL alone)", BASE, "a string"],
    ["a number", 42, "number"],
  ])("options that are %s are refused, saying what was given", (_name, options, got) => {
    const error = thrown(options);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(`Invalid Wabbit client options: must be an object with baseUrl and a credential (got ${got})`);
    expect(error.issues).toEqual([{ path: "", message: `must be an object with baseUrl and a credential (got ${got})` }]);
  });

  it.each([
    ["two kinds", { baseUrl: BASE, token: "t0ken", apiKey: "k3y-value" }, [{ path: "token", message: "pass only one credential: token, username and password, or apiKey" }]],
    ["a null token", { baseUrl: BASE, token: null }, [{ path: "token", message: "must be a non-empty string (got null)" }]],
    ["an empty username", { baseUrl: BASE, username: "", password: "secret-pw" }, [{ path: "username", message: "must be a non-empty string (got an empty string)" }]],
    ["an empty password", { baseUrl: BASE, username: "peter", password: "" }, [{ path: "password", message: "must be a non-empty string (got an empty string)" }]],
    ["a numeric password", { baseUrl: BASE, username: "peter", password: 1234 }, [{ path: "password", message: "must be a non-empty string (got number)" }]],
    ["an array apiKey", { baseUrl: BASE, apiKey: ["k3y-value"] }, [{ path: "apiKey", message: "must be a non-empty string (got an array)" }]],
  ])("%s: the exact issue, under the subject Wabbit client options", (_name, options, issues) => {
    const error = thrown(options);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual(issues);
    expect(error.message).toBe(`Invalid Wabbit client options: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  });

  it("a password of blanks is a password (only an empty one is refused)", async () => {
    const api = inbox({ password: "   " });
    const wabbit = createWabbitClient({ baseUrl: BASE, username: "peter", password: "   ", fetch: api.fetch });
    await wabbit.users.current();
    expect(JSON.parse(String(api.calls[0]?.body))).toEqual({ username: "peter", password: "   " });
  });

  it("an apiKey with a line break is refused by name, before sending", () => {
    const error = thrown({ baseUrl: BASE, apiKey: "k3y\r\nX-Evil: 1" });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i) => i.path)).toEqual(["apiKey"]);
    expect(error.message).toMatch(/^Invalid header value: apiKey: must not contain CR or LF/);
    expect(error.message).not.toContain("k3y");
  });

  it("an apiKey client's session has no token and no login", () => {
    const wabbit = createWabbitClient({ baseUrl: BASE, apiKey: "xEZOvMBDS6zEZtbR2xCJkP5R75szhCUIvMH", fetch: scripted(() => undefined).fetch });
    expect({ scheme: wabbit.session.scheme, token: wabbit.session.token, logins: wabbit.session.logins }).toEqual({ scheme: "d360ApiKey", token: undefined, logins: 0 });
  });

  it("an API key the server echoes in an error is redacted", async () => {
    const key = "xEZOvMBDS6zEZtbR2xCJkP5R75szhCUIvMH";
    const api = scripted(() => json({ detail: `Invalid D360-Api-Key ${key}.` }, 403));
    const wabbit = createWabbitClient({ baseUrl: BASE, apiKey: key, fetch: api.fetch });
    const error = await wabbit.users.current().catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe("Wabbit users.current failed with 403: Invalid D360-Api-Key [REDACTED].");
    expect(JSON.stringify(error)).not.toContain(key);
  });
});

describe("a rejected login, exactly", () => {
  /** A client whose login is answered `status` with `body` (raw text when a string). */
  const rejected = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    const api = scripted((call) =>
      call.url.pathname === TOKEN_PATH ? (typeof body === "string" ? new Response(body, { status, headers }) : json(body, status, headers)) : json({ id: 2, username: "peter", email: "p@example.com", groups: [], permissions: {} }),
    );
    const wabbit = createWabbitClient({ baseUrl: BASE, username: "peter", password: "hunter2-secret", fetch: api.fetch, retry: { initialDelayMs: 1, maxRetries: 0 } });
    return { api, wabbit };
  };

  it.each([
    ["detail wins over the field errors", { detail: "Account disabled.", username: ["unknown"] }, "Account disabled."],
    ["every field error, joined", { non_field_errors: ["Unable to log in with provided credentials."], username: ["This field may not be blank."] }, "Unable to log in with provided credentials.; This field may not be blank."],
    ["only the strings of a list, and no other value", { code: "invalid", non_field_errors: ["Unable to log in.", 7] }, "Unable to log in."],
  ])("the message shows DRF's reason: %s", async (_name, body, detail) => {
    const { wabbit } = rejected(400, body);
    const error = await wabbit.users.current().catch((e) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toBe(`Wabbit login with username and password failed (400: ${detail}); no further login will be attempted`);
  });

  it.each([
    ["a JSON null", null],
    ["a text body", "Forbidden by policy"],
    ["an empty body", ""],
  ])("a body with no DRF reason (%s): the reason of the response, without the operation's prefix", async (_name, body) => {
    const { wabbit } = rejected(403, body);
    const error = await wabbit.users.current().catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const reason = body || "request failed"; // the runtime's text of a bodiless error without a status text
    expect(error.message).toBe(`Wabbit login with username and password failed (403: ${reason}); no further login will be attempted`);
  });

  it("a throttled login keeps the server's Retry-After", async () => {
    const { api, wabbit } = rejected(429, { detail: "Request was throttled. Expected available in 30 seconds." }, { "retry-after": "30" });
    const error = await wabbit.users.current().catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.message).toBe("Wabbit login with username and password failed (429: Request was throttled. Expected available in 30 seconds.); no further login will be attempted");
    expect(api.calls).toHaveLength(1);
  });

  it("a password the server echoes in its rejection is redacted", async () => {
    const { wabbit } = rejected(400, { non_field_errors: ["No user peter with password hunter2-secret."] });
    const error = await wabbit.users.current().catch((e) => e);
    expect(error.message).toBe("Wabbit login with username and password failed (400: No user peter with password [REDACTED].); no further login will be attempted");
    for (const text of [JSON.stringify(error), inspect(error, { depth: 9 })]) expect(text).not.toContain("hunter2-secret");
  });

  it("a login that fails with a 5xx after its retries is not final: the next call logs in again", async () => {
    let n = 0;
    const api = scripted((call) => (call.url.pathname === TOKEN_PATH ? (++n === 1 ? json({ detail: "Service unavailable" }, 503) : json({ token: "tok-2" })) : json({ count: 0, next: null, previous: null, results: [] })));
    const wabbit = createWabbitClient({ baseUrl: BASE, username: "peter", password: "right", fetch: api.fetch, retry: { initialDelayMs: 1, maxRetries: 0 } });
    const error = await wabbit.tags.list().catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toBe("Wabbit auth.token failed with 503: Service unavailable");
    expect(await wabbit.tags.list()).toEqual({ count: 0, next: null, previous: null, results: [] });
    expect(api.calls.map((c) => c.url.pathname)).toEqual([TOKEN_PATH, TOKEN_PATH, "/api/v1/tags/"]);
    expect(wabbit.session).toMatchObject({ token: "tok-2", logins: 1 });
  });
});
