/**
 * The `decodeQrCode` helper: turns the `qrcode` of a `webchat.createLink` response (a base64 PNG
 * Data URL, or SVG markup) into bytes with their media type, ready to save or display.
 * @module
 */
import { ValidationError } from "@inboxkit/runtime";

/** A PNG QR code (`format: "png"`, the default). */
export interface PngQrCode {
  readonly format: "png";
  /** `image/png`. */
  readonly mimeType: "image/png";
  /** The PNG file's bytes (write them to a `.png` file as they are). */
  readonly bytes: Uint8Array;
  /** A `data:` URL of the image, usable as an `<img src>`. */
  readonly dataUrl: string;
}

/** An SVG QR code (`format: "svg"`). */
export interface SvgQrCode {
  readonly format: "svg";
  /** `image/svg+xml`. */
  readonly mimeType: "image/svg+xml";
  /** The SVG markup. */
  readonly svg: string;
  /** The markup as UTF-8 bytes (write them to a `.svg` file as they are). */
  readonly bytes: Uint8Array;
  /** A `data:` URL of the image, usable as an `<img src>`. */
  readonly dataUrl: string;
}

/** A decoded QR code: PNG bytes, or SVG text. Both carry `bytes`, `mimeType` and a `dataUrl`. */
export type QrCode = PngQrCode | SvgQrCode;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const DATA_URL = /^data:([^,;]*)((?:;[^,;]*)*),([\s\S]*)$/i;

function invalid(message: string): ValidationError {
  return new ValidationError([{ path: "qrcode", message }], { subject: "Helpshift QR code" });
}

function fromBase64(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text.replace(/\s+/g, ""));
  } catch {
    throw invalid("is not valid base64");
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function svgCode(svg: string): SvgQrCode {
  return { format: "svg", mimeType: "image/svg+xml", svg, bytes: new TextEncoder().encode(svg), dataUrl: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` };
}

/**
 * Decodes the QR code of a `webchat.createLink` response.
 *
 * ```ts
 * const link = await helpshift.webchat.createLink({ app_id, uid: "player-48213" });
 * const qr = decodeQrCode(link);      // or decodeQrCode(link.qrcode)
 * if (qr.format === "png") await writeFile("support.png", qr.bytes);
 * else element.innerHTML = qr.svg;
 * img.src = qr.dataUrl;               // either format, in a browser
 * ```
 *
 * @param qrcode the response's `qrcode` string, or the response itself.
 * @throws {ValidationError} when it is neither a PNG Data URL (with a PNG signature) nor SVG markup.
 */
export function decodeQrCode(qrcode: string | { readonly qrcode: string }): QrCode {
  const text = typeof qrcode === "string" ? qrcode : qrcode?.qrcode;
  if (typeof text !== "string" || text.trim() === "") throw invalid("is empty");
  const trimmed = text.trim();
  const match = DATA_URL.exec(trimmed);
  if (match) {
    const mime = (match[1] ?? "").toLowerCase();
    const base64 = (match[2] ?? "").toLowerCase().split(";").includes("base64");
    const payload = match[3] ?? "";
    if (mime === "image/svg+xml") {
      let svg: string;
      try {
        svg = base64 ? new TextDecoder().decode(fromBase64(payload)) : decodeURIComponent(payload);
      } catch (e) {
        if (e instanceof ValidationError) throw e;
        throw invalid("is not a valid SVG data URL");
      }
      return svgCode(svg);
    }
    if (mime !== "image/png") throw invalid(`is a data URL of ${JSON.stringify(mime || "text/plain")}, expected image/png or image/svg+xml`);
    if (!base64) throw invalid("is a PNG data URL without ;base64");
    const bytes = fromBase64(payload);
    if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw invalid("does not hold a PNG image (no PNG signature)");
    return { format: "png", mimeType: "image/png", bytes, dataUrl: `data:image/png;base64,${payload.replace(/\s+/g, "")}` };
  }
  if (/^(?:<\?xml[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?<svg[\s>]/i.test(trimmed)) return svgCode(trimmed);
  throw invalid("is neither a PNG data URL nor SVG markup");
}
