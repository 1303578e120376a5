// Derives a Prism-friendly copy of a spec whose operations take `multipart/form-data` bodies.
//
// Prism 5.14 cannot read PHP bracket notation (`destinations[0][phone]`, repeated `attachments[]`):
// it only maps part names equal to schema property names, and a repeated part keeps its last value.
// The contract tests therefore send multipart bodies through scripts/vitest/bracket-proxy.mjs, which
// rebuilds the nested object and forwards it to Prism as JSON. This module writes the spec Prism
// then mocks: the original, unchanged, plus for every operation with a multipart request body a
// "shadow" operation under MULTIPART_PATH_PREFIX + <path> that is identical (parameters, security,
// responses and their examples) except that its request body is `application/json` with the
// multipart schema, files (`format: binary`) becoming non-empty strings matching `^file:` (the
// proxy sends a placeholder `file:<name>;type=<mime>;bytes=<n>` for each file part).
//
// Why a shadow path rather than an extra content type on the same operation: Prism matches a
// request's Content-Type against the spec's media types by type and subtype only, ignoring a
// structured-syntax suffix (`application/vnd.x+json` matches `application/json` and vice versa).
// A `+json` vendor type would be validated against the operation's existing JSON schema (e.g.
// templates.sendBulk's JSON body requires `destinations`, its multipart body does not), and adding
// `application/json` to a multipart-only operation (messages.sendMedia) would make Prism accept
// JSON bodies the real API refuses. A separate path keeps every original operation exactly as is.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parse } from "yaml";

/** Path prefix of the shadow operations (the proxy rewrites translated requests to it). */
export const MULTIPART_PATH_PREFIX = "/__inboxkit_multipart_as_json";
/** Suffix of the derived component schemas (the ones that contain a file somewhere). */
export const DERIVED_SCHEMA_SUFFIX = "__MultipartAsJson";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const MULTIPART = "multipart/form-data";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Resolves a local JSON pointer (`#/components/schemas/X`) in `doc`; undefined if it does not. */
export function resolvePointer(doc, ref) {
  if (typeof ref !== "string" || !ref.startsWith("#")) return undefined;
  const parts = ref.slice(1).split("/").slice(1).map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"));
  let node = doc;
  for (const part of parts) {
    if (node === null || typeof node !== "object" || !(part in node)) return undefined;
    node = node[part];
  }
  return node;
}

/** Follows `$ref`s (local only) until a non-reference object. */
export function deref(doc, node, depth = 0) {
  while (isObject(node) && typeof node.$ref === "string" && depth++ < 32) {
    const target = resolvePointer(doc, node.$ref);
    if (target === undefined) throw new Error(`Unresolvable $ref ${node.$ref}`);
    node = target;
  }
  return node;
}

/** Whether a schema describes a file part: `type: string` with `format: binary`. */
function isFileSchema(schema) {
  if (!isObject(schema) || schema.format !== "binary") return false;
  const t = schema.type;
  return t === undefined || t === "string" || (Array.isArray(t) && t.includes("string"));
}

// Keywords whose value is a schema, a list of schemas, or a map of schemas.
const SUB_SCHEMA = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems"];
const SUB_SCHEMA_LIST = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SUB_SCHEMA_MAP = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];

function eachSubSchema(schema, fn) {
  for (const k of SUB_SCHEMA) if (isObject(schema[k])) fn(schema[k]);
  if (Array.isArray(schema.items)) schema.items.forEach(fn);
  for (const k of SUB_SCHEMA_LIST) if (Array.isArray(schema[k])) schema[k].forEach(fn);
  for (const k of SUB_SCHEMA_MAP) if (isObject(schema[k])) Object.values(schema[k]).forEach(fn);
}

function mapSubSchemas(schema, fn) {
  const out = { ...schema };
  for (const k of SUB_SCHEMA) if (isObject(schema[k])) out[k] = fn(schema[k]);
  if (Array.isArray(schema.items)) out.items = schema.items.map(fn);
  for (const k of SUB_SCHEMA_LIST) if (Array.isArray(schema[k])) out[k] = schema[k].map(fn);
  for (const k of SUB_SCHEMA_MAP) if (isObject(schema[k])) out[k] = Object.fromEntries(Object.entries(schema[k]).map(([n, s]) => [n, fn(s)]));
  return out;
}

/**
 * Builds the schema transformer of one document. Schemas without a file anywhere are returned
 * as they are (same `$ref`s); a referenced component that contains a file gets a derived sibling
 * `<Name>__MultipartAsJson` added to `doc.components.schemas`, so every reference stays local.
 */
