// Reads a vendor's spec (specs/<vendor>/openapi.yaml) for its tests: the documented examples, so that
// tests assert against the spec itself rather than against a copy of it.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

type Node = Record<string, any>;

/** What a test reads from one spec. */
export interface SpecReader {
  /** The parsed spec. */
  readonly spec: Node;
  /** Follows local `$ref`s. */
  deref(node: any): any;
  /** The operation object of an operationId, with its path and method. */
  operation(id: string): { path: string; method: string; op: Node };
  /** Every operationId of the spec, in spec order. */
  readonly operationIds: string[];
  /** The first example value of an operation's JSON response (`status`, default 200; undefined when it has no body). */
  responseExample(id: string, status?: string): unknown;
  /** The first example value of an operation's JSON request body. */
  requestExample(id: string): any;
  /** A component example's value by name (`#/components/examples/<name>`). */
  componentExample(name: string): any;
}

/** A reader of `specs/<vendor>/openapi.yaml`. */
export function specReader(vendor: string): SpecReader {
  const spec: Node = parse(readFileSync(new URL(`../../specs/${vendor}/openapi.yaml`, import.meta.url), "utf8"));
  const deref = (node: any): any => {
    let current = node;
    for (let depth = 0; current && typeof current === "object" && typeof current.$ref === "string" && depth < 32; depth++) {
      current = (current.$ref as string).slice(2).split("/").reduce((o: any, k: string) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
    }
    return current;
  };
  const operation = (id: string) => {
    for (const [path, item] of Object.entries<Node>(spec.paths)) {
      for (const [method, op] of Object.entries<Node>(item)) if (op?.operationId === id) return { path, method, op };
    }
    throw new Error(`no operation ${id} in specs/${vendor}/openapi.yaml`);
  };
  const operationIds: string[] = Object.values<Node>(spec.paths).flatMap((item) => Object.values<Node>(item).map((op) => op?.operationId).filter(Boolean));
  const responseExample = (id: string, status = "200"): unknown => {
    const response = deref(operation(id).op.responses?.[status]);
    const media = response?.content?.["application/json"];
    if (!media) return undefined;
    if (media.example !== undefined) return media.example;
    const first = Object.values<any>(media.examples ?? {})[0];
    if (!first) throw new Error(`${id}: its ${status} response has content but no example`);
    return deref(first).value;
  };
  const requestExample = (id: string): any => {
    const body = deref(operation(id).op.requestBody);
    const media = body?.content?.["application/json"];
    const first = Object.values<any>(media?.examples ?? {})[0];
    if (!first) throw new Error(`${id}: its JSON request body has no example`);
    return deref(first).value;
  };
  const componentExample = (name: string): any => deref(spec.components.examples[name]).value;
  return { spec, deref, operation, operationIds, responseExample, requestExample, componentExample };
}
