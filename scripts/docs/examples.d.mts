// Types of scripts/docs/examples.mjs (imported by the repository tests).

/** Marks a file in an example value: `{ [FILE]: { name, type } }`. */
export declare const FILE: unique symbol;
/** The example request of one operation, as the generated method and the wire see it. */
export interface ExampleRequest {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly api: string | undefined;
  readonly pathParams: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly body: { mediaType: string; value: unknown; jsonFields: string[] } | undefined;
  /** The one object the generated method takes (path + query + body fields, bound params left out). */
  readonly params: Record<string, unknown>;
  readonly bound: string[];
  readonly schemes: string[];
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
/** Every operation of the spec's `paths`. */
export declare function pathOperations(doc: Doc): { path: string; method: string; item: Doc; op: Doc }[];
/** The example request of one operation. */
export declare function exampleRequest(doc: Doc, operation: { path: string; method: string; item: Doc; op: Doc }): ExampleRequest;
/** The first server URL with its variables set to their defaults. */
export declare function serverUrl(doc: Doc): string;
/** `path` with its parameters filled in (URL-encoded). */
export declare function fillPath(path: string, values: Record<string, unknown>): string;
/** A query string (`?a=1&b=x`). */
export declare function queryString(values: Record<string, unknown>): string;
/** The security scheme names an operation accepts ([] = no credential). */
export declare function schemesOf(doc: Doc, op: Doc): string[];
