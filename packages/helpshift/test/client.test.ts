// Unit tests of the Helpshift client with an injected fetch: the wire format (form with JSON-encoded
// fields), HTTP Basic auth, the bound domain, the option checks (exact issues, did-you-mean), every
// validation case (and that nothing was sent), retries, redaction of the key.
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validate } from "@inboxkit/runtime";
import { DOMAIN_PATTERN } from "../src/auth.js";
import { DURATION_PATTERN, MAX_VIEWCOUNT } from "../src/expiry.js";
import { AuthenticationError, createHelpshiftClient, expiry, operationTable, ServerError, ValidationError } from "../src/index.js";
import { thrown } from "../../../scripts/vitest/thrown.js";

const KEY = "hs_api_key_0123456789abcdef";
const BASIC = `Basic ${Buffer.from(`${KEY}:`, "utf8").toString("base64")}`;
const APP = "acme_app_20211201093000000-8f2c1a7d3b6e4f0";
const LINK = { url: "https://acme.helpshift.com/s/7Qx2mZ", qrcode: "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>" };

function stub(body: unknown = LINK, status = 201, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
  };
  return { fetch, calls };
}

/** The ValidationError `createHelpshiftClient(options)` throws (fails the test when it does not throw). */
function optionsError(options: unknown): ValidationError {
  return thrown(() => createHelpshiftClient(options as never), ValidationError);
}

function formOf(init: RequestInit): Record<string, string> {
  expect(init.body).toBeInstanceOf(URLSearchParams);
  return Object.fromEntries(new URLSearchParams(String(init.body)));
}

