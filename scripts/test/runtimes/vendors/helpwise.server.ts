// Helpwise's side of the cross-runtime test: raw "key:secret" Authorization, {status, data, message} envelope.
import type { VendorMock } from "./types.js";

const AUTH = "hw-key-123:hw-secret-456";

export const mock: VendorMock = {
  expected: { list: { isArray: true, count: 2, emails: ["support@acme.example", "sales@acme.example"] } },
  expectedLog: ["POST /helpwise/mailboxes/list → 200"],
  handle({ key, req, json, text, reply, bad }) {
    if (key !== "POST /helpwise/mailboxes/list") return reply(404, { status: "error", message: `no route ${key}` });
    if (req.headers.authorization !== AUTH) return bad(`Authorization is ${JSON.stringify(req.headers.authorization)}`);
    if (JSON.stringify(json) !== JSON.stringify({ limit: 2 })) return bad(`body is ${text}`);
    return reply(200, {
      status: "success",
      data: [
        { id: "101", displayName: "Support", email: "support@acme.example", isVerified: true },
        { id: "102", displayName: "Sales", email: "sales@acme.example", isVerified: false },
      ],
      message: "Mailboxes fetched",
    });
  },
};
