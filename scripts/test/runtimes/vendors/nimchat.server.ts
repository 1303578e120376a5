// Nimchat's side of the cross-runtime test: every token in `api_access_token` (platform, user,
// agent bot; none on the public API), the account id 3 in the application paths, contacts in pages
// of 15 (15 + 2), and a public contact whose source_id addresses the later calls.
import type { VendorMock } from "./types.js";

const APP = "/nimchat/api/v1/accounts/3";
const PUBLIC = "/nimchat/public/api/v1/inboxes/inbox-abc";
/** identityHash("user-42", "inbox-hmac-secret"): HMAC-SHA256, lower-case hex (computed with node:crypto createHmac). */
const USER_42_HASH = "8a3817fd3660fb24e554fd36a8a83cbedb8f69ed0409f2b32f6dedce3ea0bd60";

export const mock: VendorMock = {
  expected: {
    platform: { id: 9, name: "Acme" },
    application: { messageId: 501, contacts: 17, lastContact: 216, filtered: [42] },
    agentBotRefusal: { thrown: "ValidationError", isValidationError: true, status: "resolved", requestsSeen: 1 },
    publicSession: { contactIdentifier: "src-7f3a", pubsubToken: "pubsub-9c2e", conversationId: 77, messageId: 601 },
    identityHash: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  },
  expectedLog: [
    "POST /nimchat/platform/api/v1/accounts → 200",
    `POST ${APP}/conversations/42/messages → 200`,
    `GET ${APP}/contacts → 200`,
    `GET ${APP}/contacts → 200`,
    `POST ${APP}/conversations/filter → 200`,
    `POST ${APP}/conversations/42/toggle_status → 200`,
    `POST ${PUBLIC}/contacts → 200`,
    `POST ${PUBLIC}/contacts/src-7f3a/conversations → 200`,
    `POST ${PUBLIC}/contacts/src-7f3a/conversations/77/messages → 200`,
  ],
  corsHeaders: ["api_access_token"],
  handle({ key, path, query, req, json, text, reply, bad }) {
    const token = req.headers["api_access_token"];
    const expectToken = (wanted: string | undefined) => {
      if (token === wanted) return true;
      bad(`api_access_token is ${JSON.stringify(token)}, expected ${JSON.stringify(wanted)}`);
      return false;
    };
    if (key === "POST /nimchat/platform/api/v1/accounts") {
      if (!expectToken("nc-platform-token")) return;
      if (json.name !== "Acme") return bad(`body is ${text}`);
      return reply(200, { id: 9, name: "Acme" });
    }
    if (key === `POST ${APP}/conversations/42/messages`) {
      if (!expectToken("nc-user-token")) return;
      if (json.content !== "Your order has shipped" || "account_id" in json || "conversation_id" in json) return bad(`body is ${text}`);
      return reply(200, { id: 501, content: json.content, message_type: "outgoing", conversation_id: 42 });
    }
    if (key === `GET ${APP}/contacts`) {
      if (!expectToken("nc-user-token")) return;
      const page = Number(query.get("page"));
      if (query.get("sort") !== "name" || !(page === 1 || page === 2)) return bad(`query is ${query.toString()}`);
      return reply(200, Array.from({ length: page === 1 ? 15 : 2 }, (_, i) => ({ id: page * 100 + i + (page === 2 ? 15 : 0), payload: { contact: { name: `c${i}` } } })));
    }
    if (key === `POST ${APP}/conversations/filter`) {
      if (!expectToken("nc-user-token")) return;
      const payload = json.payload as unknown[];
      if (JSON.stringify(payload) !== JSON.stringify([{ attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: null }])) return bad(`body is ${text}`);
      return reply(200, { data: { meta: { all_count: 1 }, payload: [{ id: 42, status: "open" }] } });
    }
    if (key === `POST ${APP}/conversations/42/toggle_status`) {
      if (!expectToken("nc-bot-token")) return;
      if (json.status !== "resolved") return bad(`body is ${text}`);
      return reply(200, { meta: {}, payload: { success: true, conversation_id: 42, current_status: "resolved" } });
    }
    if (path.startsWith(`${PUBLIC}/`)) {
      if (!expectToken(undefined)) return;
      if (key === `POST ${PUBLIC}/contacts`) {
        if (json.identifier !== "user-42" || json.identifier_hash !== USER_42_HASH) return bad(`body is ${text}`);
        return reply(200, { id: 7, source_id: "src-7f3a", name: "Ada", pubsub_token: "pubsub-9c2e" });
      }
      if (key === `POST ${PUBLIC}/contacts/src-7f3a/conversations`) return reply(200, { id: 77, inbox_id: "1", messages: [] });
      if (key === `POST ${PUBLIC}/contacts/src-7f3a/conversations/77/messages`) {
        if (json.content !== "Hi!" || json.echo_id !== "tmp-1") return bad(`body is ${text}`);
        return reply(200, { id: 601, content: "Hi!", message_type: 0 });
      }
    }
    return reply(404, { error: `no route ${key}` });
  },
};
