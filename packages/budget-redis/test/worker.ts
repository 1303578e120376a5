// One worker process of the multi-process tests (bundled by harness.ts, run with fork): a client of
// a small fake vendor whose budget lives in Redis, through its own ioredis connection. Commands
// arrive over IPC; WORKER_CONFIG (JSON) says where Redis and the API are and which budget to keep.
import { Redis } from "ioredis";
import { createApiClient, type OperationMeta, type VendorMeta } from "@inboxkit/runtime";
import { createRedisBudgetStore } from "../src/index.js";

export interface WorkerConfig {
  readonly redisUrl: string;
  readonly apiUrl: string;
  readonly key: string;
  readonly requests: number;
  readonly intervalMs: number;
  readonly leaseMs?: number;
  readonly waitOnRateLimit?: number;
  readonly onStoreError?: "fail" | "local";
}
export type WorkerCommand = { cmd: "send"; texts: string[]; concurrency: number };
export interface SendResult {
  readonly text: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly message?: string;
  /** Wall-clock ms (Date.now) when the call started and when it ended. */
  readonly started: number;
  readonly ended: number;
}
export type WorkerReply = { cmd: "ready" } | { cmd: "sent"; results: SendResult[] };

const vendor: VendorMeta = { name: "Acme", errorCode: ["error", "code"], errorMessage: ["error", "message"] };
const table: OperationMeta[] = [{ id: "messages.send", method: "POST", path: "/messages", idempotent: false, body: ["json"] }];
type Api = { messages: { send: (params: { text: string }) => Promise<unknown> } };

async function main(): Promise<void> {
  const config = JSON.parse(process.env.WORKER_CONFIG ?? "{}") as WorkerConfig;
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on("error", () => undefined);
  await redis.ping();
  const store = createRedisBudgetStore({ redis, ...(config.leaseMs ? { leaseMs: config.leaseMs } : {}) });
  const client = createApiClient<{}, Api>(vendor, table, {
    baseUrl: config.apiUrl,
    retry: false,
    requestBudget: { requests: config.requests, intervalMs: config.intervalMs },
    budgetStore: store,
    budgetKey: config.key,
    waitOnRateLimit: config.waitOnRateLimit ?? 0,
    ...(config.onStoreError ? { onStoreError: config.onStoreError } : {}),
  });
  process.on("message", async (command: WorkerCommand) => {
    if (command.cmd !== "send") return;
    const results: SendResult[] = [];
    let next = 0;
    const caller = async () => {
      while (next < command.texts.length) {
        const text = command.texts[next++] as string;
        const started = Date.now();
        try {
          await client.messages.send({ text });
          results.push({ text, ok: true, started, ended: Date.now() });
        } catch (error) {
          const e = error as Error;
          results.push({ text, ok: false, error: e.name, message: e.message, started, ended: Date.now() });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, command.concurrency) }, caller));
    process.send?.({ cmd: "sent", results } satisfies WorkerReply);
  });
  process.on("SIGTERM", () => {
    redis.disconnect();
    process.exit(0);
  });
  process.on("disconnect", () => process.exit(0));
  process.send?.({ cmd: "ready" } satisfies WorkerReply);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
