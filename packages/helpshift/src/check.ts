/**
 * The checks of the Helpshift client that the spec schema cannot express, run before anything is
 * sent (the runtime's VendorWiring `check` hook, after the schema validation).
 * @module
 */
import { validate, type OperationMeta, type Schema, type ValidationIssue } from "@inboxkit/runtime";
import { checkExpiryTime } from "./expiry.js";

const IDENTITY = ["uid", "email", "phone_number"] as const;

/**
 * The first `anyOf` branch of a JSON-encoded form field: its real (object/array) type. The spec
 * declares each such field as `anyOf: [real type, JSON string]`, so that callers may pass a value
 * they already encoded.
 */
function decodedSchema(op: OperationMeta, field: string): Schema | undefined {
  return op.schema?.properties?.[field]?.anyOf?.[0];
}

/**
 * Builds the `check` hook of the Helpshift client:
 * - a JSON-encoded field passed as a string (already encoded) must parse, and its content must match
 *   the field's real schema, since the schema alone accepts any string;
 * - `expiry.time` as a timestamp must be in the future (object or string form);
 * - `messages.getUnread` needs at least one of `uid`, `email` and `phone_number` (query parameters
 *   cannot carry an `anyOf` of `required` lists in OpenAPI).
 */
export function createCheck(table: readonly OperationMeta[], now: () => number = Date.now): (operationId: string, params: Record<string, unknown>) => ValidationIssue[] {
  const byId = new Map(table.map((op) => [op.id, op]));
  return (operationId, params) => {
    const issues: ValidationIssue[] = [];
    const op = byId.get(operationId);
    if (!op) return issues;
    const decoded: Record<string, unknown> = {};
    for (const field of op.jsonFields ?? []) {
      const value = params[field];
      if (typeof value !== "string") {
        decoded[field] = value;
        continue;
      }
      try {
        decoded[field] = JSON.parse(value);
      } catch {
        issues.push({ path: field, message: "must be valid JSON when passed as a string (or pass the object/array itself and the client encodes it)" });
        continue;
      }
      const schema = decodedSchema(op, field);
      if (schema) validate(schema, decoded[field], field, issues);
    }
    if ("expiry" in decoded) issues.push(...checkExpiryTime(decoded.expiry, "expiry", now()));
    if (operationId === "messages.getUnread" && IDENTITY.every((name) => params[name] === undefined || params[name] === "")) {
      issues.push({ path: "", message: "one of uid, email or phone_number is required to identify the player" });
    }
    return issues;
  };
}
