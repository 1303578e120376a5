// The standalone functions are typed like the client methods: the same params, the same result
// (an APIPromise of the unwrapped data), the same iterators.
import { describe, expectTypeOf, it } from "vitest";
import { createHelpwiseCore, type HelpwiseCore } from "../src/core.js";
import { mailboxesGet, mailboxesList, mailboxesListIterate, mailboxesListPages, threadsAssign } from "../src/funcs.js";
import type { HelpwiseApi } from "../src/index.js";

describe("helpwise funcs types", () => {
  it("take the client method's params and return its result", () => {
    expectTypeOf(mailboxesList).parameter(0).toEqualTypeOf<HelpwiseCore>();
    expectTypeOf(mailboxesList).parameter(1).toEqualTypeOf<Parameters<HelpwiseApi["mailboxes"]["list"]>[0]>();
    expectTypeOf(mailboxesList).returns.toEqualTypeOf<ReturnType<HelpwiseApi["mailboxes"]["list"]>>();
    expectTypeOf(mailboxesGet).parameter(1).toEqualTypeOf<Parameters<HelpwiseApi["mailboxes"]["get"]>[0]>();
    expectTypeOf(threadsAssign).returns.toEqualTypeOf<ReturnType<HelpwiseApi["threads"]["assign"]>>();
    expectTypeOf(mailboxesListIterate).returns.toEqualTypeOf<ReturnType<HelpwiseApi["mailboxes"]["list"]["iterate"]>>();
    expectTypeOf(mailboxesListPages).returns.toEqualTypeOf<ReturnType<HelpwiseApi["mailboxes"]["list"]["pages"]>>();
  });

  it("check params at compile time", async () => {
    const core = createHelpwiseCore({ apiKey: "k", apiSecret: "s" });
    const mailboxes = await mailboxesList(core, { limit: 10 });
    expectTypeOf(mailboxes).not.toBeAny();
    // @ts-expect-error limit is a number
    void mailboxesList(core, { limit: "10" });
    // @ts-expect-error mailboxes.get needs the mailbox id
    void mailboxesGet(core, {});
    // @ts-expect-error the core comes first
    void mailboxesList({ limit: 10 });
  });
});
