// What an operation's request must look like on the wire, from its table entry and the caller's
// params, as specs/README.md documents it: the path template with each path parameter substituted
// (percent-encoded, bound ones from the client), the query (arrays repeat the name, objects in
// `name[key]` form), and the body in the table's encoding: JSON; a form whose `jsonFields` travel
// JSON-encoded; multipart in bracket notation with `name[]` for an array of files and 1/0 for booleans.
import { isDeepStrictEqual } from "node:util";
import type { OperationMeta } from "../../../packages/runtime/src/index.js";

/** A request as the recording fetch saw it. */
export interface Recorded {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: unknown;
}

const isFile = (v: unknown): v is Blob | Uint8Array | ArrayBuffer => v instanceof Blob || v instanceof Uint8Array || v instanceof ArrayBuffer;
const hasFile = (v: unknown): boolean => isFile(v) || (v !== null && typeof v === "object" && Object.values(v).some(hasFile));
const bytesOf = async (v: Blob | Uint8Array | ArrayBuffer): Promise<number[]> => [...(v instanceof Blob ? new Uint8Array(await v.arrayBuffer()) : v instanceof Uint8Array ? v : new Uint8Array(v))];
/** JSON's view of a value (what JSON.stringify sends). */
const asJson = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** Which encoding the table says this call's body travels in, or `undefined` for none. */
export function bodyKind(op: OperationMeta, body: Record<string, unknown>): "json" | "form" | "multipart" | undefined {
  if (!op.body) return undefined;
  if (op.body.includes("multipart") && (op.body.length === 1 || hasFile(body))) return "multipart";
  return op.body[0];
}

/** The params split as the table says: path, query and body. */
export function split(op: OperationMeta, params: Record<string, unknown>) {
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (op.pathParams?.includes(k)) path[k] = v;
    else if (op.queryParams?.includes(k)) query[k] = v;
    else body[k] = v;
  }
  return { path, query, body };
}

/** The multipart parts the documented bracket notation gives for `body`. */
function bracketParts(body: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  const put = (name: string, v: unknown): void => {
    if (v === undefined || v === null) return;
    if (isFile(v)) out.push([name, v]);
    else if (Array.isArray(v)) {
      const files = v.length > 0 && v.every(isFile);
      v.forEach((x, i) => put(files ? `${name}[]` : `${name}[${i}]`, x));
    } else if (typeof v === "object") for (const [k, x] of Object.entries(v)) put(`${name}[${k}]`, x);
    else out.push([name, typeof v === "boolean" ? (v ? "1" : "0") : String(v)]);
  };
  for (const [k, v] of Object.entries(body)) put(k, v);
  return out;
}

/**
 * Every way `call` differs from what the table says for `params` (empty when it matches).
 * `base` is the client's baseUrl, `bound` the path parameters the client binds.
 */
