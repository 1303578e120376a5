// The standalone functions are typed like the client methods.
import { describe, expectTypeOf, it } from "vitest";
import { createDesk360Core, type Desk360Core } from "../src/core.js";
import { authLogin, integrationsListIterate, mediaDownload, messagesSendText, templatesSend } from "../src/funcs.js";
import type { BinaryResult, Desk360Api } from "../src/index.js";

describe("desk360 funcs types", () => {
  it("take the client method's params and return its result", () => {
    expectTypeOf(messagesSendText).parameter(1).toEqualTypeOf<Parameters<Desk360Api["messages"]["sendText"]>[0]>();
    expectTypeOf(messagesSendText).returns.toEqualTypeOf<ReturnType<Desk360Api["messages"]["sendText"]>>();
    expectTypeOf(templatesSend).parameter(1).toEqualTypeOf<Parameters<Desk360Api["templates"]["send"]>[0]>();
    expectTypeOf(authLogin).returns.toEqualTypeOf<ReturnType<Desk360Api["auth"]["login"]>>();
    expectTypeOf(integrationsListIterate).returns.toEqualTypeOf<ReturnType<Desk360Api["integrations"]["list"]["iterate"]>>();
    expectTypeOf(mediaDownload).returns.resolves.toEqualTypeOf<BinaryResult>();
  });

  it("accept the vendor's core (with its session)", () => {
    const core = createDesk360Core({ token: "t" });
    expectTypeOf(core).toEqualTypeOf<Desk360Core>();
    expectTypeOf(core.session.logins).toEqualTypeOf<number>();
    // @ts-expect-error integrationId is required
    void messagesSendText(core, { to: "+905551112233", text: "Hello" });
  });
});