function createJsonifier(doc) {
  const hasFileMemo = new Map();
  const derivedNames = new Map();

  const hasFile = (schema, seen = new Set()) => {
    if (!isObject(schema)) return false;
    if (typeof schema.$ref === "string") {
      if (hasFileMemo.has(schema.$ref)) return hasFileMemo.get(schema.$ref);
      if (seen.has(schema.$ref)) return false;
      seen.add(schema.$ref);
      const result = hasFile(resolvePointer(doc, schema.$ref), seen);
      if (seen.size === 1) hasFileMemo.set(schema.$ref, result);
      seen.delete(schema.$ref);
      return result;
    }
    if (isFileSchema(schema)) return true;
    let found = false;
    eachSubSchema(schema, (s) => {
      found ||= hasFile(s, seen);
    });
    return found;
  };

  const jsonify = (schema, depth = 0) => {
    if (!isObject(schema)) return schema;
    if (depth > 64) throw new Error("Schema nesting too deep (cyclic inline $ref?)");
    if (typeof schema.$ref === "string") {
      if (!hasFile(schema)) return schema;
      const m = /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref);
      if (!m) return jsonify({ ...resolvePointer(doc, schema.$ref), ...withoutRef(schema) }, depth + 1);
      const name = decodeURIComponent(m[1]).replace(/~1/g, "/").replace(/~0/g, "~");
      if (!derivedNames.has(name)) {
        const derivedName = `${name}${DERIVED_SCHEMA_SUFFIX}`;
        derivedNames.set(name, derivedName); // set first: a recursive schema refers to itself
        doc.components.schemas[derivedName] = jsonify(doc.components.schemas[name], depth + 1);
      }
      return { ...schema, $ref: `#/components/schemas/${derivedNames.get(name)}` };
    }
    if (isFileSchema(schema)) {
      const { format: _f, contentMediaType: _m, contentEncoding: _e, ...rest } = schema;
      return {
        ...rest,
        type: "string",
        minLength: Math.max(1, schema.minLength ?? 0),
        pattern: "^file:", // a text part where a file belongs stays a bare string and fails
        description: `${schema.description ? `${schema.description} ` : ""}(Multipart file, sent by the test proxy as a \`file:<name>;type=<mime>;bytes=<n>\` placeholder.)`,
      };
    }
    return mapSubSchemas(schema, (s) => jsonify(s, depth + 1));
  };

  return { jsonify, hasFile };
}

function withoutRef(schema) {
  const { $ref: _r, ...rest } = schema;
  return rest;
}

/** The operations whose request body (after `$ref`s) offers `multipart/form-data`. */
export function findMultipartOperations(doc) {
  const found = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op) || !op.requestBody) continue;
      const body = deref(doc, op.requestBody);
      const mediaType = Object.keys(body?.content ?? {}).find((k) => k.split(";")[0].trim().toLowerCase() === MULTIPART);
      if (mediaType) found.push({ path, method, operationId: op.operationId, mediaType });
    }
  }
  return found;
}

/** Reads a spec file (YAML or JSON). */
export async function readSpec(specPath) {
  return parse(await readFile(specPath, "utf8"), { maxAliasCount: -1 });
}

/** Whether the spec at `specPath` has any `multipart/form-data` request body. */
export async function specHasMultipart(specPath) {
  return findMultipartOperations(await readSpec(specPath)).length > 0;
}

/** Makes relative `$ref`s to other files absolute (the derived spec is written elsewhere). */
function absolutizeExternalRefs(node, baseDir) {
  if (Array.isArray(node)) node.forEach((n) => absolutizeExternalRefs(n, baseDir));
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string" && !v.startsWith("#") && !/^[a-z][a-z0-9+.-]*:/i.test(v)) {
        const [file, fragment] = v.split("#");
        node[k] = `${isAbsolute(file) ? file : resolve(baseDir, file)}${fragment !== undefined ? `#${fragment}` : ""}`;
      } else absolutizeExternalRefs(v, baseDir);
    }
  }
}

/**
 * Derives the document in memory (see the module comment). Returns the new document and the
 * shadow operations it added: `{ path, method, operationId, shadowPath }`.
 */
export function deriveDocument(original) {
  const doc = structuredClone(original);
  const operations = findMultipartOperations(doc);
  if (operations.length === 0) return { doc, operations: [] };
  doc.components ??= {};
  doc.components.schemas ??= {};
  const { jsonify } = createJsonifier(doc);
  const added = [];
  for (const { path, method, operationId, mediaType } of operations) {
    const shadowPath = `${MULTIPART_PATH_PREFIX}${path}`;
    if (doc.paths[shadowPath]?.[method]) throw new Error(`${shadowPath} already exists in the spec`);
    const item = doc.paths[path];
    const op = item[method];
    const body = deref(doc, op.requestBody);
    const multipart = body.content[mediaType];
    const { requestBody: _rb, ...rest } = structuredClone(op);
    const shadow = {
      ...rest,
      ...(operationId ? { operationId: `${operationId}${DERIVED_SCHEMA_SUFFIX}` } : {}),
      requestBody: {
        ...(body.description ? { description: body.description } : {}),
        required: body.required ?? false,
        content: { "application/json": { schema: jsonify(structuredClone(multipart.schema ?? {})) } },
      },
    };
    const shadowItem = (doc.paths[shadowPath] ??= {});
    for (const k of ["parameters", "servers", "summary", "description"]) if (item[k] !== undefined && shadowItem[k] === undefined) shadowItem[k] = structuredClone(item[k]);
    shadowItem[method] = shadow;
    added.push({ path, method, operationId, shadowPath });
  }
  return { doc, operations: added };
}

/**
 * Writes the derived copy of the spec at `specPath` to a new temp directory and returns its path
 * (`<tmp>/inboxkit-prism-XXXXXX/openapi.json`; the caller may remove the directory when done).
 * @param {string} specPath absolute, or relative to the current directory
 * @param {{ quiet?: boolean }} [options] `quiet`: no log line
 * @returns {Promise<string>}
 */
export async function derivePrismSpec(specPath, { quiet = false } = {}) {
  const abs = resolve(specPath);
  const original = await readSpec(abs);
  const { doc, operations } = deriveDocument(original);
  absolutizeExternalRefs(doc, dirname(abs));
  const dir = await mkdtemp(join(tmpdir(), "inboxkit-prism-"));
  const out = join(dir, "openapi.json");
  await writeFile(out, `${JSON.stringify(doc, null, 2)}\n`);
  if (!quiet) console.log(`[prism-spec] ${operations.length} multipart operation(s) shadowed as JSON under ${MULTIPART_PATH_PREFIX}: ${operations.map((o) => o.operationId ?? `${o.method} ${o.path}`).join(", ") || "none"} → ${out}`);
  return out;
}
