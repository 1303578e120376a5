// The standalone functions are typed like the client methods.
import { describe, expectTypeOf, it } from "vitest";
import type { WabbitCore } from "../src/core.js";
import { chatsListIterate, messagesCreate, messagesListFollow, messagesListIterateHistory, tagsListPages } from "../src/funcs.js";
import type { WabbitApi } from "../src/index.js";

describe("wabbit funcs types", () => {
  it("take the client method's params and return its result", () => {
    expectTypeOf(messagesCreate).parameter(1).toEqualTypeOf<Parameters<WabbitApi["messages"]["create"]>[0]>();
    expectTypeOf(messagesCreate).returns.toEqualTypeOf<ReturnType<WabbitApi["messages"]["create"]>>();
    expectTypeOf(chatsListIterate).returns.toEqualTypeOf<ReturnType<WabbitApi["chats"]["list"]["iterate"]>>();
    expectTypeOf(tagsListPages).returns.toEqualTypeOf<ReturnType<WabbitApi["tags"]["list"]["pages"]>>();
    expectTypeOf(messagesListIterateHistory).returns.toEqualTypeOf<ReturnType<WabbitApi["messages"]["list"]["iterateHistory"]>>();
    expectTypeOf(messagesListFollow).parameter(1).toEqualTypeOf<Parameters<WabbitApi["messages"]["list"]["follow"]>[0]>();
  });

  it("accept the vendor's core", () => {
    const core = {} as WabbitCore;
    // @ts-expect-error wa_id is required
    void messagesCreate(core, { type: "text", text: { body: "Hi" } });
  });
});
