// How the pack test exercises the installed @inboxkit/desk360 (see ./types.ts).
import type { VendorFixture } from "./types.js";

export const fixture: VendorFixture = {
  credentials: { token: "pack-test-token" },
  call: {
    op: "messages.sendText",
    params: { integrationId: 12, to: "+905551112233", text: "Hello" },
    okBody: { message_id: "wamid.HBgM" },
    expected: { message_id: "wamid.HBgM" },
  },
  invalidParams: { integrationId: 12, to: "05551112233", text: "Hello" },
  typed: `
  const sent = await client.messages.sendText({ integrationId: 12, to: "+905551112233", text: "Hi" });
  const sentIsNotAny: IsAny<typeof sent> = false;
  // @ts-expect-error integrationId is required
  await client.messages.sendText({ to: "+905551112233", text: "Hi" });
  for await (const integration of client.integrations.list.iterate()) {
    const id: number = integration.id;
    // ids chain: an integration's id and a template's id go into the next calls as they are
    const [template] = await client.templates.list({ integrationId: integration.id });
    if (template) await client.templates.send({ integrationId: integration.id, template_id: template.id, language_id: 1, destinations: [{ phone: "+905551112233" }] });
    void id;
  }
  const file = await client.media.download({ integrationId: 12, mediaId: "m1" });
  const bytes: Uint8Array = file.bytes;
  // @ts-expect-error a token or credentials are required
  createDesk360Client({ baseUrl: "http://127.0.0.1:9" });
  void [sentIsNotAny, bytes];`,
};
