/**
 * A custom Rule Engine for wabbit as a framework-free fetch handler: `(request) => Promise<Response>`
 * (Node 18+ with any fetch-style server, Deno, Bun, edge runtimes, service workers).
 * @module
 */
import { constantTimeEqual, parseWebhook, validate, ValidationError, WebhookError, type ValidationIssue, type WebhookMeta } from "@inboxkit/runtime";
import { webhookResponses, webhookTable, type WabbitRuleEngineWebhookAnswer } from "./generated/client.js";
import type { components } from "./generated/schema.js";
import type { WabbitChatTaggingEvent, WabbitMessage, WabbitMessageTaggingEvent, WabbitTaggedMessage, WabbitWabaContact, WabbitWabaMessage } from "./events.js";


/** The body of a Rule Engine call. */
export type WabbitRuleEnginePayload = components["schemas"]["RuleEnginePayload"];

/** How a chat is assigned to a group: at once to one member in turn, or to the group only. */
export type WabbitGroupAssignMethod = "round_robin" | "let_group_decide";

/**
 * One assignment of a Rule Engine answer: the chat of message `message_id` goes to `user`, and/or to
 * `group` (which then needs its `group_assign_method`).
 */
export type WabbitRuleEngineAssignment = {
  /** The id of the message whose chat is assigned (`waba_payload.id`). */
  readonly message_id: string;
  /** The id of the user to assign. */
  readonly user?: number;
} & (
  | { readonly group?: undefined; readonly group_assign_method?: WabbitGroupAssignMethod }
  | {
      /** The id of the group to assign. */
      readonly group: number;
      /** Required with `group`: `round_robin` assigns one member at once, `let_group_decide` only the group. */
      readonly group_assign_method: WabbitGroupAssignMethod;
    }
);

/**
 * One event of a Rule Engine call, discriminated by `kind`. The documented events are
 * `incoming_messages`, `outgoing_messages` and `tagged_messages`; the doc's sample code also reads
 * `chat_tagging` and `message_tagging`, and its flow example sends WABA's raw `messages` (with
 * `contacts`), which arrive here as `waba_messages` (only when the call has no `incoming_messages`,
 * which are the same messages).
 */
export type WabbitRuleEngineEvent =
  | { readonly kind: "incoming_messages"; readonly messages: readonly WabbitMessage[] }
  | { readonly kind: "outgoing_messages"; readonly messages: readonly WabbitMessage[] }
  | { readonly kind: "tagged_messages"; readonly taggings: readonly WabbitTaggedMessage[] }
  | { readonly kind: "chat_tagging"; readonly event: WabbitChatTaggingEvent }
  | { readonly kind: "message_tagging"; readonly event: WabbitMessageTaggingEvent }
  | { readonly kind: "waba_messages"; readonly messages: readonly WabbitWabaMessage[]; readonly contacts: readonly WabbitWabaContact[] };

/** What the handler gets besides the event. */
export interface WabbitRuleEngineContext {
  /** The whole validated body of the call. */
  readonly payload: WabbitRuleEnginePayload;
  /** The call itself (its headers, its URL). Its body is already read. */
  readonly request: Request;
}

/** What a handler returns: the assignments to make, the whole documented answer, or nothing (no assignment). */
export type WabbitRuleEngineResult = readonly WabbitRuleEngineAssignment[] | WabbitRuleEngineWebhookAnswer | undefined | void;

/** Decides the assignments for one event. */
export type WabbitRuleEngineHandler = (event: WabbitRuleEngineEvent, context: WabbitRuleEngineContext) => WabbitRuleEngineResult | Promise<WabbitRuleEngineResult>;

