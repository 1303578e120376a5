// Types of scripts/vitest/mock-server.mjs (imported by prism-setup.ts and packages/mock).

/** Options of {@link startMockServer}. */
export interface MockServerOptions {
  /** Absolute path of the vendor's spec. */
  readonly spec: string;
  /** Where callers connect (default 127.0.0.1). */
  readonly host?: string;
  /** Port callers connect to (default: a free one). */
  readonly port?: number;
  /** Prism's `--errors` (default true): invalid requests get an error instead of an example. */
  readonly errors?: boolean;
  /** How to run Prism's CLI (default: the repo's node_modules/.bin/prism). */
  readonly prismCommand?: string[];
  /** Prism's working directory. */
  readonly cwd?: string;
  /** No log lines of its own. */
  readonly quiet?: boolean;
  /** Prism's log once it listens. */
  readonly onPrismOutput?: (chunk: string) => void;
  /** Aborting it while the mock starts stops what has started and rejects. */
  readonly signal?: AbortSignal;
  /** Lists paged by a `Link` header or a `next` URL answer as their last page (the next-page pointer is dropped). */
  readonly singlePage?: boolean;
}
/** A running mock. */
export interface MockServer {
  readonly url: string;
  readonly port: number;
  readonly prismPid: number;
  /** Whether Prism runs behind the bracket proxy (the spec has multipart bodies). */
  readonly multipart: boolean;
  /** Stops the proxy, ends Prism's process group, removes the derived spec (idempotent). */
  stop(): Promise<void>;
  /** SIGKILLs Prism's process group at once (for a process `exit` hook). */
  kill(): void;
  /** Resolves when Prism exits. */
  readonly exited: Promise<number | null>;
}
/** Starts the mock of one spec and resolves once it answers. */
export declare function startMockServer(options: MockServerOptions): Promise<MockServer>;
