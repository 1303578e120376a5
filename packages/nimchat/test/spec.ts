// The nimchat spec as its tests read it (scripts/vitest/spec-examples.ts).
import { specReader } from "../../../scripts/vitest/spec-examples.js";

export const { spec, deref, operation, operationIds, responseExample, requestExample, componentExample } = specReader("nimchat");
