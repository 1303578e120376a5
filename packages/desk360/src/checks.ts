/**
 * Desk360 rules the spec's JSON Schema cannot express, checked before anything is sent.
 * @module
 */
import type { ValidationIssue } from "@inboxkit/runtime";

/** The largest file Desk360 accepts, per attachment: 20 MB. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

function sizeOf(file: unknown): number | undefined {
  if (typeof Blob !== "undefined" && file instanceof Blob) return file.size;
  if (file instanceof Uint8Array || file instanceof ArrayBuffer) return file.byteLength;
  return undefined;
}

function checkFile(path: string, file: unknown, issues: ValidationIssue[]): void {
  const size = sizeOf(file);
  if (size !== undefined && size > MAX_ATTACHMENT_BYTES) issues.push({ path, message: `must be at most 20 MB (got ${(size / 1024 / 1024).toFixed(1)} MB)` });
}

/** Unique button titles and 20 MB files; called by the runtime for every Desk360 call. */
export function desk360Checks(operationId: string, params: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (operationId === "messages.sendInteractive" && Array.isArray(params.buttons)) {
    const seen = new Map<string, number>();
    params.buttons.forEach((button: unknown, i) => {
      const title = (button as { title?: unknown } | null)?.title;
      if (typeof title !== "string") return;
      const first = seen.get(title);
      if (first === undefined) seen.set(title, i);
      else issues.push({ path: `buttons[${i}].title`, message: `duplicates buttons[${first}].title ${JSON.stringify(title)}: titles must be unique` });
    });
  }
  if (Array.isArray(params.attachments)) params.attachments.forEach((f, i) => checkFile(`attachments[${i}]`, f, issues));
  if (params.attachment !== undefined) checkFile("attachment", params.attachment, issues);
  return issues;
}
