// How the pack test exercises the installed @inboxkit/helpwise (see ./types.ts).
import type { VendorFixture } from "./types.js";

export const fixture: VendorFixture = {
  credentials: { apiKey: "pack-test-key", apiSecret: "pack-test-secret" },
  call: {
    op: "mailboxes.list",
    params: { limit: 10 },
    okBody: { status: "success", data: [{ id: "101", email: "support@example.com" }], message: "OK" },
    expected: [{ id: "101", email: "support@example.com" }],
  },
  invalidParams: { limit: "ten" },
  typed: `
  const mb = await client.mailboxes.list({ limit: 10 });
  const mbIsNotAny: IsAny<typeof mb> = false;
  const email: string | undefined = mb[0]?.email;
  // @ts-expect-error noUncheckedIndexedAccess: an element may be missing
  const unchecked: string = mb[0].email;
  // @ts-expect-error limit is an integer, not a string
  await client.mailboxes.list({ limit: "10" });
  // @ts-expect-error mailboxes.get needs the mailbox id
  await client.mailboxes.get({});
  // @ts-expect-error there is no such operation
  await client.mailboxes.nope();
  for await (const mailbox of client.mailboxes.list.iterate({ limit: 10 })) {
    const id: string = mailbox.id;
    // ids chain: a mailbox's id goes into the next call as it is (no Number(...))
    await client.threads.list({ mailboxId: mailbox.id, tabType: "all" });
    void id;
  }
  const [thread] = await client.threads.list({ mailboxId: 204499 });
  if (thread) await client.emails.list({ mailboxId: "204499", threadId: thread.id });
  // @ts-expect-error the credentials are required
  createHelpwiseClient({ baseUrl: "http://127.0.0.1:9" });
  void [mbIsNotAny, email, unchecked];`,
};
