// Helpwise's part of the main job's live calls (see ../demo.ts): typed calls through the built package
// against a Prism mock of specs/helpwise/openapi.yaml.
import { createHelpwiseClient, type HelpwiseSchema } from "@inboxkit/helpwise";
import type { Show } from "./show.js";

export async function demo(baseUrl: string, show: Show): Promise<void> {
  const helpwise = createHelpwiseClient({ apiKey: "demo-key", apiSecret: "demo-secret", baseUrl });
  const mailboxes: HelpwiseSchema<"Mailbox">[] = [];
  for await (const mailbox of helpwise.mailboxes.list.iterate()) mailboxes.push(mailbox);
  show(`helpwise.mailboxes.list.iterate() -> ${mailboxes.length} mailboxes`, mailboxes.map((m) => ({ id: m.id, email: m.email, displayName: m.displayName })));
  const first = mailboxes[0];
  if (!first) throw new Error("the mock returned no mailbox");
  const threads = await helpwise.threads.list({ mailboxId: first.id, tabType: "all", limit: 5 });
  show("helpwise.threads.list({ tabType: 'all' })", threads);
  const emails = await helpwise.emails.list({ mailboxId: first.id, threadId: 1 });
  show("helpwise.emails.list({ mailboxId, threadId })", emails);
  const sent = await helpwise.emails.send({ mailbox_id: first.id, to: "jane@example.org", subject: "Your order", body: "<p>It shipped today.</p>" });
  // Helpwise acknowledges a send with `data: null` (its envelope's `message` says "Email sent"): the
  // method resolving at all means the API accepted it; a refusal is a typed error instead.
  show("helpwise.emails.send(...) -> accepted", { accepted: true, data: sent });
  show("helpwise.rateLimit", helpwise.rateLimit);
}
