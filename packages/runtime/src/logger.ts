/**
 * The optional debug logger. Off by default; it receives method, path template, status, attempt and
 * waits, never headers or bodies, so it never sees a credential.
 * @module
 */

/** What a client reports to its logger. */
export interface LogEvent {
  /** `request` before an attempt, `response` after it, `retry` before a wait, `wait` for a rate-limit or budget pause, `error` for a failed attempt. */
  readonly event: "request" | "response" | "retry" | "wait" | "error";
  readonly operationId?: string | undefined;
  readonly method: string;
  /** The path template (never the full URL with query values). */
  readonly path: string;
  /** 1-based attempt number. */
  readonly attempt: number;
  readonly status?: number;
  readonly waitMs?: number;
  readonly durationMs?: number;
  /** Short, credential-free description (error class and message). */
  readonly message?: string;
}

/**
 * A logger: a function, which receives each structured {@link LogEvent}, or any object with a
 * `debug` method (such as `console`), which receives one formatted line per event and nothing else.
 */
export type Logger = ((event: LogEvent) => void) | { debug(message: string): void };

/** Formats an event as one line, e.g. `POST /mailboxes/list -> 200 (attempt 1, 12 ms)`. */
export function formatLogEvent(e: LogEvent): string {
  const head = `[inboxkit] ${e.method} ${e.path}`;
  switch (e.event) {
    case "request":
      return `${head} attempt ${e.attempt}`;
    case "response":
      return `${head} -> ${e.status} (attempt ${e.attempt}, ${e.durationMs} ms)`;
    case "retry":
      return `${head} retry in ${e.waitMs} ms after ${e.status ?? e.message} (attempt ${e.attempt})`;
    case "wait":
      return `${head} waiting ${e.waitMs} ms: ${e.message}`;
    case "error":
      return `${head} failed: ${e.message} (attempt ${e.attempt})`;
  }
}

/** Sends an event to a logger of either shape. */
export function emit(logger: Logger | undefined, event: LogEvent): void {
  if (!logger) return;
  if (typeof logger === "function") logger(event);
  // One concise line, not the line plus an object dump (console.debug prints every argument).
  else logger.debug(formatLogEvent(event));
}
