// Helpshift's part of the cross-runtime scenario (see ../scenario.mjs): a web-chat link as a form
// with JSON-encoded fields and Basic auth, and the unread count.
export async function scenario({ url, lib, step }) {
  const { createHelpshiftClient } = lib;
  const helpshift = createHelpshiftClient({ apiKey: "hs-key-789", domain: "acme", baseUrl: url });
  return {
    createLink: await step(async () => {
      const link = await helpshift.webchat.createLink({ app_id: "acme_app", uid: "player-1", tags: ["vip"] });
      return { url: link.url };
    }),
    unread: await step(async () => helpshift.messages.getUnread({ app_id: "acme_app", uid: "player-1" })),
  };
}
