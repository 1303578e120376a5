/**
 * The `browserUrl` helper: the shortlink of a `webchat.createLink` response, checked before it is
 * handed to a browser.
 * @module
 */
import { ValidationError } from "@inboxkit/runtime";

/**
 * Returns the web chat shortlink of a `webchat.createLink` response as a normalized absolute `https`
 * URL, ready to hand to a browser: `window.open(url)`, Electron's `shell.openExternal(url)`, or the
 * platform's `open`/`start` command. Handing an unchecked string to those can run other schemes
 * (`file:`, `javascript:`, custom protocol handlers), so anything but `https` is refused.
 *
 * ```ts
 * const link = await helpshift.webchat.createLink({ app_id, email: "player@example.org" });
 * window.open(browserUrl(link), "_blank", "noopener");
 * ```
 *
 * @param link the response, or its `url`.
 * @throws {ValidationError} when the URL is missing, not absolute, not https, or carries credentials.
 */
export function browserUrl(link: string | { readonly url: string }): string {
  const text = typeof link === "string" ? link : link?.url;
  const fail = (message: string): never => {
    throw new ValidationError([{ path: "url", message }], { subject: "Helpshift support link" });
  };
  if (typeof text !== "string" || text.trim() === "") return fail("is empty");
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return fail(`is not an absolute URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== "https:") return fail(`must use https, got ${JSON.stringify(url.protocol)}`);
  if (url.username || url.password) return fail("must not carry credentials");
  return url.href;
}
