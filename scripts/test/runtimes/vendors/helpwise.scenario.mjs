// Helpwise's part of the cross-runtime scenario (see ../scenario.mjs): mailboxes.list → 2 items.
export async function scenario({ url, lib, step }) {
  const { createHelpwiseClient } = lib;
  return {
    list: await step(async () => {
      const helpwise = createHelpwiseClient({ apiKey: "hw-key-123", apiSecret: "hw-secret-456", baseUrl: url });
      const mailboxes = await helpwise.mailboxes.list({ limit: 2 });
      return { isArray: Array.isArray(mailboxes), count: mailboxes.length, emails: mailboxes.map((m) => m.email) };
    }),
  };
}
