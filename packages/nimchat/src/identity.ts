/**
 * The `identifier_hash` of the public client API's HMAC-verified identities, computed with
 * WebCrypto (no Node built-ins).
 * @module
 */
import { ValidationError } from "@inboxkit/runtime";

/**
 * The part of WebCrypto's `SubtleCrypto` that {@link identityHash} uses. Declared here rather than
 * taken from the DOM lib, so that a project without `lib: ["dom"]` (Node with `@types/node`) can
 * pass `webcrypto.subtle`; a browser's, Deno's or Node's `crypto.subtle` fits it.
 */
export interface IdentityHashSubtle {
  /** Imports the raw HMAC key. */
  importKey(format: "raw", keyData: Uint8Array<ArrayBuffer>, algorithm: { name: "HMAC"; hash: "SHA-256" }, extractable: false, keyUsages: ["sign"]): Promise<unknown>;
  /** Signs the data with the key. */
  sign(algorithm: "HMAC", key: unknown, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}

/** Options of {@link identityHash}. */
export interface IdentityHashOptions {
  /** The WebCrypto implementation to use instead of the global `crypto.subtle` (Node 18: `webcrypto.subtle` of `node:crypto`). */
  readonly subtle?: IdentityHashSubtle;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * The `identifier_hash` for a contact's `identifier`: HMAC-SHA256 of the identifier, keyed with the
 * inbox's HMAC secret, as lower-case hex. Send it with `identifier` to `public.contacts.create` /
 * `update` (the doc: "Identifier hash prepared for HMAC authentication").
 *
 * Compute it on your server: the HMAC secret must never reach a browser, or anyone can claim any
 * identity. Uses WebCrypto's global `crypto.subtle` (Node >= 20, Deno, Bun, browsers in secure
 * contexts). Node 18 has no global WebCrypto in modules: pass `{ subtle: (await import("node:crypto")).webcrypto.subtle }`
 * (or start Node with `--experimental-global-webcrypto`).
 *
 * ```ts
 * const identifier_hash = await identityHash(user.id, process.env.NIMCHAT_INBOX_HMAC_SECRET!);
 * ```
 * @throws {ValidationError} when `identifier` or `hmacSecret` is not a non-empty string (the secret is never echoed).
 * @throws {Error} when no `subtle` is passed and the runtime has no global `crypto.subtle`.
 */
export async function identityHash(identifier: string, hmacSecret: string, options: IdentityHashOptions = {}): Promise<string> {
  const issues: { path: string; message: string }[] = [];
  if (typeof identifier !== "string" || identifier === "") issues.push({ path: "identifier", message: "must be a non-empty string" });
  if (typeof hmacSecret !== "string" || hmacSecret === "") issues.push({ path: "hmacSecret", message: "must be a non-empty string (the inbox's HMAC secret)" });
  if (issues.length) throw new ValidationError(issues, { subject: "Nimchat identityHash arguments", secrets: typeof hmacSecret === "string" ? [hmacSecret] : [] });
  const subtle = options.subtle ?? (globalThis as { crypto?: { subtle?: IdentityHashSubtle } }).crypto?.subtle;
  if (!subtle) {
    throw new Error("identityHash needs WebCrypto, and this runtime has no globalThis.crypto.subtle (Node 18: pass { subtle: (await import(\"node:crypto\")).webcrypto.subtle }; browsers: a secure context, https or localhost)");
  }
  const encoder = new TextEncoder();
  const key = await subtle.importKey("raw", encoder.encode(hmacSecret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await subtle.sign("HMAC", key, encoder.encode(identifier)));
  let hex = "";
  for (const byte of mac) hex += HEX[byte];
  return hex;
}
