// The main job's last step: live, typed calls through the BUILT @inboxkit packages against Prism
// mocks of their specs (started here on 127.0.0.1 and always stopped). Type-checked by `tsc`
// against the packages' published .d.ts before it runs.
import { createHelpwiseClient, type HelpwiseSchema } from "@inboxkit/helpwise";
// @ts-expect-error plain ESM helper without types
import { startPrism } from "../prism.mjs";

type Prism = { url: string; stop: () => Promise<void> };

const show = (label: string, value: unknown): void => {
  const text = JSON.stringify(value, null, 2);
  console.log(`\n${label}\n${text.length > 900 ? `${text.slice(0, 900)}\n  … (${text.length} chars)` : text}`);
};

async function withPrism(spec: string, run: (url: string) => Promise<void>): Promise<void> {
  console.log(`\n== Prism mock of ${spec}`);
  const prism: Prism = await startPrism(spec);
  console.log(`   listening on ${prism.url}`);
  try {
    await run(prism.url);
  } finally {
    await prism.stop();
    console.log(`   stopped ${prism.url}`);
  }
}

async function helpwise(baseUrl: string): Promise<void> {
  const helpwise = createHelpwiseClient({ apiKey: "demo-key", apiSecret: "demo-secret", baseUrl });
  const mailboxes: HelpwiseSchema<"Mailbox">[] = [];
  for await (const mailbox of helpwise.mailboxes.list.iterate()) mailboxes.push(mailbox);
  show(`helpwise.mailboxes.list.iterate() -> ${mailboxes.length} mailboxes`, mailboxes.map((m) => ({ id: m.id, email: m.email, displayName: m.displayName })));
  const first = mailboxes[0];
  if (!first) throw new Error("the mock returned no mailbox");
  const threads = await helpwise.threads.list({ mailboxId: Number(first.id), tabType: "all", limit: 5 });
  show("helpwise.threads.list({ tabType: 'all' })", threads);
  const emails = await helpwise.emails.list({ mailboxId: Number(first.id), threadId: 1 });
  show("helpwise.emails.list({ mailboxId, threadId })", emails);
  const sent = await helpwise.emails.send({ mailbox_id: Number(first.id), to: "jane@example.org", subject: "Your order", body: "<p>It shipped today.</p>" });
  show("helpwise.emails.send(...)", sent);
  show("helpwise.rateLimit", helpwise.rateLimit);
}

const started = Date.now();
await withPrism("specs/helpwise/openapi.yaml", helpwise);
console.log(`\ndemo: all live calls succeeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