/** Options of {@link createRuleEngineHandler}. */
export interface WabbitRuleEngineOptions {
  /**
   * Headers every call must carry with exactly these values: the extra headers you entered for the
   * custom Rule Engine in the Hub admin panel (e.g. `{ Authorization: "Bearer <secret>" }`). Compared
   * in constant time; a call without them gets a 401 and the handler is not called.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Called with what went wrong when the answer is a 5xx (the handler threw, or returned an invalid
   * answer), for your logs. The caller only gets a short reason. Its own errors are ignored.
   */
  readonly onError?: (error: unknown) => void;
}

const ruleEngineHook = webhookTable.find((hook) => hook.name === "ruleEngine") as WebhookMeta;
const answerSchema = webhookResponses.ruleEngine as NonNullable<(typeof webhookResponses)["ruleEngine"]>;
const EVENTS = ["incoming_messages", "outgoing_messages", "tagged_messages", "chat_tagging", "message_tagging", "messages"] as const;

function reply(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers } });
}

/** The events of a validated payload, in {@link EVENTS} order. */
function ruleEngineEvents(payload: WabbitRuleEnginePayload): WabbitRuleEngineEvent[] {
  const events: WabbitRuleEngineEvent[] = [];
  if (payload.incoming_messages) events.push({ kind: "incoming_messages", messages: payload.incoming_messages });
  if (payload.outgoing_messages) events.push({ kind: "outgoing_messages", messages: payload.outgoing_messages });
  if (payload.tagged_messages) events.push({ kind: "tagged_messages", taggings: payload.tagged_messages });
  if (payload.chat_tagging) events.push({ kind: "chat_tagging", event: payload.chat_tagging });
  if (payload.message_tagging) events.push({ kind: "message_tagging", event: payload.message_tagging });
  if (payload.messages && !payload.incoming_messages) events.push({ kind: "waba_messages", messages: payload.messages, contacts: payload.contacts ?? [] });
  return events;
}

/** The documented answer of `results`, or the issues that make it invalid. */
function toAnswer(results: readonly WabbitRuleEngineResult[]): { answer: WabbitRuleEngineWebhookAnswer } | { issues: ValidationIssue[] } {
  const assignment: unknown[] = [];
  const issues: ValidationIssue[] = [];
  results.forEach((result, i) => {
    const where = results.length > 1 ? `event ${i + 1}: ` : "";
    if (result === undefined || result === null) return;
    if (Array.isArray(result)) assignment.push(...(result as unknown[]));
    else if (typeof result === "object" && !Array.isArray(result)) {
      const keys = Object.keys(result);
      const unknown = keys.filter((k) => k !== "assignment");
      if (unknown.length) issues.push({ path: unknown[0] as string, message: `${where}is not part of the documented answer (only assignment)` });
      const list = (result as { assignment?: unknown }).assignment;
      if (list !== undefined && !Array.isArray(list)) issues.push({ path: "assignment", message: `${where}must be an array` });
      else if (list) assignment.push(...list);
    } else issues.push({ path: "", message: `${where}the handler must return an array of assignments, { assignment }, or nothing (got ${typeof result})` });
  });
  if (issues.length) return { issues };
  const answer = { assignment } as WabbitRuleEngineWebhookAnswer;
  // The documented schema, `dependentRequired` (a group needs its group_assign_method) included.
  const found = validate(answerSchema, answer);
  return found.length ? { issues: found } : { answer };
}

