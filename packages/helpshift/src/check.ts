/**
 * The checks of the Helpshift client that the spec schema cannot express, run before anything is
 * sent (the runtime's VendorWiring `check` hook, after the schema validation).
 * @module
 */
import type { ValidationIssue } from "@inboxkit/runtime";
import { checkExpiryTime } from "./expiry.js";

const IDENTITY = ["uid", "email", "phone_number"] as const;

/**
 * Builds the `check` hook of the Helpshift client (the schema itself, through the runtime, already
 * checks the JSON-encoded fields, objects or strings via `contentSchema`):
 * - `expiry.time` as a timestamp must be in the future (object or string form);
 * - `messages.getUnread` needs at least one of `uid`, `email` and `phone_number` (query parameters
 *   cannot carry an `anyOf` of `required` lists in OpenAPI).
 */
export function createCheck(now: () => number = Date.now): (operationId: string, params: Record<string, unknown>) => ValidationIssue[] {
  return (operationId, params) => {
    const issues: ValidationIssue[] = [];
    let expiry = params.expiry;
    if (typeof expiry === "string") {
      try {
        expiry = JSON.parse(expiry);
      } catch {
        expiry = undefined; // reported by the schema check ("must be valid JSON")
      }
    }
    if (expiry !== undefined) issues.push(...checkExpiryTime(expiry, "expiry", now()));
    if (operationId === "messages.getUnread" && IDENTITY.every((name) => params[name] === undefined || params[name] === "")) {
      issues.push({ path: "", message: "one of uid, email or phone_number is required to identify the player" });
    }
    return issues;
  };
}
