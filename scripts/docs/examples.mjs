// The example request of an operation, taken from its spec: the path and query parameter examples and
// the first request-body example, flattened the way the generated methods take them (path + query +
// body fields in one object, the client's bound parameters left out). The docs' code samples
// (scripts/docs/code-samples.mjs) and the @inboxkit/mock test build their calls from it, so what a
// reader copies is what the spec documents.
//
// A parameter or required field without any example gets a value made up from its schema (default,
// first enum value, format, type); a file (`format: binary`) becomes a FILE marker that each renderer
// turns into its own form (a Blob in TypeScript, `@name` in curl).

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/** The body media types the generator prefers, in its order (scripts/generate.mjs PREFERRED_BODY). */
export const PREFERRED_BODY = ["multipart/form-data", "application/json", "application/x-www-form-urlencoded"];

/** Marks a file in an example value: `{ [FILE]: { name, type } }`. */
export const FILE = Symbol("inboxkit.file");

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Resolves local `$ref`s (`#/components/...`) until a non-reference node. */
export function deref(doc, node, depth = 0) {
  while (isObject(node) && typeof node.$ref === "string" && depth++ < 32) {
    if (!node.$ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${node.$ref}`);
    const target = node.$ref
      .slice(2)
      .split("/")
      .map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), doc);
    if (target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
    node = target;
  }
  return node;
}

/** Every operation of the spec's `paths`: `{ path, method, item, op }`. */
export function pathOperations(doc) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) if (isObject(item?.[method])) out.push({ path, method, item, op: item[method] });
  }
  return out;
}

/** The API (of `x-inboxkit.apis`) an operation belongs to, or undefined for a single-API spec. */
export function apiOf(doc, op) {
  return doc["x-inboxkit"]?.apis ? String(op.operationId).split(".")[0] : undefined;
}

/** The parameters the client binds for an operation (`x-inboxkit.boundParams`, or its API's). */
export function boundParamsOf(doc, op) {
  const x = doc["x-inboxkit"] ?? {};
  const api = apiOf(doc, op);
  return new Set(api !== undefined ? (x.apis?.[api]?.boundParams ?? []) : (x.boundParams ?? []));
}

/** The security scheme names an operation accepts ([] = no credential). */
export function schemesOf(doc, op) {
  const security = op.security ?? doc.security;
  if (!Array.isArray(security)) return Object.keys(doc.components?.securitySchemes ?? {});
  return [...new Set(security.flatMap((s) => Object.keys(s ?? {})))];
}

/** Whether a schema is a file (`format: binary`). */
function isFile(schema) {
  return isObject(schema) && (schema.format === "binary" || schema.contentMediaType === "application/octet-stream");
}

/** A sub-schema that is an object with properties, looking through allOf/oneOf/anyOf (first match). */
function objectSchema(doc, schema) {
  const s = deref(doc, schema);
  if (!isObject(s)) return undefined;
  if (isObject(s.properties) && !Array.isArray(s.allOf)) return s;
  const merged = { properties: { ...(s.properties ?? {}) }, required: [...(s.required ?? [])] };
  let found = isObject(s.properties);
  for (const sub of s.allOf ?? []) {
    const o = objectSchema(doc, sub);
    if (!o) continue;
    found = true;
    Object.assign(merged.properties, o.properties);
    merged.required.push(...(o.required ?? []));
  }
  if (found) return merged;
  for (const key of ["oneOf", "anyOf"]) for (const sub of s[key] ?? []) {
    const o = objectSchema(doc, sub);
    if (o) return o;
  }
  return undefined;
}

/** A value made up from a schema (for a required field or parameter without an example). */
export function sampleValue(doc, schema, name = "value", depth = 0) {
  const s = deref(doc, schema);
  if (!isObject(s) || depth > 8) return name;
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum.find((e) => e !== null) ?? s.enum[0];
  if (isFile(s)) return { [FILE]: { name: `${name}.bin`, type: s.contentMediaType ?? "application/octet-stream" } };
  for (const key of ["oneOf", "anyOf"]) if (Array.isArray(s[key]) && s[key].length) return sampleValue(doc, s[key][0], name, depth + 1);
  const types = Array.isArray(s.type) ? s.type.filter((t) => t !== "null") : [s.type];
  const type = types[0] ?? (s.properties || s.allOf ? "object" : s.items ? "array" : "string");
  switch (type) {
    case "integer":
    case "number":
      return typeof s.minimum === "number" ? s.minimum : typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum + 1 : 1;
    case "boolean":
      return true;
    case "array": {
      const n = Math.max(1, s.minItems ?? 1);
      return Array.from({ length: n }, (_, i) => sampleValue(doc, s.items ?? {}, `${name}${i ? i + 1 : ""}`, depth + 1));
    }
    case "object": {
      const o = objectSchema(doc, s);
      const out = {};
      for (const key of o?.required ?? []) out[key] = sampleValue(doc, o.properties?.[key] ?? {}, key, depth + 1);
      return out;
    }
    default:
      return { date: "2024-01-31", "date-time": "2024-01-31T12:00:00Z", email: "user@example.org", uri: "https://example.org", uuid: "00000000-0000-4000-8000-000000000000" }[s.format] ?? name;
  }
}

/** The example of a parameter (`example`, first of `examples`, its schema's), or undefined. */
function parameterExample(doc, p) {
  if (p.example !== undefined) return p.example;
  const first = Object.values(p.examples ?? {}).map((e) => deref(doc, e)).find((e) => e?.value !== undefined);
  if (first) return first.value;
  const s = deref(doc, p.schema);
  if (s?.example !== undefined) return s.example;
  if (Array.isArray(s?.examples) && s.examples.length) return s.examples[0];
  return undefined;
}

/** Replaces file fields of `value` (per `schema`) by FILE markers; other values stay as they are. */
function markFiles(doc, value, schema, name, depth = 0) {
  const s = deref(doc, schema);
  if (!isObject(s) || depth > 16) return value;
  if (isFile(s)) {
    const fileName = typeof value === "string" && /^[\w.-]+\.\w{1,5}$/.test(value) ? value : `${name}.${(s.contentMediaType ?? "").split("/")[1] || "bin"}`;
    return { [FILE]: { name: fileName, type: s.contentMediaType ?? "application/octet-stream" } };
  }
  if (Array.isArray(value)) return value.map((v, i) => markFiles(doc, v, s.items ?? objectSchema(doc, s)?.items ?? {}, `${name}${i ? i + 1 : ""}`, depth + 1));
  if (isObject(value)) {
    const o = objectSchema(doc, s);
    if (!o) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, o.properties?.[k] ? markFiles(doc, v, o.properties[k], k, depth + 1) : v]));
  }
  return value;
}

/** The media examples of a body's media type, in order. */
function mediaExamples(doc, media) {
  const out = [];
  if (media?.example !== undefined) out.push(media.example);
  for (const e of Object.values(media?.examples ?? {})) {
    const ex = deref(doc, e);
    if (ex?.value !== undefined) out.push(ex.value);
  }
  const s = deref(doc, media?.schema);
  if (s?.example !== undefined) out.push(s.example);
  return out;
}

/**
 * The example request of one operation.
 * @param {object} doc the whole spec
 * @param {{ path: string, method: string, item: object, op: object }} operation
 * @returns {{
 *   operationId: string, method: string, path: string, api: string | undefined,
 *   pathParams: Record<string, unknown>, query: Record<string, unknown>,
 *   body: { mediaType: string, value: Record<string, unknown> | unknown, jsonFields: string[] } | undefined,
 *   params: Record<string, unknown>, bound: string[], schemes: string[]
 * }} `params`: the one object the generated method takes
 */
export function exampleRequest(doc, { path, method, item, op }) {
  const bound = boundParamsOf(doc, op);
  const params = [...(item?.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p));
  const pathParams = {};
  const query = {};
  for (const p of params) {
    if (p.in !== "path" && p.in !== "query") continue;
    let value = parameterExample(doc, p);
    if (value === undefined && (p.required || p.in === "path")) value = sampleValue(doc, p.schema ?? {}, p.name);
    if (value === undefined) continue;
    (p.in === "path" ? pathParams : query)[p.name] = value;
  }
  let body;
  const requestBody = deref(doc, op.requestBody);
  if (requestBody?.content) {
    const types = Object.keys(requestBody.content);
    const chosen = PREFERRED_BODY.find((t) => types.includes(t)) ?? types[0];
    const media = requestBody.content[chosen];
    // The first example of the chosen media type, else of the others (in the spec's order).
    const candidates = [chosen, ...types.filter((t) => t !== chosen)].flatMap((t) => mediaExamples(doc, requestBody.content[t]));
    let value = candidates.length ? structuredClone(candidates[0]) : sampleValue(doc, media.schema ?? {}, "body");
    const schema = objectSchema(doc, media.schema ?? {});
    // An example borrowed from another media type keeps only what this one's schema has.
    if (schema && isObject(value) && !mediaExamples(doc, media).length) value = Object.fromEntries(Object.entries(value).filter(([k]) => k in (schema.properties ?? {})));
    if (schema && isObject(value)) for (const key of requestBody.required ? schema.required ?? [] : []) if (!(key in value)) value[key] = sampleValue(doc, schema.properties?.[key] ?? {}, key);
    value = markFiles(doc, value, media.schema ?? {}, "file");
    const jsonFields = Object.entries(media.encoding ?? {}).filter(([, e]) => e?.contentType === "application/json").map(([k]) => k);
    body = { mediaType: chosen, value, jsonFields };
  }
  const flat = {};
  for (const [k, v] of Object.entries(pathParams)) if (!bound.has(k)) flat[k] = v;
  Object.assign(flat, query);
  if (body && isObject(body.value)) Object.assign(flat, body.value);
  return {
    operationId: op.operationId,
    method: method.toUpperCase(),
    path,
    api: apiOf(doc, op),
    pathParams,
    query,
    body,
    params: flat,
    bound: [...bound],
    schemes: schemesOf(doc, op),
  };
}

/** The first server URL with its variables set to their defaults. */
export function serverUrl(doc) {
  const server = doc.servers?.[0];
  if (!server?.url) return "https://api.example.org";
  return server.url.replace(/\{([^}]+)\}/g, (_, name) => String(server.variables?.[name]?.default ?? name)).replace(/\/$/, "");
}

/** `path` with its parameters filled in from `values` (URL-encoded). */
export function fillPath(path, values) {
  return path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(String(values[name] ?? name)));
}

/** A query string (`?a=1&b=x`) from values; arrays repeat the name, objects travel as JSON. */
export function queryString(values) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const e of v) q.append(k, typeof e === "object" ? JSON.stringify(e) : String(e));
    else q.append(k, typeof v === "object" ? JSON.stringify(v) : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}
