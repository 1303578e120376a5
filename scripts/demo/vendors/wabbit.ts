// wabbit's part of the main job's live calls (see ../demo.ts): typed calls through the built package
// against a Prism mock of specs/wabbit/openapi.yaml.
import { createWabbitClient, type WabbitSchema } from "@inboxkit/wabbit";
import type { Show } from "./show.js";

export async function demo(baseUrl: string, show: Show): Promise<void> {
  // Logs in with username + password (auth.token) on the first call, then sends `Authorization: Token <token>`.
  const wabbit = createWabbitClient({ baseUrl, username: "peter", password: "demo-password" });
  const chats: WabbitSchema<"Chat">[] = [];
  for await (const chat of wabbit.chats.list.iterate({ limit: 100 })) chats.push(chat);
  show(`wabbit.chats.list.iterate() -> ${chats.length} chat(s), following DRF's next (after ${wabbit.session.logins} login)`, chats.map((c) => ({ wa_id: c.contact.wa_id, new_messages: c.new_messages })));
  const wa_id = chats[0]?.contact.wa_id ?? "48123123123";
  // Pages by time (before_time), not by offset: the history stays right while new messages arrive.
  const history: (string | undefined)[] = [];
  for await (const message of wabbit.messages.list.iterateHistory({ wa_id, limit: 20 })) history.push(message.waba_payload?.id);
  show("wabbit.messages.list.iterateHistory({ wa_id }) -> message ids, newest first", history);
  const sent = await wabbit.messages.create({ wa_id, type: "text", text: { body: "Your order has shipped" } });
  show("wabbit.messages.create({ type: 'text', ... })", sent);
  const png = new Blob([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], { type: "image/png" });
  const media = await wabbit.media.create({ file_encoded: png });
  show("wabbit.media.create({ file_encoded }) (multipart upload)", media);
  const image = await wabbit.messages.create({ wa_id, type: "image", image: { id: media.id ?? "" } });
  show("wabbit.messages.create({ type: 'image', image: { id } })", image);
}
