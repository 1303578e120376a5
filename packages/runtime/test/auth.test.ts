import { describe, expect, it } from "vitest";
import { tokenAuth } from "../src/index.js";

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
