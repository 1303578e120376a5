// Helpshift's part of the main job's live calls (see ../demo.ts): typed calls through the built package
// against a Prism mock of specs/helpshift/openapi.yaml.
import { createHelpshiftClient, decodeQrCode, expiry } from "@inboxkit/helpshift";
import type { Show } from "./show.js";

export async function demo(baseUrl: string, show: Show): Promise<void> {
  const helpshift = createHelpshiftClient({ apiKey: "demo-api-key", domain: "acme", baseUrl });
  const link = await helpshift.webchat.createLink({ app_id: "acme_platform_20230101", uid: "player-48213", expiry: expiry("2h"), tags: ["vip"] });
  const qr = decodeQrCode(link);
  show("helpshift.webchat.createLink(...)", { url: link.url, qrcode: `${qr.format}, ${qr.bytes.length} bytes` });
  show("helpshift.messages.getUnread(...)", await helpshift.messages.getUnread({ app_id: "acme_platform_20230101", uid: "player-48213" }));
}
