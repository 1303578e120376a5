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

// "Types that chain": an id a response (or webhook) returns is passed to the next operation as it is,
// with no cast (`!` only asserts an element or optional field is present). Each `it` is one resource.
describe("ids chain from one operation to the next", () => {
  it("integrations: an integration's id is the integrationId of every other call", async () => {
    const [integration] = await desk360.integrations.list();
    expectTypeOf(integration!.id).toEqualTypeOf<number>();
    await desk360.templates.list({ integrationId: integration!.id });
    await desk360.messages.sendText({ integrationId: integration!.id, to: "+905551112233", text: "hi" });
    for await (const i of desk360.integrations.list.iterate()) await desk360.media.download({ integrationId: i.id, mediaId: "m" });
  });

  it("templates: a template's id and a translation's (or language's) id send it", async () => {
    const [t] = await desk360.templates.list({ integrationId: 12 });
    expectTypeOf(t!.id).toEqualTypeOf<number>();
    const destinations = [{ phone: "+905551112233" }];
    await desk360.templates.send({ integrationId: 12, template_id: t!.id, language_id: t!.translations![0]!.language_id!, destinations });
    await desk360.templates.sendBulk({ integrationId: 12, template_id: t!.id, language_id: t!.supported_languages![0]!.value!, destinations });
  });

  it("media: a sent or received file's media_id downloads it", async () => {
    const sent = await desk360.messages.sendMedia({ integrationId: 12, to: "+905551112233", attachments: [new Uint8Array([1])] });
    await desk360.media.download({ integrationId: 12, mediaId: sent.medias.images![0]!.media_id! });
    const event = parseDesk360Webhook("{}");
    if (event.kind === "image") await desk360.media.download({ integrationId: 12, mediaId: event.message.image!.media_id! });
  });

  it("messages: a received message's id marks it read", async () => {
    const event = parseDesk360Webhook("{}");
    if (event.kind === "text") await desk360.messages.markRead({ integrationId: 12, message_ids: [event.message.id] });
    if (event.kind === "location" || event.kind === "contacts") {
      expectTypeOf(event.message.id).toEqualTypeOf<string>();
      const read = await desk360.messages.markRead({ integrationId: 12, message_ids: [event.message.id] });
      await desk360.messages.markRead({ integrationId: 12, message_ids: read.message_ids! });
    }
  });
});
