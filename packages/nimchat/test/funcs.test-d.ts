// The standalone functions are typed like the client methods, and take only the core of their API.
import { describe, expectTypeOf, it } from "vitest";
import { createNimchatPlatformCore, createNimchatPublicCore, type NimchatApplicationCore, type NimchatPublicCore } from "../src/core.js";
import { applicationContactsListIterate, applicationMessagesCreate, platformAccountsCreate, publicContactsCreate, publicMessagesList } from "../src/funcs.js";
import type { NimchatApplicationApi, NimchatPlatformApi, NimchatPublicApi } from "../src/index.js";

describe("nimchat funcs types", () => {
  it("take the client method's params and return its result", () => {
    expectTypeOf(applicationMessagesCreate).parameter(0).toEqualTypeOf<NimchatApplicationCore>();
    expectTypeOf(applicationMessagesCreate).parameter(1).toEqualTypeOf<Parameters<NimchatApplicationApi["messages"]["create"]>[0]>();
    expectTypeOf(applicationMessagesCreate).returns.toEqualTypeOf<ReturnType<NimchatApplicationApi["messages"]["create"]>>();
    expectTypeOf(applicationContactsListIterate).returns.toEqualTypeOf<ReturnType<NimchatApplicationApi["contacts"]["list"]["iterate"]>>();
    expectTypeOf(publicContactsCreate).parameter(0).toEqualTypeOf<NimchatPublicCore>();
    expectTypeOf(publicMessagesList).parameter(1).toEqualTypeOf<Parameters<NimchatPublicApi["messages"]["list"]>[0]>();
    expectTypeOf(platformAccountsCreate).returns.toEqualTypeOf<ReturnType<NimchatPlatformApi["accounts"]["create"]>>();
  });

  it("refuse another API's core", () => {
    const chat = createNimchatPublicCore({ baseUrl: "https://chat.example.com", inboxIdentifier: "i" });
    const platform = createNimchatPlatformCore({ baseUrl: "https://chat.example.com", platformToken: "t" });
    void publicContactsCreate(chat, { name: "Ada" });
    // @ts-expect-error a platform core is not a public one
    void publicContactsCreate(platform, { name: "Ada" });
    // @ts-expect-error a public core is not an application one
    void applicationMessagesCreate(chat, { conversation_id: 1, content: "Hi" });
  });
});
