// How the pack test exercises the installed @inboxkit/helpshift (see ./types.ts).
import type { VendorFixture } from "./types.js";

export const fixture: VendorFixture = {
  credentials: { apiKey: "pack-test-key", domain: "acme" },
  call: {
    op: "messages.getUnread",
    params: { app_id: "acme_platform_20230101", uid: "player-1" },
    okBody: { active_issue: null },
    expected: { active_issue: null },
  },
  invalidParams: { app_id: "acme_platform_20230101", phone_number: "0151 234" },
  typed: `
  const unread = await client.messages.getUnread({ app_id: "a", uid: "u" });
  const unreadIsNotAny: IsAny<typeof unread> = false;
  const link = await client.webchat.createLink({ app_id: "a", format: "svg", expiry: { viewcount: 3 }, tags: ["vip"] });
  const url: string = link.url;
  // @ts-expect-error format is png or svg
  await client.webchat.createLink({ app_id: "a", format: "gif" });
  // @ts-expect-error the domain is bound by the client, not passed per call
  await client.messages.getUnread({ app_id: "a", uid: "u", domain: "other" });
  // @ts-expect-error the domain is required
  createHelpshiftClient({ apiKey: "k", baseUrl: "http://127.0.0.1:9" });
  void [unreadIsNotAny, url];`,
};
