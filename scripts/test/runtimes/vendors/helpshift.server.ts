// Helpshift's side of the cross-runtime test: HTTP Basic with the API key and an empty password, a
// form body whose `tags` travels JSON-encoded, the domain bound into the path.
import type { VendorMock } from "./types.js";

const AUTH = `Basic ${Buffer.from("hs-key-789:").toString("base64")}`;
const LINK = "POST /helpshift/v1/acme/console/qrcode";
const UNREAD = "GET /helpshift/v1/acme/console/messages/unread";

export const mock: VendorMock = {
  expected: {
    createLink: { url: "https://acme.helpshift.com/s/7Qx2mZ" },
    unread: { active_issue: { issue_id: 78, unread_messages: 2 } },
  },
  expectedLog: [`${LINK} → 200`, `${UNREAD} → 200`],
  handle({ key, req, text, query, reply, bad }) {
    if (req.headers.authorization !== AUTH) return bad(`Authorization is ${JSON.stringify(req.headers.authorization)}`);
    if (key === LINK) {
      if (!String(req.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) return bad(`content-type is ${req.headers["content-type"]}`);
      const form = new URLSearchParams(text);
      if (form.get("app_id") !== "acme_app" || form.get("uid") !== "player-1" || form.get("tags") !== '["vip"]') return bad(`form is ${text}`);
      return reply(200, { url: "https://acme.helpshift.com/s/7Qx2mZ", qrcode: "data:image/png;base64,iVBORw0KGgo=" });
    }
    if (key === UNREAD) {
      if (query.get("app_id") !== "acme_app" || query.get("uid") !== "player-1") return bad(`query is ${query}`);
      return reply(200, { active_issue: { issue_id: 78, unread_messages: 2 } });
    }
    return reply(404, { error: "not_found", message: `no route ${key}` });
  },
};