describe("createHelpshiftClient: the wire", () => {
  it("posts a form with JSON-encoded fields to /v1/<domain>/console/qrcode with HTTP Basic auth", async () => {
    const { fetch, calls } = stub();
    const helpshift = createHelpshiftClient({ apiKey: KEY, domain: "acme", fetch });
    const link = await helpshift.webchat.createLink({
      app_id: APP,
      format: "svg",
      expiry: { time: "2h", viewcount: 10 },
      uid: "player-48213",
      email: "doctor.awesome@starlabs.com",
      phone_number: "+919876543210",
      first_user_message: "I did not receive the gems I bought.",
      custom_fields: { age: 23, paiduser: false, joined: "2021-12-01" },
      tags: ["purchase", "vip"],
      help_faq_filter: { tags: ["tier1", "tier2"], operator: "and" },
      webchat_widget: "open",
      includes: ["unread_messages"],
      initiate_chat: true,
    });
    expect(link).toEqual(LINK);
    expect(calls).toHaveLength(1);
    const { url, init } = calls[0]!;
    expect(url).toBe("https://api.helpshift.com/v1/acme/console/qrcode");
    expect(init.method).toBe("POST");
    const headers = new Headers(init.headers);
    expect(headers.get("authorization")).toBe(BASIC);
    expect(atob(headers.get("authorization")!.slice(6))).toBe(`${KEY}:`); // user = key, empty password
    expect(headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(headers.get("accept")).toBe("application/json");
    expect(formOf(init)).toEqual({
      app_id: APP,
      format: "svg",
      expiry: '{"time":"2h","viewcount":10}',
      uid: "player-48213",
      email: "doctor.awesome@starlabs.com",
      phone_number: "+919876543210",
      first_user_message: "I did not receive the gems I bought.",
      custom_fields: '{"age":23,"paiduser":false,"joined":"2021-12-01"}',
      tags: '["purchase","vip"]',
      help_faq_filter: '{"tags":["tier1","tier2"],"operator":"and"}',
      webchat_widget: "open",
      includes: '["unread_messages"]',
      initiate_chat: "true",
    });
    // The raw body, as the server reads it: URL-encoded, the JSON inside the fields too.
    expect(String(init.body)).toContain("tags=%5B%22purchase%22%2C%22vip%22%5D");
    expect(String(init.body)).toContain("phone_number=%2B919876543210");
  });

  it("sends an already JSON-encoded field as is (not encoded twice)", async () => {
    const { fetch, calls } = stub();
    const helpshift = createHelpshiftClient({ apiKey: KEY, domain: "acme", fetch });
    await helpshift.webchat.createLink({ app_id: APP, tags: '["vip"]', expiry: '{"viewcount":3}' });
    expect(formOf(calls[0]!.init)).toEqual({ app_id: APP, tags: '["vip"]', expiry: '{"viewcount":3}' });
  });

  it("sends expiry() results JSON-encoded", async () => {
    const { fetch, calls } = stub();
    const helpshift = createHelpshiftClient({ apiKey: KEY, domain: "acme", fetch });
    const at = new Date(Date.now() + 3_600_000);
    await helpshift.webchat.createLink({ app_id: APP, expiry: expiry({ at, views: 5 }) });
    expect(JSON.parse(formOf(calls[0]!.init).expiry!)).toEqual({ time: at.getTime(), viewcount: 5 });
  });

  it("gets /v1/<domain>/console/messages/unread with the identity in the query", async () => {
    const { fetch, calls } = stub({ active_issue: { issue_id: 78, unread_messages: 2 } }, 200);
    const helpshift = createHelpshiftClient({ apiKey: KEY, domain: "acme-games", fetch });
    await expect(helpshift.messages.getUnread({ app_id: APP, uid: "player 1", phone_number: "+14155550100" })).resolves.toEqual({ active_issue: { issue_id: 78, unread_messages: 2 } });
    const { url, init } = calls[0]!;
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe("https://api.helpshift.com/v1/acme-games/console/messages/unread");
    expect(Object.fromEntries(parsed.searchParams)).toEqual({ app_id: APP, uid: "player 1", phone_number: "+14155550100" });
    expect(init.method).toBe("GET");
    expect(init.body ?? null).toBeNull();
    expect(new Headers(init.headers).get("authorization")).toBe(BASIC);
  });

  it("encodes a non-ASCII key as UTF-8 (btoa, no Buffer)", async () => {
    const { fetch, calls } = stub();
    await createHelpshiftClient({ apiKey: "clé-ü", domain: "acme", fetch }).webchat.createLink({ app_id: APP });
    expect(new Headers(calls[0]!.init.headers).get("authorization")).toBe(`Basic ${Buffer.from("clé-ü:", "utf8").toString("base64")}`);
  });
});

describe("createHelpshiftClient: options", () => {
  it("rejects missing or malformed credentials and domains at creation", () => {
    expect(() => createHelpshiftClient({ apiKey: "", domain: "acme" })).toThrow(/apiKey: is required/);
    expect(() => createHelpshiftClient({ apiKey: "   ", domain: "acme" })).toThrow(/apiKey: is required/);
    expect(() => createHelpshiftClient({ apiKey: KEY } as never)).toThrow(/domain: is required/);
    expect(() => createHelpshiftClient({ domain: "acme" } as never)).toThrow(/apiKey: is required/);
    expect(() => createHelpshiftClient(undefined as never)).toThrow(/apiKey: is required; domain: is required/);
    expect(() => createHelpshiftClient({ apiKey: `${KEY}\r\nX-Evil: 1`, domain: "acme" })).toThrow(/apiKey: must not contain CR or LF/);
    expect(() => createHelpshiftClient({ apiKey: `${KEY}\n`, domain: "acme" })).toThrow(/apiKey: must not contain CR or LF/);
    expect(() => createHelpshiftClient({ apiKey: KEY, domain: "acme\r\n" })).toThrow(/domain: must not contain CR or LF/);
    expect(() => createHelpshiftClient({ apiKey: "user:pass", domain: "acme" })).toThrow(/apiKey: must not contain ':'/);
    expect(() => createHelpshiftClient({ apiKey: KEY, domain: "acme", baseUrl: "http://api.helpshift.com" })).toThrow(/https/);
    expect(() => createHelpshiftClient({ apiKey: KEY, domain: "acme", baseUrl: "http://127.0.0.1:4010" })).not.toThrow();
    for (const domain of ["acme", "ACME", "acme-games", "a", "a1", "x".repeat(63)]) {
      expect(() => createHelpshiftClient({ apiKey: KEY, domain }), domain).not.toThrow();
    }
  });

  it("accepts only a plain subdomain label as domain, with a hint for a host name", () => {
    const error = (domain: string) => {
      try {
        createHelpshiftClient({ apiKey: KEY, domain });
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error(`accepted ${domain}`);
    };
    expect(error("acme.helpshift.com").message).toMatch(/domain: must be your Helpshift domain name as a plain subdomain label.*did you mean "acme"\?/);
    expect(error("https://acme.helpshift.com/").message).toMatch(/did you mean "acme"\?/);
    for (const domain of ["acme/../admin", "ac me", "-acme", "acme-", "acme_games", "acme?x=1", "x".repeat(64), "acme.example.com", "ácme"]) {
      const e = error(domain);
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.issues).toEqual([{ path: "domain", message: expect.stringContaining("plain subdomain label") }]);
    }
  });

  it("names the option at fault under the Helpshift subject: control characters in the key, a blank domain", () => {
    // Any control character is refused in the key (it would break or smuggle a header), not only CR/LF.
    for (const apiKey of [`${KEY}\t`, `${KEY}\u0000`, `hs\u001bkey`, `${KEY}\u007f`]) {
      const e = optionsError({ apiKey, domain: "acme" });
      expect(e.message, JSON.stringify(apiKey)).toBe("Invalid Helpshift client options: apiKey: must not contain control characters");
      expect(e.issues).toEqual([{ path: "apiKey", message: "must not contain control characters" }]);
    }
    // A domain of blanks is missing, not a malformed label.
    for (const domain of ["   ", " \t "]) {
      expect(optionsError({ apiKey: KEY, domain }).issues, JSON.stringify(domain)).toEqual([{ path: "domain", message: "is required" }]);
    }
    expect(optionsError({ apiKey: KEY, domain: " " }).message).toBe("Invalid Helpshift client options: domain: is required");
  });

  it("hints the label only for a host of helpshift.com itself (http or https, surrounding blanks ignored)", () => {
    const message = (domain: string) => optionsError({ apiKey: KEY, domain }).message;
    expect(message("http://acme.helpshift.com")).toMatch(/did you mean "acme"\?\)$/);
    expect(message(" acme.helpshift.com ")).toMatch(/\(got " acme\.helpshift\.com "; did you mean "acme"\?\)$/);
    // A deeper host name, or another domain that merely starts like one, gets no (wrong) hint.
    expect(message("eu.acme.helpshift.com")).toBe(
      'Invalid Helpshift client options: domain: must be your Helpshift domain name as a plain subdomain label, e.g. "acme" for acme.helpshift.com (got "eu.acme.helpshift.com")',
    );
    expect(message("acme.helpshift.com.example.org")).toBe(
      'Invalid Helpshift client options: domain: must be your Helpshift domain name as a plain subdomain label, e.g. "acme" for acme.helpshift.com (got "acme.helpshift.com.example.org")',
    );
  });

  it("offers Helpshift's own option names for a misspelt option", () => {
    expect(optionsError({ apiKey: KEY, domain: "acme", apikey: KEY, domian: "acme" }).issues).toEqual([
      { path: "apikey", message: "is not a known option; did you mean `apiKey`?" },
      { path: "domian", message: "is not a known option; did you mean `domain`?" },
    ]);
  });

  it("never echoes the key, even when it was passed as the domain by mistake", () => {
    const e = optionsError({ apiKey: KEY, domain: KEY });
    expect(e.issues).toEqual([{ path: "domain", message: expect.stringContaining('(got "[REDACTED]")') }]);
    expect(`${e.message} ${JSON.stringify(e)} ${inspect(e)}`).not.toContain(KEY);
  });

  it("never echoes the key in an options error", () => {
    const e = (() => {
      try {
        createHelpshiftClient({ apiKey: "secret-key:with-colon", domain: "bad.domain" });
      } catch (err) {
        return err as ValidationError;
      }
    })()!;
    expect(e.issues.map((i) => i.path)).toEqual(["apiKey", "domain"]);
    expect(`${e.message} ${JSON.stringify(e)} ${inspect(e)}`).not.toContain("secret-key");
  });
});

