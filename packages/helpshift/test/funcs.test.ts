// The standalone operation functions (`@inboxkit/helpshift/funcs`) over a core
// (`@inboxkit/helpshift/core`): the same request (form with JSON-encoded fields, HTTP Basic, bound
// domain) and result as the client method, and the same checks before sending.
import { describe, expect, it } from "vitest";
import { json, recorder } from "../../../scripts/vitest/funcs-harness.js";
import { createHelpshiftCore } from "../src/core.js";
import { messagesGetUnread, webchatCreateLink } from "../src/funcs.js";
import { createHelpshiftClient, ValidationError } from "../src/index.js";

const OPTIONS = { apiKey: "hs-key-0123", domain: "acme" };
const APP = "acme_platform_20210101000000000-abcdef0123456789";
const LINK = { url: "https://acme.helpshift.com/webchat/a/b", qrcode: "PHN2Zz48L3N2Zz4=" };

describe("helpshift funcs", () => {
  it("send the same form request as the client method and return the same data", async () => {
    const viaClient = recorder(() => json(LINK, 201));
    const viaFunc = recorder(() => json(LINK, 201));
    const params = { app_id: APP, format: "svg" as const, uid: "player-48213", tags: ["purchase", "vip"], custom_fields: { age: 23 } };
    const fromClient = await createHelpshiftClient({ ...OPTIONS, fetch: viaClient.fetch }).webchat.createLink(params);
    const fromFunc = await webchatCreateLink(createHelpshiftCore({ ...OPTIONS, fetch: viaFunc.fetch }), params);
    expect(fromFunc).toEqual(fromClient);
    expect(viaFunc.calls).toEqual(viaClient.calls);
    const sent = viaFunc.calls[0]!;
    expect(sent.method).toBe("POST");
    expect(sent.url).toBe("https://api.helpshift.com/v1/acme/console/qrcode");
    expect(sent.headers.authorization).toBe(`Basic ${btoa(`${OPTIONS.apiKey}:`)}`);
    expect(sent.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(sent.body).toEqual({ form: [["app_id", APP], ["format", "svg"], ["uid", "player-48213"], ["tags", '["purchase","vip"]'], ["custom_fields", '{"age":23}']] });
  });

  it("refuse bad parameters before sending, with the vendor's own checks", async () => {
    const { fetch, calls } = recorder(() => json(LINK, 201));
    const core = createHelpshiftCore({ ...OPTIONS, fetch });
    // @ts-expect-error app_id is required
    await expect(webchatCreateLink(core, { uid: "p" })).rejects.toThrow(ValidationError);
    // The check the schema cannot express: a player identity is needed.
    await expect(messagesGetUnread(core, { app_id: APP })).rejects.toThrow(/uid|email|phone_number/);
    expect(calls).toHaveLength(0);
    expect(() => createHelpshiftCore({ apiKey: "k", domain: "acme.helpshift.com" })).toThrow(/plain subdomain label/);
  });
});
