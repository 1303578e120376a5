// wabbit's part of the cross-runtime scenario (see ../scenario.mjs): username + password login and a
// DRF list following `next`, a send answered 503 that must NOT be re-sent, the Rule Engine handler
// and the webhook receiver called with Requests built in this runtime, and the live websocket feed
// with this runtime's own WebSocket (a drop, a reconnect, an undocumented frame type, a bad token).
const SEND_PATH = "POST /wabbit/api/v1/messages/";

export async function scenario({ url, lib, step, base, requestCounts }) {
  const { connectWabbitLive, createRuleEngineHandler, createWabbitClient, parseWabbitWebhook, ServerError, WabbitLiveError } = lib;
  const result = {};
  const wabbit = createWabbitClient({ baseUrl: url, username: "bot", password: "right-password", retry: { initialDelayMs: 100 } });

  result.loginAndList = await step(async () => {
    const tags = [];
    for await (const tag of wabbit.tags.list.iterate({ limit: 2 })) tags.push(tag.name);
    const counts = await requestCounts(base);
    return { tags, logins: wabbit.session.logins, requestsSeen: counts["GET /wabbit/api/v1/tags/"] ?? 0 };
  });

  result.sendNotRetried = await step(async () => {
    const before = (await requestCounts(base))[SEND_PATH] ?? 0;
    let outcome;
    try {
      await wabbit.messages.create({ wa_id: "48123456789", type: "text", text: { body: "Hello!" } });
      outcome = { thrown: null };
    } catch (error) {
      outcome = { thrown: error?.name, isServerError: error instanceof ServerError, status: error?.status };
    }
    return { ...outcome, requestsSeen: ((await requestCounts(base))[SEND_PATH] ?? 0) - before };
  });

  result.ruleEngine = await step(async () => {
    const handle = createRuleEngineHandler((event) =>
      event.kind === "tagged_messages"
        ? event.taggings.filter((t) => t.new_tag?.name === "Agent needed").map((t) => ({ message_id: t.message?.id, group: 23, group_assign_method: "let_group_decide" }))
        : [],
    );
    const call = (body) => new Request("https://rules.example.com/webhook", { method: "POST", headers: { "content-type": "application/json" }, body });
    const tagged = { tagged_messages: [{ message: { id: "d9d2244d-3f31-4229-a7e0-ec38ebcc60be" }, new_tag: { name: "Agent needed", id: 5, extra: {} } }] };
    const ok = await handle(call(JSON.stringify(tagged)));
    const badRequest = await handle(call("{ not json"));
    const invalid = await createRuleEngineHandler(() => [{ message_id: "m", group: 23 }])(call(JSON.stringify(tagged)));
    return { status: ok.status, answer: await ok.json(), badRequest: badRequest.status, invalidAnswer: invalid.status };
  });

  result.webhook = await step(async () => {
    const body = JSON.stringify({
      contacts: [{ profile: { name: "Konrad Tester" }, wa_id: "48123123123" }],
      messages: [{ from: "48123123123", id: "ABGGSFEBeRJ_AhD8o8zP9ulNeUPgdK123456", timestamp: "1612544982", type: "text", text: { body: "Hello" } }],
      incoming_messages: [{ waba_payload: { from: "48123123123", id: "ABGGSFEBeRJ_AhD8o8zP9ulNeUPgdK123456", timestamp: "1612544982", type: "text", text: { body: "Hello" } } }],
    });
    const post = (auth) => new Request(`https://bot.example.com/wabbit?auth=${auth}`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const hook = await parseWabbitWebhook(post("my_shared_secret"), { secret: "my_shared_secret" });
    const wrong = post("not-it");
    const error = await parseWabbitWebhook(wrong, { secret: "my_shared_secret" }).catch((e) => e);
    return { kinds: hook.events.map((e) => e.kind), wabaMessages: hook.waba.messages.map((m) => m.id), wrongSecret: error?.name, bodyUsed: wrong.bodyUsed };
  });

  result.live = await step(async () => {
    const socketUrl = `${url.replace(/^http/, "ws")}/socket/`;
    const token = wabbit.session.token;
    if (typeof globalThis.WebSocket !== "function") {
      try {
        connectWabbitLive({ baseUrl: url, token, socketUrl });
        return { webSocket: "none", thrown: null };
      } catch (error) {
        return { webSocket: "none", thrown: error?.name, namesTheOption: /WebSocket/.test(error?.message) };
      }
    }
    const live = connectWabbitLive({ baseUrl: url, token, socketUrl, backfill: false, reconnect: { initialDelayMs: 50, maxDelayMs: 50 }, handshakeTimeoutMs: 5000 });
    const events = [];
    live.on("authenticated", ({ reconnected }) => events.push(reconnected ? "reauthenticated" : "authenticated"));
    live.on("reconnecting", () => events.push("reconnecting"));
    const items = [];
    for await (const item of live) {
      items.push(
        item.type === "waba_webhook" ? `waba_webhook:${item.waba_payload.messages?.[0]?.id}` : item.type === "untyped" ? `untyped:${item.frameType}` : `${item.type}:${item.status}`,
      );
      if (items.length === 5) break;
    }
    await live.close();
    const bad = connectWabbitLive({ baseUrl: url, token: "not-the-token", socketUrl, backfill: false, reconnect: { initialDelayMs: 50, maxDelayMs: 50 } });
    const error = await bad.ready.catch((e) => e);
    await bad.close();
    return {
      webSocket: "global",
      items,
      events,
      closed: live.state,
      badToken: { thrown: error?.name, kind: error instanceof WabbitLiveError ? error.kind : undefined, fatal: error?.fatal },
    };
  });

  return result;
}
