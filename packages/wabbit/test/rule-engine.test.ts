// The custom Rule Engine handler: the spec's documented calls answered with their documented
// assignments, the events the doc's sample code reads, the configured header check, malformed calls
// (400), a throwing handler and invalid answers (500), and never a rejected promise.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { createRuleEngineHandler, ValidationError, type WabbitRuleEngineEvent } from "../src/index.js";

const spec = parse(readFileSync(new URL("../../../specs/wabbit/openapi.yaml", import.meta.url), "utf8"));
const ruleEngine = spec.webhooks.ruleEngine.post;
const callExamples = ruleEngine.requestBody.content["application/json"].examples as Record<string, { value: Record<string, unknown> }>;
const answerExamples = ruleEngine.responses["200"].content["application/json"].examples as Record<string, { value: { assignment: unknown[] } }>;

const URL_ = "https://rules.example.com/webhook";
const call = (body: unknown, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new Request(URL_, { method: init.method ?? "POST", headers: { "content-type": "application/json", ...init.headers }, ...(init.method === "GET" ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }) });
const answer = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });

/** The doc's flow as a Rule Engine: new messages to the bot (user 42), "Agent needed" taggings to group 23. */
const docFlow = createRuleEngineHandler((event) => {
  switch (event.kind) {
    case "waba_messages":
      return event.messages.map((m) => ({ message_id: m.id as string, user: 42 }));
    case "incoming_messages":
      return event.messages.map((m) => ({ message_id: m.waba_payload?.id as string, user: 42 }));
    case "tagged_messages":
      return event.taggings
        .filter((t) => t.new_tag?.name === "Agent needed")
        .map((t) => ({ message_id: (t.message?.id ?? t.message?.waba_payload?.id) as string, group: 23, group_assign_method: "let_group_decide" as const }));
    case "message_tagging":
      return event.event.action === "added" && event.event.tag?.name === "Agent needed" ? [{ message_id: event.event.message as string, group: 23, group_assign_method: "let_group_decide" }] : [];
    default:
      return undefined;
  }
});

describe("documented calls", () => {
  it("the spec's two calls get the spec's documented answers", async () => {
    expect(Object.keys(callExamples).sort()).toEqual(["newMessage", "taggedMessage"]);
    expect(await answer(await docFlow(call(callExamples.newMessage?.value)))).toEqual({ status: 200, body: answerExamples.toBot?.value });
    expect(await answer(await docFlow(call(callExamples.taggedMessage?.value)))).toEqual({ status: 200, body: answerExamples.toAgents?.value });
  });

  it("every documented answer example is accepted as a handler result, unchanged", async () => {
    for (const [name, example] of Object.entries(answerExamples)) {
      const handle = createRuleEngineHandler(() => example.value.assignment as never);
      expect(await answer(await handle(call(callExamples.newMessage?.value))), name).toEqual({ status: 200, body: example.value });
      const whole = createRuleEngineHandler(() => example.value as never);
      expect(await answer(await whole(call(callExamples.newMessage?.value))), name).toEqual({ status: 200, body: example.value });
    }
  });

  it("hands each documented event to the handler, typed by kind", async () => {
    const seen: WabbitRuleEngineEvent[] = [];
    const handle = createRuleEngineHandler((event, { payload, request }) => {
      seen.push(event);
      expect(payload).toBeTypeOf("object");
      expect(request.url).toBe(URL_);
    });
    const message = { id: "ABGGSFEBeRJ_AhD8o8zP9ulNeUPgdK123456", waba_payload: { from: "48123123123", id: "ABGGSFEBeRJ_AhD8o8zP9ulNeUPgdK123456", timestamp: "1612544982", type: "text", text: { body: "Hello" } } };
    const done_by = { username: "spambot", email: "spambot@example.com", groups: [], permissions: {} };
    const bodies = [
      { incoming_messages: [message] },
      { outgoing_messages: [message] },
      { tagged_messages: [{ message, new_tag: { name: "Agent needed", id: 5, extra: {} } }] },
      { chat_tagging: { timestamp: 1612372802, action: "added", tag: { id: 5, name: "Agent needed" }, chat: "48123123123", done_by } },
      { message_tagging: { timestamp: 1612372803, action: "added", tag: { id: 5, name: "Agent needed" }, message: message.id, done_by } },
      { contacts: [{ wa_id: "48123123123" }], messages: [message.waba_payload] },
      { incoming_messages: [message], contacts: [{ wa_id: "48123123123" }], messages: [message.waba_payload] },
    ];
    for (const body of bodies) expect((await handle(call(body))).status).toBe(200);
    expect(seen.map((e) => e.kind)).toEqual(["incoming_messages", "outgoing_messages", "tagged_messages", "chat_tagging", "message_tagging", "waba_messages", "incoming_messages"]);
    expect(seen[5]?.kind === "waba_messages" && seen[5].contacts).toEqual([{ wa_id: "48123123123" }]);
  });

  it("a call with several events calls the handler once per event and answers every assignment", async () => {
    const handle = createRuleEngineHandler((event) => [{ message_id: event.kind, user: 1 }]);
    const done_by = { username: "a", email: "a@example.com", groups: [], permissions: {} };
    const body = { incoming_messages: [], message_tagging: { timestamp: 1, action: "added", message: "m", done_by } };
    expect(await answer(await handle(call(body)))).toEqual({ status: 200, body: { assignment: [{ message_id: "incoming_messages", user: 1 }, { message_id: "message_tagging", user: 1 }] } });
  });

  it("no assignment is answered as an empty list", async () => {
    const handle = createRuleEngineHandler(async () => undefined);
    expect(await answer(await handle(call(callExamples.newMessage?.value)))).toEqual({ status: 200, body: { assignment: [] } });
  });
});

