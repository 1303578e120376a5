// The standalone functions are typed like the client methods.
import { describe, expectTypeOf, it } from "vitest";
import type { HelpshiftCore } from "../src/core.js";
import { messagesGetUnread, webchatCreateLink } from "../src/funcs.js";
import type { HelpshiftApi } from "../src/index.js";

describe("helpshift funcs types", () => {
  it("take the client method's params and return its result", () => {
    expectTypeOf(webchatCreateLink).parameter(0).toEqualTypeOf<HelpshiftCore>();
    expectTypeOf(webchatCreateLink).parameter(1).toEqualTypeOf<Parameters<HelpshiftApi["webchat"]["createLink"]>[0]>();
    expectTypeOf(webchatCreateLink).returns.toEqualTypeOf<ReturnType<HelpshiftApi["webchat"]["createLink"]>>();
    expectTypeOf(messagesGetUnread).parameter(1).toEqualTypeOf<Parameters<HelpshiftApi["messages"]["getUnread"]>[0]>();
    expectTypeOf(messagesGetUnread).returns.toEqualTypeOf<ReturnType<HelpshiftApi["messages"]["getUnread"]>>();
  });
});
