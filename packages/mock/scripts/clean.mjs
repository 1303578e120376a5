// Build step of @inboxkit/mock (before tsup): removes dist/, so the two tsup builds (library, CLI)
// never clean each other's output.
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

rmSync(fileURLToPath(new URL("../dist", import.meta.url)), { recursive: true, force: true });
