/**
 * Request body encodings beyond JSON: forms with JSON-encoded fields, and multipart with bracket
 * notation for nested fields.
 * @module
 */
import { ValidationError } from "./errors.js";
import type { OperationMeta } from "./operation.js";

/** A file as callers may pass it: a `Blob`/`File`, or raw bytes. */
export type FileInput = Blob | Uint8Array | ArrayBuffer;

/** Whether `value` is a file (Blob, File, Uint8Array or ArrayBuffer). */
export function isFile(value: unknown): value is FileInput {
  return (typeof Blob !== "undefined" && value instanceof Blob) || value instanceof Uint8Array || value instanceof ArrayBuffer;
}

/** Whether a file appears anywhere in `value` (two levels of arrays/objects deep is enough for the specs). */
export function containsFile(value: unknown, depth = 0): boolean {
  if (isFile(value)) return true;
  if (depth > 4 || value === null || typeof value !== "object") return false;
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (containsFile(v, depth + 1)) return true;
  return false;
}

function toBlob(file: FileInput): Blob {
  if (file instanceof Blob) return file;
  return new Blob([file instanceof Uint8Array ? (file as Uint8Array<ArrayBuffer>) : new Uint8Array(file)]);
}

function scalar(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}

/**
 * `application/x-www-form-urlencoded` body; the fields named in `jsonFields` are JSON-encoded,
 * everything else is sent as its string form.
 */
export function toForm(body: Record<string, unknown>, jsonFields: readonly string[] = []): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    // A string in a JSON field is taken as already encoded (the spec allows either form).
    form.append(key, jsonFields.includes(key) && typeof value !== "string" ? JSON.stringify(value) : scalar(value));
  }
  return form;
}

/**
 * `multipart/form-data` body in the bracket notation PHP/Laravel APIs read: nested objects and
 * arrays become `a[0][b]` fields, an array of files becomes repeated `a[]` parts.
 */
export function toMultipart(body: Record<string, unknown>): FormData {
  const form = new FormData();
  // The objects being encoded, outermost first: one that contains itself would recurse for ever.
  const ancestors: object[] = [];
  const put = (name: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (typeof value === "object" && !isFile(value)) {
      if (ancestors.includes(value)) {
        throw new ValidationError([{ path: name, message: "cannot be encoded: it contains itself (a circular reference)" }], { subject: "request body" });
      }
      ancestors.push(value);
      try {
        putObject(name, value);
      } finally {
        ancestors.pop();
      }
      return;
    }
    if (isFile(value)) {
      const blob = toBlob(value);
      const filename = typeof File !== "undefined" && value instanceof File ? value.name : name.replace(/\W+/g, "_") || "file";
      form.append(name, blob, filename);
    } else {
      // PHP/Laravel reads booleans in forms as 1/0 ("true"/"false" fail its boolean rule).
      form.append(name, typeof value === "boolean" ? (value ? "1" : "0") : String(value));
    }
  };
  const putObject = (name: string, value: object): void => {
    if (Array.isArray(value)) {
      const allFiles = value.length > 0 && value.every(isFile);
      value.forEach((v, i) => put(allFiles ? `${name}[]` : `${name}[${i}]`, v));
    } else {
      for (const [k, v] of Object.entries(value)) put(`${name}[${k}]`, v);
    }
  };
  for (const [key, value] of Object.entries(body)) put(key, value);
  return form;
}

/**
 * A request body encoding other than JSON, as an operation carries it (`encoders` of its
 * {@link OperationMeta}): the generator references the ones an operation needs, so a bundle of
 * operations without a form or multipart body holds neither encoder.
 */
export interface BodyEncoder {
  /** Encodes the body params. */
  encode(body: Record<string, unknown>, op: OperationMeta): URLSearchParams | FormData;
  /** The `Content-Type` to send (none for multipart: fetch sets it, with the boundary). */
  readonly contentType?: string;
  /** For an encoding used only when it must be (multipart next to JSON): whether this body needs it. */
  needed?(body: Record<string, unknown>): boolean;
}

/** `multipart/form-data` ({@link toMultipart}), chosen next to JSON only when a file is in the body. */
export const multipartEncoder: BodyEncoder = { encode: (body) => toMultipart(body), needed: (body) => containsFile(body) };

/** `application/x-www-form-urlencoded` ({@link toForm}), with the operation's JSON-encoded fields. */
export const formEncoder: BodyEncoder = { encode: (body, op) => toForm(body, op.jsonFields), contentType: "application/x-www-form-urlencoded" };
