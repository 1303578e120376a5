/**
 * Comparing shared secrets (a webhook URL's secret, a rule engine's token) without leaking, through
 * timing, how much of a guess was right.
 * @module
 */

const encoder = new TextEncoder();

/**
 * Whether `given` equals `expected`, comparing their UTF-8 bytes in time that depends only on the
 * length of `expected` (not on where the first difference is). Web APIs only.
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = encoder.encode(given);
  const b = encoder.encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (i < a.length ? (a[i] as number) : 0) ^ (b[i] as number);
  return diff === 0;
}

/**
 * Whether `requestUrl` carries `expectedSecret` in its query parameter `param`, compared in constant
 * time: the way to protect a webhook endpoint of a vendor that signs nothing (a long random secret in
 * the subscribed URL, e.g. `https://example.com/hooks?secret=…`). A missing, empty or repeated
 * parameter does not match; neither does an empty expected secret.
 * @param requestUrl the URL the request was sent to: absolute, or the path and query only (Node's `req.url`).
 */
export function urlSecretMatches(requestUrl: string | URL, expectedSecret: string, param: string): boolean {
  if (typeof expectedSecret !== "string" || expectedSecret === "" || typeof param !== "string" || param === "") return false;
  let url: URL;
  try {
    url = new URL(String(requestUrl), "http://localhost");
  } catch {
    return false;
  }
  const given = url.searchParams.getAll(param);
  if (given.length !== 1 || given[0] === "") return false;
  return constantTimeEqual(given[0] as string, expectedSecret);
}
