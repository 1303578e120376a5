// Desk360's part of the main job's live calls (see ../demo.ts): typed calls through the built package
// against a Prism mock of specs/desk360/openapi.yaml.
import { createDesk360Client, type Desk360Schema } from "@inboxkit/desk360";
import type { Show } from "./show.js";

export async function demo(baseUrl: string, show: Show): Promise<void> {
  // Logs in with email + password on the first call, then reuses the token.
  const desk360 = createDesk360Client({ email: "abc@example.com", password: "demo-password", baseUrl });
  const integrations: Desk360Schema<"Integration">[] = [];
  for await (const integration of desk360.integrations.list.iterate()) integrations.push(integration);
  show(`desk360.integrations.list.iterate() -> ${integrations.length} integrations (after ${desk360.session.logins} login; the mock's list is one page, with no rel=next link)`, integrations);
  const integrationId = integrations[0]?.id ?? 1;
  const templates = await desk360.templates.list({ integrationId });
  show("desk360.templates.list({ integrationId })", templates.map((t) => ({ id: t.id, name: t.name })));
  const sent = await desk360.messages.sendText({ integrationId, to: "+905551112233", text: "Your order has shipped" });
  show("desk360.messages.sendText(...)", sent);
}
