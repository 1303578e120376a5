// Desk360's side of the cross-runtime test: login → token, then Bearer on every call; a 503 once on
// the integrations list, a 429 on the second send.
import type { VendorMock } from "./types.js";

const SEND = "POST /desk360/v1/integrations/12/conversations/messages";

export const mock: VendorMock = {
  expected: {
    loginAndSend: { messageId: "wamid.HBgMOTA1NTUxMTEyMjMzFQIAERgSQTM", logins: 1 },
    retriedList: { ids: [12], requestsSeen: 2 },
    rateLimitedSend: { thrown: "RateLimitError", isRateLimitError: true, status: 429, code: "too_many_requests_exception", retryAfterMs: 1000, requestsSeen: 1 },
    validationError: { thrown: "ValidationError", isValidationError: true, paths: ["text", "to"], requestsSeen: 0 },
    session: { logins: 1 },
  },
  expectedLog: ["POST /desk360/v1/login → 200", `${SEND} → 200`, "GET /desk360/v1/integrations → 503", "GET /desk360/v1/integrations → 200", `${SEND} → 429`],
  handle({ id, key, path, n, req, json, text, reply, bad }) {
    const token = `tok-${id}`;
    if (key === "POST /desk360/v1/login") {
      if (json.email !== "ops@example.org" || json.password !== "right-password") {
        return reply(401, { error: { code: "invalid_credentials", message: "The email or password is incorrect." } });
      }
      return reply(200, { access_token: token, token_type: "Bearer", expires_in: 3600 });
    }
    if (path.startsWith("/desk360/") && req.headers.authorization !== `Bearer ${token}`) {
      bad(`Authorization is ${JSON.stringify(req.headers.authorization)}`);
      return;
    }
    if (key === "GET /desk360/v1/integrations") {
      if (n === 1) return reply(503, { error: { code: "service_unavailable", message: "Back in a moment." } });
      return reply(200, [{ id: 12, display_name: "Support line", phone_number: "+905550000000" }]);
    }
    if (key === SEND) {
      if (typeof json.to !== "string" || typeof json.text !== "string" || "integrationId" in json) return bad(`body is ${text}`);
      if (n === 1) return reply(200, { message_id: "wamid.HBgMOTA1NTUxMTEyMjMzFQIAERgSQTM" });
      return reply(429, { error: { code: "too_many_requests_exception", message: "Too Many Attempts." } }, { "retry-after": "1", "x-ratelimit-limit": "60", "x-ratelimit-remaining": "0" });
    }
    return reply(404, { error: { code: "model_not_found_exception", message: `no route ${key}` } });
  },
};