describe("validation before sending", () => {
  const { fetch, calls } = stub();
  const helpshift = createHelpshiftClient({ apiKey: KEY, domain: "acme", fetch });
  const past = Date.now() - 60_000;
  const reject = async (params: unknown, pattern: RegExp) => {
    const error = await helpshift.webchat.createLink(params as never).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(pattern);
  };

  it("rejects every invalid createLink request and sends nothing", async () => {
    await reject({ format: "png" }, /Invalid parameters for Helpshift webchat\.createLink: app_id: is required/);
    await reject({ app_id: "" }, /app_id: must be at least 1 character \(got 0\)/);
    await reject({ app_id: APP, phone_number: "9876543210" }, /phone_number: must start with \+ and the country code, digits only, e\.g\. \+919876543210 \(got "9876543210"\)/);
    await reject({ app_id: APP, phone_number: "+91 98765 43210" }, /phone_number: must start with \+ and the country code/);
    await reject({ app_id: APP, phone_number: "+0123" }, /phone_number: must start with \+ and the country code/);
    await reject({ app_id: APP, first_user_message: "x".repeat(501) }, /first_user_message: must be at most 500 characters \(got 501\)/);
    await reject({ app_id: APP, expiry: { viewcount: 0 } }, /expiry.*viewcount.*must be >= 1/);
    await reject({ app_id: APP, expiry: { viewcount: 32768 } }, /expiry.*viewcount.*must be <= 32767/);
    await reject({ app_id: APP, expiry: { viewcount: 2.5 } }, /expiry.*viewcount.*expected integer/);
    await reject({ app_id: APP, expiry: { time: past } }, /expiry\.time: must be in the future \(got \d{4}-/);
    await reject({ app_id: APP, expiry: { time: Math.floor(Date.now() / 1000) + 3600 } }, /expiry\.time: must be in the future .*looks like seconds/);
    await reject({ app_id: APP, expiry: { time: "2 hours" } }, /expiry.*time.*must be a whole number followed by m, h or d, e\.g\. 30m, 6h or 7d \(got "2 hours"\)/);
    await reject({ app_id: APP, expiry: { time: "0h" } }, /expiry.*time.*must be a whole number followed by m, h or d/);
    await reject({ app_id: APP, expiry: { ttl: "2h" } }, /expiry.*ttl:? is not a known parameter/);
    await reject({ app_id: APP, expiry: new Date(Date.now() + 3_600_000) }, /expiry: must be an object \{ time\?, viewcount\? \}, not a Date: use expiry\(date\)/);
    await reject({ app_id: APP, format: "gif" }, /format: must be one of "png", "svg", got "gif"/);
    await reject({ app_id: APP, format: "PNG" }, /format: must be one of "png", "svg"/);
    await reject({ app_id: APP, webchat_widget: "close" }, /webchat_widget: must be one of "open", "minimize", "hide", got "close"/);
    await reject({ app_id: APP, help_faq_filter: { operator: "or" } }, /help_faq_filter.*tags:? is required/);
    await reject({ app_id: APP, help_faq_filter: { tags: [], operator: "or" } }, /help_faq_filter.tags: must have at least 1 item \(got 0\)/);
    await reject({ app_id: APP, help_faq_filter: { tags: ["t"], operator: "xor" } }, /help_faq_filter.*must be one of "and", "or", "not"/);
    await reject({ app_id: APP, includes: ["unread"] }, /includes.*must be one of "unread_messages", got "unread"/);
    await reject({ app_id: APP, tags: [""] }, /tags.*must be at least 1 character \(got 0\)/);
    await reject({ app_id: APP, custom_fields: { nested: { a: 1 } } }, /custom_fields.*nested:? expected string or number or boolean, got object/);
    await reject({ app_id: APP, initiate_chat: "yes" }, /initiate_chat: expected boolean/);
    await reject({ app_id: APP, domain: "other" }, /domain: is not a known parameter/);
    await reject({ app_id: APP, colour: "red" }, /colour: is not a known parameter/);
    expect(calls).toHaveLength(0);
  });

  it("checks already JSON-encoded strings like the values themselves", async () => {
    await reject({ app_id: APP, expiry: "{time: 2h}" }, /expiry: must be valid JSON/);
    await reject({ app_id: APP, expiry: JSON.stringify({ time: past }) }, /expiry\.time: must be in the future/);
    await reject({ app_id: APP, expiry: '{"viewcount":40000}' }, /expiry\.viewcount: must be <= 32767/);
    await reject({ app_id: APP, help_faq_filter: '{"operator":"or"}' }, /help_faq_filter\.tags: is required/);
    await reject({ app_id: APP, tags: '"vip"' }, /tags: expected array, got string/);
    await reject({ app_id: APP, includes: '["unread_messages","unread_messages"]' }, /includes: must not contain duplicates/);
    expect(calls).toHaveLength(0);
  });

  it("lists every problem at once", async () => {
    const e = await helpshift.webchat.createLink({ phone_number: "123", format: "jpg", expiry: { time: past } } as never).then(() => new ValidationError([]), (x: unknown) => x as ValidationError);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.issues.map((i) => i.path).sort()).toEqual(["app_id", "expiry.time", "format", "phone_number"]);
    expect(calls).toHaveLength(0);
  });

  it("rejects a getUnread without app_id or without any player identity", async () => {
    await expect(helpshift.messages.getUnread({ uid: "p" } as never)).rejects.toThrow(/app_id: is required/);
    await expect(helpshift.messages.getUnread({ app_id: APP })).rejects.toThrow(/one of uid, email or phone_number is required to identify the player/);
    await expect(helpshift.messages.getUnread({ app_id: APP, uid: "" })).rejects.toThrow(/one of uid, email or phone_number is required/);
    await expect(helpshift.messages.getUnread({ app_id: APP, phone_number: "919876543210" })).rejects.toThrow(/phone_number: must start with \+ and the country code/);
    expect(calls).toHaveLength(0);
  });

  it("reports a getUnread without any player identity as one issue of the whole request", async () => {
    const error = await helpshift.messages.getUnread({ app_id: APP, email: "" }).then(() => undefined, (x: unknown) => x);
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    expect(e.issues).toEqual([{ path: "", message: "one of uid, email or phone_number is required to identify the player" }]);
    expect(e.message).toBe("Invalid parameters for Helpshift messages.getUnread: one of uid, email or phone_number is required to identify the player");
    expect(calls).toHaveLength(0);
  });

  it("leaves an expiry that is not a map, or a time that is not a finite number, to the schema: one issue, no crash", async () => {
    const issues = async (value: unknown) => {
      const e = await helpshift.webchat.createLink({ app_id: APP, expiry: value } as never).catch((x: unknown) => x);
      expect(e, JSON.stringify(value)).toBeInstanceOf(ValidationError);
      return (e as ValidationError).issues;
    };
    expect(await issues(null)).toEqual([{ path: "expiry", message: expect.stringContaining("got null") }]);
    expect(await issues("null")).toEqual([{ path: "expiry", message: "expected object, got null" }]);
    expect(await issues(5)).toEqual([{ path: "expiry", message: expect.stringContaining("expected object, got integer") }]);
    expect(await issues("5")).toEqual([{ path: "expiry", message: "expected object, got integer" }]);
    expect(await issues({ time: Number.NaN })).toEqual([{ path: "expiry.time", message: "must be a finite number (got NaN)" }]);
    expect(await issues({ time: -Infinity })).toEqual([{ path: "expiry.time", message: "must be a finite number (got -Infinity)" }]);
    expect(calls).toHaveLength(0);
  });

  it("lets the boundary values through", async () => {
    await helpshift.webchat.createLink({ app_id: APP, first_user_message: "😀".repeat(500), expiry: { viewcount: 1 } });
    await helpshift.webchat.createLink({ app_id: APP, expiry: { time: Date.now() + 60_000, viewcount: 32767 } });
    await helpshift.webchat.createLink({ app_id: APP, phone_number: "+12", help_faq_filter: { tags: ["t"], operator: "not" }, webchat_widget: "hide" });
    await helpshift.messages.getUnread({ app_id: APP, email: "a@b.co" });
    expect(calls).toHaveLength(4);
    calls.length = 0;
  });

  it("validate: false sends what it is given (for the server to judge)", async () => {
    const { fetch: f2, calls: c2 } = stub({ error: "bad_request", message: "Missing required parameter app_id" }, 400);
    const unchecked = createHelpshiftClient({ apiKey: KEY, domain: "acme", fetch: f2, validate: false });
    await expect(unchecked.webchat.createLink({ format: "gif" } as never)).rejects.toMatchObject({ status: 400, message: "Helpshift webchat.createLink failed with 400 bad_request: Missing required parameter app_id" });
    expect(c2).toHaveLength(1);
  });
});

