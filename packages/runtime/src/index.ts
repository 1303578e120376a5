/**
 * `@inboxkit/runtime`: the request pipeline shared by every InboxKit vendor client — typed errors,
 * retries with backoff, rate-limit tracking, request budgets (in memory or in a shared store),
 * timeouts, pagination, request validation, body encodings and webhook parsing — all driven by the
 * tables generated from the specs.
 * Runs anywhere `fetch` does: Node >= 18, browsers, Deno, Bun and edge runtimes.
 * @packageDocumentation
 */
export * from "./errors.js";
export { DEFAULT_RETRY, resolveRetry, backoffDelay, serverDelay, shouldRetryStatus, failedBeforeSending, type RetryOptions, type RetryPolicy } from "./retry.js";
export { RateLimitTracker, type RateLimitState } from "./rate-limit.js";
export {
  BudgetStoreError,
  MemoryBudgetStore,
  RequestBudget,
  createRequestBudget,
  requestBudget,
  type BudgetAcquireResult,
  type BudgetFactory,
  type BudgetSlot,
  type BudgetStore,
  type BudgetStoreErrorOptions,
  type MaybePromise,
  type ReleaseSlot,
  type RequestBudgetConfig,
  type RequestBudgetOptions,
  type RequestBudgetPlan,
  type SlotLease,
  type StoreErrorMode,
} from "./budget.js";
export { formatLogEvent, type LogEvent, type Logger } from "./logger.js";
export { getPath, requestIdOf, type OperationMeta, type PaginationMeta, type TimeCursorMeta, type VendorMeta } from "./operation.js";
export { DEFAULT_MAX_PAGES, iterateItems, iterateOperation, iteratePages, nextLink, operationPages, pageFetcher, type Page, type PageFetcher, type PagingContext, type PagingCore } from "./paginate.js";
export { follow, followOperation, iterateHistory, operationHistory } from "./time-cursor.js";
export { containsFile, formEncoder, isFile, multipartEncoder, toForm, toMultipart, type BodyEncoder, type FileInput } from "./serialize.js";
export { abortable, onAbort, sleep } from "./abort.js";
export { createTransport, PreparedRequest, type AuthHook, type TransportConfig } from "./transport.js";
export { checkSchema, type Check, type KeywordChecker, type Schema, type SchemaKeywords } from "./validate.js";
export { ALL_KEYWORDS, dateKeyword, dependentRequiredKeyword, jsonContentKeyword, unionKeyword, uniqueItemsKeyword, validate } from "./keywords.js";
export { decodeWebhookBody, parseWebhook, WebhookError, type ParseWebhookOptions, type WebhookBody, type WebhookMeta } from "./webhooks.js";
export { constantTimeEqual, urlSecretMatches } from "./secret.js";
export { tokenAuth, type TokenAuth, type TokenAuthOptions } from "./auth.js";
export { assertHeaderName, assertHeaders, assertHeaderValue } from "./headers.js";
export { checkBaseUrl, isLoopback } from "./url.js";
export { createApiCore, type ApiCore, type ClientCore, type ClientOptions, type CoreParts, type SentCall, type VendorWiring } from "./core.js";
export { clientParts, createApiClient, withOperations, type OperationIterators } from "./client.js";
export type { APIPromise, BinaryResult, Method, PagedMethod, RequestOptions, TimeCursorMethod, WithResponse } from "./types.js";
