// wabbit's side of the cross-runtime test: username + password → `POST /api/v1/auth/token/` →
// `Authorization: Token <token>`; a DRF tag list of two pages linked by an absolute `next` on the
// server's own origin; a message send answered 503 (which must not be re-sent); and a websocket feed
// (`upgrade`) that authenticates the token, pushes frames, drops the first connection and serves the
// second. Runtimes without a global WebSocket (Node 18/20) must refuse to connect with a clear error.
import { expect } from "vitest";
import { WebSocketServer } from "ws";
import type { VendorMock } from "./types.js";

const TOKEN_PATH = "/wabbit/api/v1/auth/token/";
const TAGS = "GET /wabbit/api/v1/tags/";
const SEND = "POST /wabbit/api/v1/messages/";
const tag = (id: number, name: string) => ({ id, name, web_inbox_color: null });
const frame = (id: string, time: number) => ({
  type: "waba_webhook",
  waba_payload: { contacts: [{ profile: { name: "Konrad Tester" }, wa_id: "48123123123" }], messages: [{ from: "48123123123", id, timestamp: String(time), type: "text", text: { body: `message ${id}` } }] },
});

/** What a runtime with a global WebSocket reports (see wabbit.scenario.mjs). */
const LIVE_WITH_WEBSOCKET = {
  webSocket: "global",
  items: ["token:success", "waba_webhook:m1", "untyped:getchat_webhook", "token:success", "waba_webhook:m2"],
  events: ["authenticated", "reconnecting", "reauthenticated"],
  closed: "closed",
  badToken: { thrown: "WabbitLiveError", kind: "auth", fatal: true },
};
/** What a runtime without one (Node 18/20) reports: the documented error, nothing connected. */
const LIVE_WITHOUT_WEBSOCKET = { webSocket: "none", thrown: "ValidationError", namesTheOption: true };

const wss = new WebSocketServer({ noServer: true });
/** Per run: the websocket connections so far. */
const sockets = new Map<string, { count: number }>();

export const mock: VendorMock = {
  expected: {
    loginAndList: { tags: ["Agent needed", "No spam", "VIP"], logins: 1, requestsSeen: 2 },
    sendNotRetried: { thrown: "ServerError", isServerError: true, status: 503, requestsSeen: 1 },
    ruleEngine: { status: 200, answer: { assignment: [{ message_id: "d9d2244d-3f31-4229-a7e0-ec38ebcc60be", group: 23, group_assign_method: "let_group_decide" }] }, badRequest: 400, invalidAnswer: 500 },
    webhook: { kinds: ["incoming_messages"], wabaMessages: ["ABGGSFEBeRJ_AhD8o8zP9ulNeUPgdK123456"], wrongSecret: "WabbitWebhookAuthError", bodyUsed: false },
    // The one step whose outcome depends on the runtime: a global WebSocket (Node 22+, Bun, Deno,
    // Chromium) runs the feed; Node 18/20 have none and must say so.
    live: expect.toBeOneOf([LIVE_WITH_WEBSOCKET, LIVE_WITHOUT_WEBSOCKET]),
  },
  expectedLog: [`POST ${TOKEN_PATH} → 200`, `${TAGS} → 200`, `${TAGS} → 200`, `${SEND} → 503`],
  handle({ id, key, req, query, json, text, reply, bad }) {
    const token = `tok-${id}`;
    if (key === `POST ${TOKEN_PATH}`) {
      if (json.username !== "bot" || json.password !== "right-password") return reply(400, { non_field_errors: ["Unable to log in with provided credentials."] });
      return reply(200, { token });
    }
    if (req.headers.authorization !== `Token ${token}`) return bad(`Authorization is ${JSON.stringify(req.headers.authorization)}`);
    if (key === TAGS) {
      if (query.get("offset") === null) {
        // DRF's absolute next URL, on this server's origin and the same path.
        const next = `http://${req.headers.host}/run/${id}/wabbit/api/v1/tags/?limit=2&offset=2`;
        return reply(200, { count: 3, next, previous: null, results: [tag(5, "Agent needed"), tag(6, "No spam")] });
      }
      if (query.get("offset") !== "2" || query.get("limit") !== "2") return bad(`query is ${query.toString()}`);
      return reply(200, { count: 3, next: null, previous: `http://${req.headers.host}/run/${id}/wabbit/api/v1/tags/?limit=2`, results: [tag(7, "VIP")] });
    }
    if (key === SEND) {
      if (json.wa_id !== "48123456789" || json.type !== "text") return bad(`body is ${text}`);
      return reply(503, { detail: "Service temporarily unavailable." });
    }
    return reply(404, { detail: "Not found." });
  },
  upgrade({ id, req, socket, head }) {
    const state = sockets.get(id) ?? { count: 0 };
    sockets.set(id, state);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const n = ++state.count;
      ws.once("message", (data) => {
        let first: { token?: unknown } = {};
        try {
          first = JSON.parse(String(data)) as { token?: unknown };
        } catch {
          /* answered as a bad token */
        }
        // The token must be the one the REST login of this run handed out.
        if (first.token !== `tok-${id}`) {
          ws.send(JSON.stringify({ type: "token", status: "failed", message: "Invalid token." }));
          return;
        }
        ws.send(JSON.stringify({ type: "token", status: "success", message: "Authenticated." }));
        if (n === 1) {
          ws.send(JSON.stringify(frame("m1", 1612544982)));
          ws.send(JSON.stringify({ type: "getchat_webhook", payload: { chat: "48123123123" } }));
          // The first connection drops (as a server restart would); the client must come back.
          setTimeout(() => ws.terminate(), 20);
        } else ws.send(JSON.stringify(frame("m2", 1612544990)));
      });
    });
  },
};
