// Desk360's part of the cross-runtime scenario (see ../scenario.mjs): login + sendText, a list
// retried after a 503, a send answered 429 that must NOT be re-sent, and a send rejected before sending.
const SEND_PATH = "POST /desk360/v1/integrations/12/conversations/messages";

export async function scenario({ url, lib, step, base, requestCounts }) {
  const { createDesk360Client, RateLimitError, ValidationError } = lib;
  const result = {};
  const desk360 = createDesk360Client({ email: "ops@example.org", password: "right-password", baseUrl: url, retry: { initialDelayMs: 100 } });

  result.loginAndSend = await step(async () => {
    const sent = await desk360.messages.sendText({ integrationId: 12, to: "+905551112233", text: "Your order has shipped" });
    return { messageId: sent.message_id, logins: desk360.session.logins };
  });

  result.retriedList = await step(async () => {
    const integrations = await desk360.integrations.list();
    const counts = await requestCounts(base);
    return { ids: integrations.map((i) => i.id), requestsSeen: counts["GET /desk360/v1/integrations"] ?? 0 };
  });

  result.rateLimitedSend = await step(async () => {
    const before = (await requestCounts(base))[SEND_PATH] ?? 0;
    let outcome;
    try {
      await desk360.messages.sendText({ integrationId: 12, to: "+905551112233", text: "Second message" });
      outcome = { thrown: null };
    } catch (error) {
      outcome = { thrown: error?.name, isRateLimitError: error instanceof RateLimitError, status: error?.status, code: error?.code, retryAfterMs: error?.retryAfterMs };
    }
    const after = (await requestCounts(base))[SEND_PATH] ?? 0;
    return { ...outcome, requestsSeen: after - before };
  });

  result.validationError = await step(async () => {
    const before = await requestCounts(base);
    let outcome;
    try {
      await desk360.messages.sendText({ integrationId: 12, to: "905551112233", text: "" });
      outcome = { thrown: null };
    } catch (error) {
      outcome = { thrown: error?.name, isValidationError: error instanceof ValidationError, paths: (error?.issues ?? []).map((issue) => issue.path).sort() };
    }
    const after = await requestCounts(base);
    const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
    return { ...outcome, requestsSeen: total(after) - total(before) };
  });

  result.session = { logins: desk360.session.logins };
  return result;
}