/**
 * Builds a custom Rule Engine endpoint: a `(request: Request) => Promise<Response>` function to mount
 * at the URL you register in the Hub admin panel.
 *
 * Each call is checked (POST, the configured `headers`, a JSON body matching the spec's `ruleEngine`
 * webhook with at least one event), then `handler` is called once per event it holds (usually one)
 * and the assignments it returns are answered as `{ "assignment": [...] }`, validated against the
 * spec's documented answer first (only `message_id`, `user`, `group`, `group_assign_method`;
 * `group` needs `group_assign_method`).
 *
 * Answers: `200` with the assignments; `400` with `{ error, issues? }` for a call that is not a POST,
 * not JSON or not a documented event; `401` for missing or wrong configured headers; `500` with
 * `{ error, issues? }` when the handler throws or returns an invalid answer. It never throws and
 * never leaves a promise rejected.
 *
 * ```ts
 * const handle = createRuleEngineHandler(async (event) => {
 *   if (event.kind === "incoming_messages") return event.messages.map((m) => ({ message_id: m.waba_payload?.id ?? "", user: 42 }));
 *   if (event.kind === "message_tagging" && event.event.tag?.name === "Agent needed")
 *     return [{ message_id: event.event.message ?? "", group: 23, group_assign_method: "let_group_decide" }];
 *   return [];
 * }, { headers: { Authorization: `Bearer ${process.env.RULE_ENGINE_SECRET}` } });
 * Bun.serve({ fetch: handle }); // or Deno.serve(handle), export default { fetch: handle }, …
 * ```
 * @throws {ValidationError} (when building, never when answering) if `handler` is not a function or `headers` is not an object of non-empty strings.
 */
export function createRuleEngineHandler(handler: WabbitRuleEngineHandler, options: WabbitRuleEngineOptions = {}): (request: Request) => Promise<Response> {
  const problems: ValidationIssue[] = [];
  if (typeof handler !== "function") problems.push({ path: "handler", message: "must be a function (event, context) => assignments" });
  const required = Object.entries(options?.headers ?? {});
  if (options?.headers !== undefined && (options.headers === null || typeof options.headers !== "object" || Array.isArray(options.headers))) problems.push({ path: "headers", message: "must be an object of header names to values" });
  for (const [name, value] of required) if (typeof value !== "string" || value === "") problems.push({ path: `headers.${name}`, message: "must be a non-empty string (the value is not shown)" });
  if (options?.onError !== undefined && typeof options.onError !== "function") problems.push({ path: "onError", message: "must be a function" });
  if (problems.length) throw new ValidationError(problems, { subject: "createRuleEngineHandler arguments", secrets: required.map(([, v]) => String(v)) });
  const report = (error: unknown): void => {
    try {
      options.onError?.(error);
    } catch {
      /* the logger's own failure must not change the answer */
    }
  };

  return async function ruleEngine(request: Request): Promise<Response> {
    try {
      if (request.method.toUpperCase() !== "POST") return reply(400, { error: `the Rule Engine is called with POST, this call is a ${request.method.toUpperCase()}` }, { allow: "POST" });
      for (const [name, value] of required) {
        const given = request.headers.get(name);
        if (given === null || !constantTimeEqual(given, value)) return reply(401, { error: `missing or wrong ${name} header` });
      }
      let payload: WabbitRuleEnginePayload;
      try {
        payload = parseWebhook([ruleEngineHook], await request.text()).payload as WabbitRuleEnginePayload;
      } catch (error) {
        if (!WebhookError.is(error)) throw error;
        return reply(400, { error: error.message, ...(error.issues.length ? { issues: error.issues } : {}) });
      }
      const events = ruleEngineEvents(payload);
      if (events.length === 0) return reply(400, { error: `not a documented Rule Engine event: the body has none of ${EVENTS.join(", ")}` });
      const results: WabbitRuleEngineResult[] = [];
      for (const event of events) {
        try {
          results.push(await handler(event, { payload, request }));
        } catch (error) {
          report(error);
          return reply(500, { error: `the Rule Engine handler failed on the ${event.kind} event` });
        }
      }
      const outcome = toAnswer(results);
      if ("issues" in outcome) {
        report(new ValidationError(outcome.issues, { subject: "Rule Engine answer" }));
        return reply(500, { error: "the Rule Engine handler returned an answer the inbox does not accept", issues: outcome.issues });
      }
      return reply(200, outcome.answer);
    } catch (error) {
      // Anything unexpected (a body that cannot be read, a broken Request) is still an answer.
      report(error);
      return reply(500, { error: "the Rule Engine call could not be handled" });
    }
  };
}
