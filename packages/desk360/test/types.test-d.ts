// Type tests: the public signatures of the generated Desk360 client.
import { describe, expectTypeOf, it } from "vitest";
import { createDesk360Client, isDesk360Error, parseDesk360Webhook, type BinaryResult, type Desk360ErrorCode, type Desk360Schema } from "../src/index.js";

const desk360 = createDesk360Client({ token: "t" });

describe("generated methods", () => {
  it("merge path params and body fields into one typed object", async () => {
    const sent = await desk360.messages.sendText({ integrationId: 1, to: "+905551112233", text: "hi" });
    expectTypeOf(sent).toEqualTypeOf<Desk360Schema<"MessageSent">>();
    // @ts-expect-error integrationId is required
    void desk360.messages.sendText({ to: "+905551112233", text: "hi" });
    // @ts-expect-error text is a string
    void desk360.messages.sendText({ integrationId: 1, to: "+905551112233", text: 5 });
  });

  it("lists iterate their items; media downloads are bytes", async () => {
    expectTypeOf(desk360.integrations.list.iterate()).toEqualTypeOf<AsyncIterableIterator<Desk360Schema<"Integration">>>();
    expectTypeOf(await desk360.media.download({ integrationId: 1, mediaId: "m" })).toEqualTypeOf<BinaryResult>();
  });

  it("files are Blob or Uint8Array", () => {
    expectTypeOf(desk360.messages.sendMedia).parameter(0).toHaveProperty("attachments").toEqualTypeOf<(Blob | Uint8Array)[]>();
  });

  it("options are a token or credentials, not both", () => {
    createDesk360Client({ email: "a@b.co", password: "p" });
    // @ts-expect-error token and credentials together
    createDesk360Client({ token: "t", email: "a@b.co", password: "p" });
  });

  it("errors narrow to the documented codes", () => {
    const err: unknown = new Error();
    if (isDesk360Error(err)) expectTypeOf(err.code).toEqualTypeOf<Desk360ErrorCode | undefined>();
    if (isDesk360Error(err, "invalid_credentials")) expectTypeOf(err.code).toEqualTypeOf<"invalid_credentials" | undefined>();
    // @ts-expect-error not a documented code
    isDesk360Error(err, "no_such_code");
  });

  it("webhooks are a discriminated union", () => {
    const event = parseDesk360Webhook("{}");
    if (event.kind === "status") expectTypeOf(event.status.status).toEqualTypeOf<"delivered" | "read">();
    if (event.kind === "text") expectTypeOf(event.message.text).toEqualTypeOf<string>();
  });
});
