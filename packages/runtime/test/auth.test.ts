import { describe, expect, it } from "vitest";
import { InboxKitError, tokenAuth, ValidationError } from "../src/index.js";

describe("tokenAuth", () => {
  it("logs in lazily, once for concurrent callers", async () => {
    let logins = 0;
    const auth = tokenAuth({ login: async () => `t${++logins}` });
    const headers = Array.from({ length: 5 }, () => new Headers());
    await Promise.all(headers.map((h) => auth.apply(h, undefined)));
    expect(logins).toBe(1);
    for (const h of headers) expect(h.get("authorization")).toBe("Bearer t1");
  });

  it("refresh logs in again, unless another call already did", async () => {
    let logins = 0;
    const auth = tokenAuth({ login: async () => `t${++logins}` });
    const stale = new Headers();
    await auth.apply(stale, undefined);
    expect(await auth.refresh(undefined, stale)).toBe(true);
    expect(auth.token).toBe("t2");
    expect(await auth.refresh(undefined, stale)).toBe(true); // stale header: t2 is already newer
    expect(logins).toBe(2);
    expect(auth.secrets()).toEqual(["t1", "t2"]);
  });

  it("a fatal login error is remembered and never retried", async () => {
    let attempts = 0;
    const wrong = new Error("invalid_credentials");
    const auth = tokenAuth({ login: async () => { attempts++; throw wrong; }, isFatal: (e) => e === wrong });
    await expect(auth.apply(new Headers(), undefined)).rejects.toBe(wrong);
    await expect(auth.apply(new Headers(), undefined)).rejects.toBe(wrong);
    expect(await auth.refresh(undefined, new Headers())).toBe(false);
    expect(attempts).toBe(1);
  });

  it("a transient login error is not remembered", async () => {
    let attempts = 0;
    const auth = tokenAuth({ login: async () => { if (++attempts === 1) throw new Error("network"); return "ok"; } });
    await expect(auth.apply(new Headers(), undefined)).rejects.toThrow("network");
    const h = new Headers();
    await auth.apply(h, undefined);
    expect(h.get("authorization")).toBe("Bearer ok");
  });

  it("a static token cannot refresh", async () => {
    const auth = tokenAuth({ token: "static", scheme: "Token", header: "X-Auth" });
    const h = new Headers();
    await auth.apply(h, undefined);
    expect(h.get("x-auth")).toBe("Token static");
    expect(await auth.refresh(undefined, h)).toBe(false);
  });
});

describe("tokenAuth details (pinned by mutation testing)", () => {
  it("an empty scheme sends the bare token", async () => {
    const h = new Headers();
    await tokenAuth({ token: "abc", scheme: "" }).apply(h, undefined);
    expect(h.get("authorization")).toBe("abc");
  });

  it("with an empty scheme, a 401 on the current token logs in again", async () => {
    let n = 0;
    const auth = tokenAuth({ login: async () => `t${++n}`, scheme: "" });
    const h = new Headers();
    await auth.apply(h, undefined);
    expect(h.get("authorization")).toBe("t1");
    expect(await auth.refresh(undefined, h)).toBe(true);
    expect(auth.token).toBe("t2");
    expect(auth.logins).toBe(2);
  });

  it("the initial token is one of the secrets to redact", () => {
    expect(tokenAuth({ token: "static" }).secrets()).toEqual(["static"]);
    expect(tokenAuth({ login: async () => "t" }).secrets()).toEqual([]);
  });

  it("counts the logins performed", async () => {
    let n = 0;
    const auth = tokenAuth({ login: async () => `t${++n}` });
    expect(auth.logins).toBe(0);
    const h = new Headers();
    await auth.apply(h, undefined);
    expect(auth.logins).toBe(1);
    await auth.refresh(undefined, h);
    expect(auth.logins).toBe(2);
  });

  it("without a token and without a login, apply rejects with an Error saying so", async () => {
    const error = await Promise.resolve(tokenAuth({}).apply(new Headers(), undefined)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("no token and no way to log in");
  });

  it("a login that resolves with an empty string or a non-string is an InboxKitError, and no login is counted", async () => {
    for (const fresh of ["", 42, undefined]) {
      const auth = tokenAuth({ login: async () => fresh as string });
      const h = new Headers();
      const error = await Promise.resolve(auth.apply(h, undefined)).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(InboxKitError);
      expect((error as Error).message).toBe("The login returned no token");
      expect(h.get("authorization")).toBeNull();
      expect(auth.token).toBeUndefined();
      expect(auth.logins).toBe(0);
    }
  });

  it("a token that cannot be a header value is a ValidationError naming the header, never showing the token", async () => {
    const h = new Headers();
    const error = await Promise.resolve(tokenAuth({ token: "abc\r\nX-Evil: 1", header: "X-Auth" }).apply(h, undefined)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe("Invalid credentials: X-Auth: the token must not contain CR or LF characters");
    expect((error as ValidationError).issues).toEqual([{ path: "X-Auth", message: "the token must not contain CR or LF characters" }]);
    expect(h.get("x-auth")).toBeNull();
  });

  it("a 401 on a request sent without the auth header logs in again", async () => {
    let n = 0;
    const auth = tokenAuth({ login: async () => `t${++n}` });
    await auth.apply(new Headers(), undefined);
    expect(await auth.refresh(undefined, new Headers())).toBe(true);
    expect(auth.token).toBe("t2");
    expect(auth.logins).toBe(2);
  });
});
