// Records which operations a contract test run called (from the client's logger), so that
// scripts/uncalled-operations.mjs can list the spec operations no contract test calls.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A logger that records every operationId that got an HTTP response. */
/** The part of a client log event this recorder reads. */
interface LogEvent {
  readonly event: string;
  readonly operationId?: string | undefined;
}

export function operationRecorder(): { logger: (e: LogEvent) => void; called: Set<string>; save(dir: string): void } {
  const called = new Set<string>();
  return {
    called,
    logger: (e) => {
      if (e.event === "response" && e.operationId) called.add(e.operationId);
    },
    save(dir) {
      mkdirSync(join(dir, "coverage"), { recursive: true });
      writeFileSync(join(dir, "coverage", "operations-called.json"), `${JSON.stringify([...called].sort(), null, 2)}\n`);
    },
  };
}