describe("configured headers (Hub: additional headers)", () => {
  const handler = vi.fn(() => [{ message_id: "m", user: 42 }]);
  const handle = createRuleEngineHandler(handler, { headers: { Authorization: "Bearer rule-engine-secret" } });
  afterEach(() => handler.mockClear());

  it("the right header passes (its name in any case)", async () => {
    expect((await handle(call(callExamples.newMessage?.value, { headers: { authorization: "Bearer rule-engine-secret" } }))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["missing", {}],
    ["wrong", { Authorization: "Bearer rule-engine-secreT" }],
    ["a prefix", { Authorization: "Bearer rule" }],
  ])("a %s header is a 401 and the handler is not called", async (_name, headers) => {
    const response = await handle(call(callExamples.newMessage?.value, { headers }));
    const { status, body } = await answer(response);
    expect({ status, body }).toEqual({ status: 401, body: { error: "missing or wrong Authorization header" } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("bad options are refused when building, without showing the value", () => {
    expect(() => createRuleEngineHandler(handler, { headers: { Authorization: "" } })).toThrow(ValidationError);
    expect(() => createRuleEngineHandler("nope" as never)).toThrow(/handler: must be a function/);
  });
});

describe("malformed calls are a 400 with the reason", () => {
  const handler = vi.fn(() => []);
  const handle = createRuleEngineHandler(handler);
  afterEach(() => handler.mockClear());

  it.each([
    ["not JSON", "{ nope", /not valid JSON/],
    ["a JSON array", "[]", /not a JSON object/],
    ["no documented event", "{}", /not a documented Rule Engine event: the body has none of incoming_messages, outgoing_messages, tagged_messages, chat_tagging, message_tagging, messages/],
    ["only contacts", JSON.stringify({ contacts: [{ wa_id: "1" }] }), /not a documented Rule Engine event/],
    ["a mistyped event", JSON.stringify({ incoming_messages: "m1" }), /incoming_messages expected array/],
  ])("%s", async (_name, body, reason) => {
    const { status, body: answered } = await answer(await handle(call(body)));
    expect(status).toBe(400);
    expect(answered.error).toMatch(reason);
    expect(handler).not.toHaveBeenCalled();
  });

  it("a call that is not a POST", async () => {
    const response = await handle(call(undefined, { method: "GET" }));
    expect(response.headers.get("allow")).toBe("POST");
    expect(await answer(response)).toEqual({ status: 400, body: { error: "the Rule Engine is called with POST, this call is a GET" } });
  });

  it("the issues of a malformed event are listed", async () => {
    const { body } = await answer(await handle(call({ incoming_messages: [{ waba_payload: { timestamp: "soon" } }] })));
    expect(body.issues).toEqual([{ path: "incoming_messages[0].waba_payload", message: expect.stringMatching(/timestamp must match/) }]);
  });
});

describe("failing handlers are a 500 with the reason, never a crash", () => {
  it("a handler that throws (sync or async)", async () => {
    const errors: unknown[] = [];
    for (const handler of [
      () => {
        throw new Error("db down");
      },
      async () => Promise.reject(new Error("db down")),
    ]) {
      const handle = createRuleEngineHandler(handler, { onError: (e) => errors.push(e) });
      const { status, body } = await answer(await handle(call(callExamples.newMessage?.value)));
      expect({ status, body }).toEqual({ status: 500, body: { error: "the Rule Engine handler failed on the waba_messages event" } });
    }
    expect(errors.map((e) => (e as Error).message)).toEqual(["db down", "db down"]);
  });

  it.each([
    ["a group without group_assign_method (dependentRequired)", [{ message_id: "m", group: 23 }], [{ path: "assignment[0].group_assign_method", message: "is required when group is given" }]],
    ["the sample code's undocumented chat_id", [{ chat_id: "48123123123", group: 23, group_assign_method: "let_group_decide" }], [{ path: "assignment[0].message_id", message: "is required" }, { path: "assignment[0].chat_id", message: "is not a known parameter" }]],
    ["an unknown assign method", [{ message_id: "m", group: 23, group_assign_method: "random" }], [{ path: "assignment[0].group_assign_method", message: 'must be one of "round_robin", "let_group_decide", got "random"' }]],
    ["a user id that is a string", [{ message_id: "m", user: "42" }], [{ path: "assignment[0].user", message: "expected integer, got string" }]],
    ["the sample code's {error} answer", { error: "boom" }, [{ path: "error", message: "is not part of the documented answer (only assignment)" }]],
    ["a string", "assign everything", [{ path: "", message: "the handler must return an array of assignments, { assignment }, or nothing (got string)" }]],
  ])("an invalid answer: %s", async (_name, result, issues) => {
    const onError = vi.fn();
    const handle = createRuleEngineHandler(() => result as never, { onError });
    const { status, body } = await answer(await handle(call(callExamples.newMessage?.value)));
    expect(status).toBe(500);
    expect(body).toEqual({ error: "the Rule Engine handler returned an answer the inbox does not accept", issues });
    expect(onError).toHaveBeenCalledWith(expect.any(ValidationError));
  });

  it("an onError that throws changes nothing; a body that cannot be read is a 500", async () => {
    const handle = createRuleEngineHandler(
      () => {
        throw new Error("x");
      },
      {
        onError: () => {
          throw new Error("logger down");
        },
      },
    );
    expect((await handle(call(callExamples.newMessage?.value))).status).toBe(500);
    const used = call(callExamples.newMessage?.value);
    await used.text();
    const { status, body } = await answer(await createRuleEngineHandler(() => [])(used));
    expect({ status, body }).toEqual({ status: 500, body: { error: "the Rule Engine call could not be handled" } });
  });

  it("never rejects, whatever the request", async () => {
    const handle = createRuleEngineHandler(() => []);
    const broken = { method: "POST", headers: new Headers(), text: () => Promise.reject(new Error("socket reset")), url: URL_ } as unknown as Request;
    await expect(handle(broken)).resolves.toBeInstanceOf(Response);
    await expect(handle(null as unknown as Request)).resolves.toHaveProperty("status", 500);
  });
});

describe("arguments, answers and errors, exactly", () => {
  const built = (handler: unknown, options?: unknown): ValidationError => {
    try {
      createRuleEngineHandler(handler as never, options as never);
    } catch (e) {
      return e as ValidationError;
    }
    throw new Error("no error");
  };
  const done_by = { username: "a", email: "a@example.com", groups: [], permissions: {} };

  it.each([
    ["a handler that is not a function", "nope", undefined, [{ path: "handler", message: "must be a function (event, context) => assignments" }]],
    ["headers that are null", () => [], { headers: null }, [{ path: "headers", message: "must be an object of header names to values" }]],
    ["headers that are a string", () => [], { headers: "Bearer s3cret" }, [{ path: "headers", message: "must be an object of header names to values" }]],
    ["headers that are an array", () => [], { headers: [] }, [{ path: "headers", message: "must be an object of header names to values" }]],
    ["an empty header value", () => [], { headers: { Authorization: "" } }, [{ path: "headers.Authorization", message: "must be a non-empty string (the value is not shown)" }]],
    ["a numeric header value", () => [], { headers: { "X-Key": 42 } }, [{ path: "headers.X-Key", message: "must be a non-empty string (the value is not shown)" }]],
    ["an onError that is not a function", () => [], { onError: "console" }, [{ path: "onError", message: "must be a function" }]],
  ])("%s is refused when building, with the exact issue", (_name, handler, options, issues) => {
    const error = built(handler, options);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual(issues);
    expect(error.message).toBe(`Invalid createRuleEngineHandler arguments: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  });

  it("every problem is listed at once", () => {
    expect(built(42, { headers: { A: "" }, onError: 1 }).issues.map((i) => i.path)).toEqual(["handler", "headers.A", "onError"]);
  });

  it("null options, or options without headers, build a handler that checks no header", async () => {
    for (const options of [null, {}, { headers: {} }, undefined]) {
      const handle = createRuleEngineHandler(() => [{ message_id: "m", user: 1 }], options as never);
      expect(await answer(await handle(call(callExamples.newMessage?.value)))).toEqual({ status: 200, body: { assignment: [{ message_id: "m", user: 1 }] } });
    }
  });

  it("a header whose value is a non-empty string passes with it, and only with it", async () => {
    const handle = createRuleEngineHandler(() => [], { headers: { "X-Rule-Secret": "s3cret-value" } });
    expect((await handle(call(callExamples.newMessage?.value, { headers: { "x-rule-secret": "s3cret-value" } }))).status).toBe(200);
    expect(await answer(await handle(call(callExamples.newMessage?.value)))).toEqual({ status: 401, body: { error: "missing or wrong X-Rule-Secret header" } });
  });

  it("every answer is JSON and not cached", async () => {
    const handle = createRuleEngineHandler(() => []);
    for (const request of [call(callExamples.newMessage?.value), call("{ nope"), call(undefined, { method: "GET" })]) {
      const response = await handle(request);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("waba messages without contacts come with an empty contacts list", async () => {
    const seen: WabbitRuleEngineEvent[] = [];
    const handle = createRuleEngineHandler((event) => void seen.push(event));
    const waba = { from: "48123123123", id: "ABGGSFEBeRJ_1", timestamp: "1612544982", type: "text", text: { body: "Hello" } };
    expect((await handle(call({ messages: [waba] }))).status).toBe(200);
    expect(seen).toEqual([{ kind: "waba_messages", messages: [waba], contacts: [] }]);
  });

  it("a handler returning null assigns nothing", async () => {
    const handle = createRuleEngineHandler(() => null as never);
    expect(await answer(await handle(call(callExamples.newMessage?.value)))).toEqual({ status: 200, body: { assignment: [] } });
  });

  it("{ assignment } that is not a list is refused as such", async () => {
    const onError = vi.fn();
    const handle = createRuleEngineHandler(() => ({ assignment: "m1" }) as never, { onError });
    expect(await answer(await handle(call(callExamples.newMessage?.value)))).toEqual({
      status: 500,
      body: { error: "the Rule Engine handler returned an answer the inbox does not accept", issues: [{ path: "assignment", message: "must be an array" }] },
    });
    expect(onError).toHaveBeenCalledTimes(1);
    expect((onError.mock.calls[0]?.[0] as Error).message).toBe("Invalid Rule Engine answer: assignment: must be an array");
  });

  it("with several events, an invalid answer names the event by its place", async () => {
    const handle = createRuleEngineHandler((event) => (event.kind === "message_tagging" ? ({ assignment: [], error: "x" } as never) : []));
    const body = { incoming_messages: [], message_tagging: { timestamp: 1, action: "added", message: "m", done_by } };
    expect(await answer(await handle(call(body)))).toEqual({
      status: 500,
      body: { error: "the Rule Engine handler returned an answer the inbox does not accept", issues: [{ path: "error", message: "event 2: is not part of the documented answer (only assignment)" }] },
    });
    const first = createRuleEngineHandler((event) => (event.kind === "incoming_messages" ? ({ assignment: 5 } as never) : "no" as never));
    expect((await answer(await first(call(body)))).body.issues).toEqual([
      { path: "assignment", message: "event 1: must be an array" },
      { path: "", message: "event 2: the handler must return an array of assignments, { assignment }, or nothing (got string)" },
    ]);
  });

  it("a body that cannot be read is reported to onError as it is", async () => {
    const errors: unknown[] = [];
    const handle = createRuleEngineHandler(() => [], { onError: (e) => errors.push(e) });
    const reset = new Error("socket reset");
    const broken = { method: "POST", headers: new Headers(), text: () => Promise.reject(reset), url: URL_ } as unknown as Request;
    expect(await answer(await handle(broken))).toEqual({ status: 500, body: { error: "the Rule Engine call could not be handled" } });
    expect(errors).toEqual([reset]);
  });
});
