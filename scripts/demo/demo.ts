// The main job's last step: live, typed calls through the BUILT @inboxkit packages against Prism
// mocks of their specs (started here on 127.0.0.1 and always stopped). Type-checked by `tsc`
// against the packages' published .d.ts before it runs.
import { createDesk360Client, type Desk360Schema } from "@inboxkit/desk360";
import { createHelpshiftClient, decodeQrCode, expiry } from "@inboxkit/helpshift";
import { createHelpwiseClient, type HelpwiseSchema } from "@inboxkit/helpwise";
type Prism = { url: string; stop: () => Promise<void> };
// scripts/prism.mjs, relative to the compiled file in scripts/demo/dist/.
const { startPrism } = (await import(new URL("../../prism.mjs", import.meta.url).href)) as { startPrism: (spec: string) => Promise<Prism> };

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

async function desk360(baseUrl: string): Promise<void> {
  // Logs in with email + password on the first call, then reuses the token.
  const desk360 = createDesk360Client({ email: "abc@example.com", password: "demo-password", baseUrl });
  const integrations: Desk360Schema<"Integration">[] = [];
  for await (const integration of desk360.integrations.list.iterate()) integrations.push(integration);
  show(`desk360.integrations.list.iterate() -> ${integrations.length} integrations over the Link pages (after ${desk360.session.logins} login; the mock answers every page with the same example)`, integrations);
  const integrationId = integrations[0]?.id ?? 1;
  const templates = await desk360.templates.list({ integrationId });
  show("desk360.templates.list({ integrationId })", templates.map((t) => ({ id: t.id, name: t.name })));
  const sent = await desk360.messages.sendText({ integrationId, to: "+905551112233", text: "Your order has shipped" });
  show("desk360.messages.sendText(...)", sent);
}

async function helpshift(baseUrl: string): Promise<void> {
  const helpshift = createHelpshiftClient({ apiKey: "demo-api-key", domain: "acme", baseUrl });
  const link = await helpshift.webchat.createLink({ app_id: "acme_platform_20230101", uid: "player-48213", expiry: expiry("2h"), tags: ["vip"] });
  const qr = decodeQrCode(link);
  show("helpshift.webchat.createLink(...)", { url: link.url, qrcode: `${qr.format}, ${qr.bytes.length} bytes` });
  show("helpshift.messages.getUnread(...)", await helpshift.messages.getUnread({ app_id: "acme_platform_20230101", uid: "player-48213" }));
}

const started = Date.now();
await withPrism("specs/helpwise/openapi.yaml", helpwise);
await withPrism("specs/desk360/openapi.yaml", desk360);
await withPrism("specs/helpshift/openapi.yaml", helpshift);
console.log(`\ndemo: all live calls succeeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