describe("retries and secrets", () => {
  it("never re-sends createLink (each call creates a link), but retries getUnread", async () => {
    const { fetch, calls } = stub({ message: "unavailable" }, 503);
    const helpshift = createHelpshiftClient({ apiKey: KEY, domain: "acme", fetch, retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 1 } });
    await expect(helpshift.webchat.createLink({ app_id: APP })).rejects.toBeInstanceOf(ServerError);
    expect(calls).toHaveLength(1);
    await expect(helpshift.messages.getUnread({ app_id: APP, uid: "p" })).rejects.toBeInstanceOf(ServerError);
    expect(calls).toHaveLength(4);
  });

  it("never leaks the key or its Basic token, even when the server echoes them", async () => {
    const token = BASIC.slice(6);
    const { fetch } = stub({ error: "unauthorized", message: `Invalid API key ${KEY} (${BASIC}, ${token})` }, 401);
    const lines: string[] = [];
    const helpshift = createHelpshiftClient({ apiKey: KEY, domain: "acme", fetch, logger: (e) => lines.push(JSON.stringify(e)) });
    const error = await helpshift.messages.getUnread({ app_id: APP, uid: "p" }).catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.code).toBe("unauthorized");
    for (const text of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10 }), ...lines]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(token);
    }
    expect(lines.length).toBeGreaterThan(0);
  });
});

describe("the spec and the hand-written checks agree", () => {
  const spec = parse(readFileSync(new URL("../../../specs/helpshift/openapi.yaml", import.meta.url), "utf8"));
  it("domain pattern, duration pattern and view-count maximum", () => {
    expect(spec["x-inboxkit"].boundParams).toEqual(["domain"]);
    expect(spec.components.parameters.domain.schema.pattern).toBe(DOMAIN_PATTERN.source);
    const time = spec.components.schemas.Expiry.properties.time.oneOf;
    expect(time.find((s: { type: string }) => s.type === "string").pattern).toBe(DURATION_PATTERN.source);
    expect(spec.components.schemas.Expiry.properties.viewcount.maximum).toBe(MAX_VIEWCOUNT);
  });

  it("what expiry() builds passes the spec's Expiry schema", () => {
    const schema = operationTable.find((op) => op.id === "webchat.createLink")!.schema!.properties!.expiry!.anyOf![0]!;
    for (const value of [expiry("2h"), expiry("45m"), expiry("7d"), expiry(new Date(Date.now() + 1000)), expiry({ views: 32767 }), expiry({ after: "1d", views: 1 })]) {
      expect(validate(schema, value, "expiry"), JSON.stringify(value)).toEqual([]);
    }
  });
});
