// Reads specs/nimchat/openapi.yaml for the tests: the documented examples, so that tests assert
// against the spec itself rather than against a copy.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

type Node = Record<string, any>;
export const spec: Node = parse(readFileSync(new URL("../../../specs/nimchat/openapi.yaml", import.meta.url), "utf8"));

/** Follows local `$ref`s. */
export function deref(node: any): any {
  let current = node;
  for (let depth = 0; current && typeof current === "object" && typeof current.$ref === "string" && depth < 32; depth++) {
    current = (current.$ref as string).slice(2).split("/").reduce((o: any, k: string) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  }
  return current;
}

/** The operation object of an operationId, with its path and method. */
export function operation(id: string): { path: string; method: string; op: Node } {
  for (const [path, item] of Object.entries<Node>(spec.paths)) {
    for (const [method, op] of Object.entries<Node>(item)) if (op?.operationId === id) return { path, method, op };
  }
  throw new Error(`no operation ${id} in the spec`);
}

/** Every operationId of the spec, in spec order. */
export const operationIds: string[] = Object.values<Node>(spec.paths).flatMap((item) => Object.values<Node>(item).map((op) => op?.operationId).filter(Boolean));

/** The first example value of an operation's 200 JSON response (undefined when the response has no body). */
export function responseExample(id: string): unknown {
  const response = deref(operation(id).op.responses?.["200"]);
  const media = response?.content?.["application/json"];
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values<any>(media.examples ?? {})[0];
  if (!first) throw new Error(`${id}: its 200 response has content but no example`);
  return deref(first).value;
}

/** The first example value of an operation's JSON request body. */
export function requestExample(id: string): any {
  const body = deref(operation(id).op.requestBody);
  const media = body?.content?.["application/json"];
  const first = Object.values<any>(media?.examples ?? {})[0];
  if (!first) throw new Error(`${id}: its JSON request body has no example`);
  return deref(first).value;
}

/** A component example's value by name (`#/components/examples/<name>`). */
export const componentExample = (name: string): any => deref(spec.components.examples[name]).value;
