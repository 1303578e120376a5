// Unit tests of the helpers: expiry(), decodeQrCode() and browserUrl().
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { browserUrl, decodeQrCode, expiry, ValidationError } from "../src/index.js";

/** The error a call throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error("did not throw");
}

describe("expiry()", () => {
  it("builds the time and view-count variants", () => {
    expect(expiry("2h")).toEqual({ time: "2h" });
    expect(expiry("30m")).toEqual({ time: "30m" });
    expect(expiry("7d")).toEqual({ time: "7d" });
    const date = new Date(Date.now() + 86_400_000);
    expect(expiry(date)).toEqual({ time: date.getTime() });
    expect(expiry({ at: date })).toEqual({ time: date.getTime() });
    expect(expiry({ at: date.getTime(), views: 3 })).toEqual({ time: date.getTime(), viewcount: 3 });
    expect(expiry({ views: 10 })).toEqual({ viewcount: 10 });
    expect(expiry({ after: "6h", views: 1 })).toEqual({ time: "6h", viewcount: 1 });
    expect(expiry({ views: 32767 })).toEqual({ viewcount: 32767 });
  });

  it("rejects what Helpshift would not take", () => {
    expect(thrown(() => expiry(new Date(Date.now() - 1000))).issues).toEqual([{ path: "expiry.at", message: expect.stringMatching(/^must be in the future \(got \d{4}-\d\d-\d\dT/) }]);
    expect(thrown(() => expiry({ at: Math.floor(Date.now() / 1000) + 3600 })).message).toMatch(/expiry\.at: must be in the future .*looks like seconds, Helpshift wants milliseconds/);
    expect(thrown(() => expiry(new Date("not a date"))).message).toMatch(/expiry\.at: must be a valid Date/);
    expect(thrown(() => expiry({ at: 1.5 })).message).toMatch(/expiry\.at: must be a valid Date or a whole Unix timestamp/);
    expect(thrown(() => expiry("2 hours" as never)).message).toMatch(/expiry\.after: must be a positive whole number followed by m, h or d.*got "2 hours"/);
    expect(thrown(() => expiry("0h")).message).toMatch(/expiry\.after: must be a positive whole number/);
    expect(thrown(() => expiry("2w" as never)).message).toMatch(/expiry\.after/);
    expect(thrown(() => expiry({ views: 0 })).message).toMatch(/expiry\.views: must be a whole number from 1 to 32767 \(got 0\)/);
    expect(thrown(() => expiry({ views: 32768 })).message).toMatch(/expiry\.views: .*\(got 32768\)/);
    expect(thrown(() => expiry({ views: 2.5 })).message).toMatch(/expiry\.views/);
    expect(thrown(() => expiry({ at: new Date(Date.now() + 1000), after: "1h" })).message).toMatch(/expiry: takes either `at` or `after`, not both/);
    expect(thrown(() => expiry({})).message).toMatch(/expiry: needs a time/);
    expect(thrown(() => expiry(undefined as never)).message).toMatch(/expiry: needs a time/);
    const both = thrown(() => expiry({ at: Date.now() - 5000, views: 0 }));
    expect(both.issues.map((i) => i.path).sort()).toEqual(["expiry.at", "expiry.views"]);
  });
});

describe("expiry(): exact results and messages", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("returns only the fields it was given (no keys holding undefined)", () => {
    // A key holding undefined would still override a default in `{ ...defaults, ...expiry(…) }`.
    expect(Object.keys(expiry("2h"))).toEqual(["time"]);
    expect(Object.keys(expiry({ views: 10 }))).toEqual(["viewcount"]);
    expect(Object.keys(expiry(new Date(Date.now() + 60_000)))).toEqual(["time"]);
    expect({ ...{ time: "1d" }, ...expiry({ views: 3 }) }).toEqual({ time: "1d", viewcount: 3 });
  });

  it("reports each problem once, under its path, as an invalid Helpshift expiry", () => {
    expect(thrown(() => expiry({ at: new Date(Date.now() + 60_000), after: "1h" })).issues).toEqual([{ path: "expiry", message: "takes either `at` or `after`, not both" }]);
    expect(thrown(() => expiry({})).message).toBe('Invalid Helpshift expiry: expiry: needs a time (a duration such as "2h", or a Date) and/or `views`');
    // An invalid Date is that one problem, not also "needs a time".
    expect(thrown(() => expiry(new Date("not a date"))).issues).toEqual([{ path: "expiry.at", message: "must be a valid Date or a whole Unix timestamp in milliseconds" }]);
  });

  it("takes a time as in the future only after now, and hints at seconds only when read as seconds it would be", () => {
    const NOW = 1_800_000_000_000; // 2027-01-15T08:00:00.000Z
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const message = (at: number) => thrown(() => expiry({ at })).message;
    expect(expiry({ at: NOW + 1 })).toEqual({ time: NOW + 1 });
    expect(message(NOW)).toBe("Invalid Helpshift expiry: expiry.at: must be in the future (got 2027-01-15T08:00:00.000Z)");
    // Past timestamps in milliseconds: no seconds hint, down to 1e11 (1973), where seconds begin.
    expect(message(1_577_836_800_000)).toBe("Invalid Helpshift expiry: expiry.at: must be in the future (got 2020-01-01T00:00:00.000Z)");
    expect(message(1e11)).toBe("Invalid Helpshift expiry: expiry.at: must be in the future (got 1973-03-03T09:46:40.000Z)");
    // Seconds that are in the past as seconds too (2001; now itself): no hint either.
    expect(message(1_000_000_000)).toBe("Invalid Helpshift expiry: expiry.at: must be in the future (got 1970-01-12T13:46:40.000Z)");
    expect(message(NOW / 1000)).toBe("Invalid Helpshift expiry: expiry.at: must be in the future (got 1970-01-21T20:00:00.000Z)");
    expect(message(NOW / 1000 + 1)).toBe(
      "Invalid Helpshift expiry: expiry.at: must be in the future (got 1970-01-21T20:00:00.001Z; this looks like seconds, Helpshift wants milliseconds)",
    );
  });

  it("shows a time outside the range of a Date as the number it is", () => {
    expect(thrown(() => expiry({ at: -8.64e15 })).message).toBe("Invalid Helpshift expiry: expiry.at: must be in the future (got -271821-04-20T00:00:00.000Z)");
    expect(thrown(() => expiry({ at: -1e16 })).message).toBe("Invalid Helpshift expiry: expiry.at: must be in the future (got -10000000000000000)");
  });
});

// The PNG of the vendor doc, as the spec's example carries it.
const spec = parse(readFileSync(new URL("../../../specs/helpshift/openapi.yaml", import.meta.url), "utf8"));
const examples = spec.paths["/v1/{domain}/console/qrcode"].post.responses["201"].content["application/json"].examples;
const PNG_DATA_URL: string = examples.png.value.qrcode;
const SVG: string = examples.svg.value.qrcode;
const PNG_BASE64 = PNG_DATA_URL.slice("data:image/png;base64,".length);

describe("decodeQrCode()", () => {
  it("decodes a PNG data URL into its bytes (the same bytes Node's base64 decoder reads)", () => {
    const qr = decodeQrCode(PNG_DATA_URL);
    expect(qr.format).toBe("png");
    expect(qr.mimeType).toBe("image/png");
    expect(qr.bytes).toEqual(new Uint8Array(Buffer.from(PNG_BASE64, "base64")));
    expect([...qr.bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height of the doc's QR code, 330 x 330.
    const view = new DataView(qr.bytes.buffer, qr.bytes.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([330, 330]);
    expect(qr.dataUrl).toBe(PNG_DATA_URL);
  });

  it("takes the response object, and base64 wrapped over lines as the vendor doc prints it", () => {
    const wrapped = `data:image/png;base64,${PNG_BASE64.replace(/(.{80})/g, "$1\n")}`;
    expect(wrapped).toContain("\n");
    const qr = decodeQrCode({ qrcode: wrapped });
    expect(qr.bytes).toEqual(decodeQrCode(PNG_DATA_URL).bytes);
    expect(qr.dataUrl).toBe(PNG_DATA_URL);
    expect(decodeQrCode(`DATA:IMAGE/PNG;BASE64,${PNG_BASE64}`).format).toBe("png");
  });

  it("returns SVG markup as text, bytes and a data URL", () => {
    const qr = decodeQrCode({ qrcode: SVG });
    if (qr.format !== "svg") throw new Error("expected svg");
    expect(qr.svg).toBe(SVG);
    expect(qr.mimeType).toBe("image/svg+xml");
    expect(new TextDecoder().decode(qr.bytes)).toBe(SVG);
    expect(qr.dataUrl.startsWith("data:image/svg+xml;charset=utf-8,%3Csvg")).toBe(true);
    expect(decodeURIComponent(qr.dataUrl.slice(qr.dataUrl.indexOf(",") + 1))).toBe(SVG);
    const prolog = `<?xml version="1.0" encoding="UTF-8"?>\n${SVG}`;
    expect(decodeQrCode(`  ${prolog}\n`)).toMatchObject({ format: "svg", svg: prolog });
    expect(decodeQrCode(`data:image/svg+xml;base64,${btoa(SVG)}`)).toMatchObject({ format: "svg", svg: SVG });
    expect(decodeQrCode(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(SVG)}`)).toMatchObject({ format: "svg", svg: SVG });
  });

  it("rejects what is neither", () => {
    expect(thrown(() => decodeQrCode("")).message).toBe("Invalid Helpshift QR code: qrcode: is empty");
    expect(thrown(() => decodeQrCode("https://acme.helpshift.com/s/x")).message).toMatch(/neither a PNG data URL nor SVG markup/);
    expect(thrown(() => decodeQrCode("<html><svg></svg></html>")).message).toMatch(/neither/);
    expect(thrown(() => decodeQrCode("data:image/gif;base64,R0lGODlhAQABAAAAACw=")).message).toMatch(/data URL of "image\/gif", expected image\/png or image\/svg\+xml/);
    expect(thrown(() => decodeQrCode("data:image/png;base64,@@@not-base64@@@")).message).toMatch(/is not valid base64/);
    expect(thrown(() => decodeQrCode(`data:image/png;base64,${btoa("GIF89a, not a png")}`)).message).toMatch(/no PNG signature/);
    expect(thrown(() => decodeQrCode("data:image/png,rawbytes")).message).toMatch(/without ;base64/);
    expect(thrown(() => decodeQrCode("data:image/svg+xml,%E0%A4%A")).message).toMatch(/not a valid SVG data URL/);
  });
});

describe("decodeQrCode(): edge cases", () => {
  const PNG = new Uint8Array(Buffer.from(PNG_BASE64, "base64"));
  const pngDataUrl = (bytes: Uint8Array) => `data:image/png;base64,${Buffer.from(bytes).toString("base64")}`;

  it("rejects nothing, a response without qrcode, or blanks as empty", () => {
    for (const value of [null, undefined, {}, { qrcode: 42 }, " \n\t "]) {
      expect(thrown(() => decodeQrCode(value as never)).message, JSON.stringify(value)).toBe("Invalid Helpshift QR code: qrcode: is empty");
    }
  });

  it("checks all eight bytes of the PNG signature, and needs no more than them", () => {
    // The signature's CR LF turned into LF by a text-mode transfer: a corrupted PNG.
    const mangled = new Uint8Array([...PNG.slice(0, 4), 0x0a, ...PNG.slice(6)]);
    expect(thrown(() => decodeQrCode(pngDataUrl(mangled))).message).toBe("Invalid Helpshift QR code: qrcode: does not hold a PNG image (no PNG signature)");
    expect(thrown(() => decodeQrCode(pngDataUrl(PNG.slice(0, 7)))).message).toMatch(/no PNG signature/);
    const signatureOnly = decodeQrCode(pngDataUrl(PNG.slice(0, 8)));
    expect(signatureOnly).toMatchObject({ format: "png", mimeType: "image/png" });
    expect([...signatureOnly.bytes]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it("names the problem of a bad data URL: base64 of an SVG, a missing media type", () => {
    expect(thrown(() => decodeQrCode("data:image/svg+xml;base64,@@@not-base64@@@")).message).toBe("Invalid Helpshift QR code: qrcode: is not valid base64");
    expect(thrown(() => decodeQrCode("data:,hello")).message).toBe('Invalid Helpshift QR code: qrcode: is a data URL of "text/plain", expected image/png or image/svg+xml');
  });

  it("decodes only a string that is a data URL, not one that contains one", () => {
    expect(thrown(() => decodeQrCode(`<img src="${PNG_DATA_URL}">`)).message).toBe("Invalid Helpshift QR code: qrcode: is neither a PNG data URL nor SVG markup");
  });

  it("recognizes SVG files as editors save them: XML declaration, comments and DOCTYPE, spaced or not", () => {
    const saved = [
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
      "<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In -->",
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
      SVG,
    ].join("\n");
    const compact = `<?xml version="1.0"?><!--QR--><!----><!DOCTYPE svg>${SVG}`;
    for (const text of [saved, compact]) {
      expect(decodeQrCode(text), text.slice(0, 60)).toMatchObject({ format: "svg", mimeType: "image/svg+xml", svg: text });
    }
  });
});

describe("browserUrl()", () => {
  it("returns the https shortlink, normalized", () => {
    expect(browserUrl({ url: "https://acme.helpshift.com/s/7Qx2mZ" })).toBe("https://acme.helpshift.com/s/7Qx2mZ");
    expect(browserUrl(" https://ACME.helpshift.com/s/7Qx2mZ?a=b c ")).toBe("https://acme.helpshift.com/s/7Qx2mZ?a=b%20c");
  });

  it("refuses anything a browser or shell should not be handed", () => {
    expect(thrown(() => browserUrl("http://acme.helpshift.com/s/x")).message).toBe('Invalid Helpshift support link: url: must use https, got "http:"');
    expect(thrown(() => browserUrl("javascript:alert(1)")).message).toMatch(/must use https, got "javascript:"/);
    expect(thrown(() => browserUrl("file:///etc/passwd")).message).toMatch(/must use https/);
    expect(thrown(() => browserUrl("/s/7Qx2mZ")).message).toMatch(/is not an absolute URL/);
    expect(thrown(() => browserUrl("https://user:pw@acme.helpshift.com/")).message).toMatch(/must not carry credentials/);
    expect(thrown(() => browserUrl({ url: "" })).message).toMatch(/is empty/);
    expect(thrown(() => browserUrl("https://player@acme.helpshift.com/s/x")).message).toBe("Invalid Helpshift support link: url: must not carry credentials");
    expect(thrown(() => browserUrl("https://:pw@acme.helpshift.com/s/x")).message).toMatch(/must not carry credentials/);
  });

  it("takes nothing, a response without url, or blanks as empty", () => {
    for (const value of [null, undefined, {}, { url: 42 }, "  \n "]) {
      expect(thrown(() => browserUrl(value as never)).message, JSON.stringify(value)).toBe("Invalid Helpshift support link: url: is empty");
    }
  });

  it("drops whitespace around the link that the URL parser would keep (a no-break space copied from a page)", () => {
    expect(browserUrl("https://acme.helpshift.com/s/7Qx2mZ\u00a0")).toBe("https://acme.helpshift.com/s/7Qx2mZ");
    expect(browserUrl({ url: "\ufeffhttps://acme.helpshift.com/s/7Qx2mZ" })).toBe("https://acme.helpshift.com/s/7Qx2mZ");
  });
});
