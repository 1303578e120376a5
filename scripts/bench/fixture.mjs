// The one request and the one canned response every overhead variant sends and receives, shared by
// the stub fetch (in-process) and the loopback server (another process), so both modes and all
// variants do the same work.

/** Credentials of the benchmark (fake; the stub and the server only compare them). */
export const API_KEY = "bench-key";
export const API_SECRET = "bench-secret";
/** Helpwise's raw `Authorization: <key>:<secret>` header, sent by every variant. */
export const AUTHORIZATION = `${API_KEY}:${API_SECRET}`;

/** The operation called: Helpwise `mailboxes.list`, `POST /mailboxes/list`. */
export const PATH = "/mailboxes/list";
export const METHOD = "POST";
/** Its JSON body. */
export const PARAMS = Object.freeze({ page: 1, limit: 50 });

/** Headers the raw-fetch, openapi-fetch and axios variants send (what the Helpwise client sends). */
export const REQUEST_HEADERS = Object.freeze({
  Accept: "application/json",
  "Content-Type": "application/json",
  Authorization: AUTHORIZATION,
});

/** Two mailboxes shaped like the spec's `Mailbox` list items. */
export const MAILBOXES = [
  {
    id: "5001",
    displayName: "Support",
    email: "support@example.com",
    isVerified: true,
    forwardingAddress: "support-5001@forward.helpwise.example",
  },
  {
    id: "5002",
    displayName: "Sales",
    email: "sales@example.com",
    isVerified: false,
    forwardingAddress: "sales-5002@forward.helpwise.example",
  },
];

/** The response body: Helpwise's `{status, data, message}` envelope. */
export const RESPONSE_BODY = JSON.stringify({ status: "success", data: MAILBOXES, message: "" });

/** Response headers, including the rate-limit headers the InboxKit client reads. */
export function responseHeaders(resetEpochSeconds = Math.floor(Date.now() / 1000) + 3600) {
  return {
    "content-type": "application/json",
    "x-rate-limit-limit": "1000",
    "x-rate-limit-remaining": "999",
    "x-rate-limit-reset": String(resetEpochSeconds),
  };
}

/**
 * Checks what a variant returned: the two mailboxes, in order. Throws with a description otherwise.
 * @param {string} variant
 * @param {unknown} result the array of mailboxes the variant extracted
 */
export function checkResult(variant, result) {
  if (!Array.isArray(result) || result.length !== 2) {
    throw new Error(`${variant}: expected 2 mailboxes, got ${JSON.stringify(result)?.slice(0, 200)}`);
  }
  for (let i = 0; i < 2; i++) {
    if (result[i]?.id !== MAILBOXES[i].id || result[i]?.email !== MAILBOXES[i].email) {
      throw new Error(`${variant}: mailbox ${i} is ${JSON.stringify(result[i])}`);
    }
  }
}

/**
 * Checks a request as the stub or the server saw it; returns a problem description or "" when fine.
 * @param {{ method: string, path: string, contentType: string | null | undefined, authorization: string | null | undefined, body: string }} req
 */
export function requestProblem(req) {
  if (req.method !== METHOD) return `method ${req.method}, expected ${METHOD}`;
  if (req.path !== PATH) return `path ${req.path}, expected ${PATH}`;
  if (!/^application\/json\b/i.test(req.contentType ?? "")) return `content-type ${req.contentType}, expected application/json`;
  if (req.authorization !== AUTHORIZATION) return `authorization header ${JSON.stringify(req.authorization)}`;
  let body;
  try {
    body = JSON.parse(req.body);
  } catch {
    return `body is not JSON: ${req.body.slice(0, 100)}`;
  }
  if (body?.page !== PARAMS.page || body?.limit !== PARAMS.limit || Object.keys(body).length !== 2) {
    return `body ${req.body.slice(0, 100)}, expected ${JSON.stringify(PARAMS)}`;
  }
  return "";
}