export async function wireProblems(op: OperationMeta, params: Record<string, unknown>, call: Recorded, base: string, bound: Readonly<Record<string, string>>): Promise<string[]> {
  const problems: string[] = [];
  const { path, query, body } = split(op, params);
  if (call.method !== op.method) problems.push(`method ${call.method}, expected ${op.method}`);

  const expectedPath = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(name in bound ? bound[name] : path[name])));
  const [target, search = ""] = call.url.split("?");
  if (target !== `${base}${expectedPath}`) problems.push(`URL ${target}, expected ${base}${expectedPath}`);

  const expectedQuery: [string, string][] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const x of v) expectedQuery.push([k, String(x)]);
    else if (typeof v === "object") for (const [kk, x] of Object.entries(v)) expectedQuery.push([`${k}[${kk}]`, String(x)]);
    else expectedQuery.push([k, String(v)]);
  }
  const sentQuery = [...new URLSearchParams(search)];
  const sortPairs = (pairs: [string, string][]) => [...pairs].sort((a, b) => (a[0] + "\0" + a[1]).localeCompare(b[0] + "\0" + b[1]));
  if (!isDeepStrictEqual(sortPairs(sentQuery), sortPairs(expectedQuery))) problems.push(`query ${JSON.stringify(sentQuery)}, expected ${JSON.stringify(expectedQuery)}`);
  if (/[^A-Za-z0-9\-_.!~*'()%&=+[\]]/.test(search)) problems.push(`query not percent-encoded: ${search}`);

  const accept = op.response === "binary" ? "*/*" : "application/json";
  if (call.headers.get("accept") !== accept) problems.push(`Accept ${call.headers.get("accept")}, expected ${accept}`);

  const kind = bodyKind(op, body);
  const contentType = call.headers.get("content-type");
  if (kind === undefined) {
    if (call.body !== null && call.body !== undefined) problems.push(`a body was sent for an operation without one: ${String(call.body)}`);
  } else if (kind === "json") {
    if (contentType !== "application/json") problems.push(`Content-Type ${contentType}, expected application/json`);
    if (typeof call.body !== "string") problems.push(`JSON body is a ${typeof call.body}`);
    else if (!isDeepStrictEqual(JSON.parse(call.body), asJson(body))) problems.push(`JSON body ${call.body}, expected ${JSON.stringify(body)}`);
  } else if (kind === "form") {
    if (contentType !== "application/x-www-form-urlencoded") problems.push(`Content-Type ${contentType}, expected a form`);
    if (!(call.body instanceof URLSearchParams)) problems.push("form body is not URLSearchParams");
    else {
      const sent = [...call.body];
      const keys = Object.entries(body).filter(([, v]) => v !== undefined).map(([k]) => k);
      if (!isDeepStrictEqual(sent.map(([k]) => k), keys)) problems.push(`form fields ${sent.map(([k]) => k)}, expected ${keys}`);
      for (const [k, text] of sent) {
        const v = body[k];
        const json = op.jsonFields?.includes(k);
        if (typeof v === "string") {
          if (text !== v) problems.push(`form field ${k} = ${text}, expected ${v}`);
        } else if (json || (v !== null && typeof v === "object")) {
          let decoded: unknown;
          try {
            decoded = JSON.parse(text);
          } catch {
            problems.push(`form field ${k} is not JSON: ${text}`);
            continue;
          }
          if (!isDeepStrictEqual(decoded, asJson(v))) problems.push(`form field ${k} = ${text}, expected ${JSON.stringify(v)} JSON-encoded`);
        } else if (text !== String(v)) problems.push(`form field ${k} = ${text}, expected ${String(v)}`);
      }
    }
  } else {
    if (contentType !== null) problems.push(`Content-Type ${contentType} set for multipart (fetch sets it, with the boundary)`);
    if (!(call.body instanceof FormData)) problems.push("multipart body is not FormData");
    else {
      const sent = [...call.body.entries()];
      const expected = bracketParts(body);
      if (!isDeepStrictEqual(sent.map(([k]) => k), expected.map(([k]) => k))) problems.push(`multipart parts ${JSON.stringify(sent.map(([k]) => k))}, expected ${JSON.stringify(expected.map(([k]) => k))}`);
      else {
        for (let i = 0; i < sent.length; i++) {
          const [name, got] = sent[i] as [string, FormDataEntryValue];
          const want = (expected[i] as [string, unknown])[1];
          if (isFile(want)) {
            if (!(got instanceof Blob)) problems.push(`part ${name} is not a file`);
            else if (!isDeepStrictEqual(await bytesOf(got), await bytesOf(want))) problems.push(`part ${name} has other bytes`);
            else if (want instanceof File && (got as File).name !== want.name) problems.push(`part ${name} is named ${(got as File).name}, expected ${want.name}`);
          } else if (got !== want) problems.push(`part ${name} = ${String(got)}, expected ${String(want)}`);
        }
      }
    }
  }
  return problems;
}
