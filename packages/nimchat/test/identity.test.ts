// identityHash: HMAC-SHA256 via WebCrypto, lower-case hex, against RFC 4231's test vectors; the key it
// imports, and its argument checks (a ValidationError naming the argument, the secret never echoed).
import { describe, expect, it } from "vitest";
import { identityHash, ValidationError, type IdentityHashSubtle } from "../src/index.js";

describe("identityHash", () => {
  it("matches RFC 4231 test case 2 (key \"Jefe\")", async () => {
    expect(await identityHash("what do ya want for nothing?", "Jefe")).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });

  it("matches RFC 4231 test case 1 (key 20 × 0x0b, data \"Hi There\")", async () => {
    expect(await identityHash("Hi There", "\x0b".repeat(20))).toBe("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  });

  it("hashes the identifier's UTF-8 bytes and is lower-case hex of 64 characters", async () => {
    const hash = await identityHash("ünïcode-user-42", "inbox-secret");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toBe(await identityHash("unicode-user-42", "inbox-secret"));
  });

  it("uses an explicitly passed SubtleCrypto (Node 18 has no global one in modules)", async () => {
    const subtle = globalThis.crypto.subtle;
    const calls: string[] = [];
    const spy: IdentityHashSubtle = {
      importKey: (...args) => (calls.push("importKey"), subtle.importKey(...args)),
      sign: (algorithm, key, data) => (calls.push("sign"), subtle.sign(algorithm, key as CryptoKey, data)),
    };
    expect(await identityHash("what do ya want for nothing?", "Jefe", { subtle: spy })).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    expect(calls).toEqual(["importKey", "sign"]);
  });

  it("imports the secret as a raw, non-extractable HMAC-SHA256 signing key and signs the identifier's bytes", async () => {
    const subtle = globalThis.crypto.subtle;
    const imports: unknown[][] = [];
    const signed: unknown[][] = [];
    const spy: IdentityHashSubtle = {
      importKey: (...args) => (imports.push(args), subtle.importKey(...args)),
      sign: (algorithm, key, data) => (signed.push([algorithm, data]), subtle.sign(algorithm, key as CryptoKey, data)),
    };
    await identityHash("user-42", "inbox-secret", { subtle: spy });
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(imports).toEqual([["raw", bytes("inbox-secret"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]]]);
    expect(signed).toEqual([["HMAC", bytes("user-42")]]);
  });

  it("without a global crypto.subtle and no option, says how to pass one", async () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, "crypto");
    Object.defineProperty(globalThis, "crypto", { value: undefined, configurable: true, writable: true });
    try {
      await expect(identityHash("user-1", "secret")).rejects.toThrow(/no globalThis\.crypto\.subtle \(Node 18: pass \{ subtle: \(await import\("node:crypto"\)\)\.webcrypto\.subtle \}/);
    } finally {
      if (original) Object.defineProperty(globalThis, "crypto", original);
    }
    expect(typeof globalThis.crypto.subtle.sign).toBe("function");
  });

  it("refuses an empty identifier or secret without echoing the secret", async () => {
    await expect(identityHash("", "inbox-secret-value")).rejects.toThrow(/identifier: must be a non-empty string/);
    const error = await identityHash("user-1", "").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/hmacSecret: must be a non-empty string/);
    const bad = await identityHash(42 as never, "inbox-secret-value").catch((e: unknown) => e);
    expect(JSON.stringify(bad)).not.toContain("inbox-secret-value");
  });

  it.each([
    ["a numeric identifier", 42, "inbox-secret-value", "identifier: must be a non-empty string"],
    ["a numeric secret", "user-1", 1234567, "hmacSecret: must be a non-empty string (the inbox's HMAC secret)"],
    ["an undefined secret", "user-1", undefined, "hmacSecret: must be a non-empty string (the inbox's HMAC secret)"],
    ["no identifier and no secret", undefined, "", "identifier: must be a non-empty string; hmacSecret: must be a non-empty string (the inbox's HMAC secret)"],
  ])("refuses %s with a ValidationError naming the argument (never hashes a non-string)", async (_name, identifier, secret, detail) => {
    const error = await identityHash(identifier as never, secret as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(`Invalid Nimchat identityHash arguments: ${detail}`);
  });
});
