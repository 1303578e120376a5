// Type tests: the public signatures of the generated Helpwise client.
import { describe, expectTypeOf, it } from "vitest";
import { createHelpwiseClient, type HelpwiseSchema, type Page } from "../src/index.js";

const helpwise = createHelpwiseClient({ apiKey: "k", apiSecret: "s" });

describe("generated methods", () => {
  it("take typed params and return the unwrapped data", async () => {
    expectTypeOf(helpwise.mailboxes.list).parameter(0).toEqualTypeOf<{ page?: number; limit?: number; offset?: number } | undefined>();
    const mailboxes = await helpwise.mailboxes.list({ limit: 10 });
    expectTypeOf(mailboxes).toEqualTypeOf<HelpwiseSchema<"Mailbox">[]>();
    expectTypeOf<HelpwiseSchema<"Mailbox">["email"]>().toEqualTypeOf<string>();
    // @ts-expect-error limit is a number
    void helpwise.mailboxes.list({ limit: "10" });
    // @ts-expect-error unknown parameter
    void helpwise.mailboxes.list({ limt: 10 });
    // @ts-expect-error mailboxId is required
    void helpwise.threads.list({});
    // @ts-expect-error not an operation
    void helpwise.mailboxes.delete;
  });

  it("list operations iterate items and pages", () => {
    expectTypeOf(helpwise.mailboxes.list.iterate()).toEqualTypeOf<AsyncIterableIterator<HelpwiseSchema<"Mailbox">>>();
    expectTypeOf(helpwise.mailboxes.list.pages()).toEqualTypeOf<AsyncIterableIterator<Page<HelpwiseSchema<"Mailbox">[], HelpwiseSchema<"Mailbox">>>>();
    // @ts-expect-error sends do not paginate
    void helpwise.emails.send.iterate;
  });

  it("sends require their fields", () => {
    expectTypeOf(helpwise.emails.send).parameter(0).toHaveProperty("subject");
    // @ts-expect-error body is required
    void helpwise.emails.send({ mailbox_id: 1, to: "a@b.co", subject: "s" });
  });

  it("the raw client is path-keyed", async () => {
    const { data } = await helpwise.raw.POST("/mailboxes/list", { body: { limit: 5 } });
    expectTypeOf<NonNullable<typeof data>["data"]>().toEqualTypeOf<HelpwiseSchema<"Mailbox">[]>();
    // @ts-expect-error no such path
    void helpwise.raw.POST("/mailboxes/nope", {});
  });

  it("rate-limit state is readable", () => {
    expectTypeOf(helpwise.rateLimit.remaining).toEqualTypeOf<number | undefined>();
  });
});
