#!/usr/bin/env node
// What changed in a vendor's spec since its last release, for a user of its client, and the
// changeset that calls for.
//
//   pnpm spec:diff <vendor>            lists the changes and writes .changeset/spec-<vendor>-<short>.md
//   pnpm spec:diff <vendor> --check    fails unless the pending changesets cover them (the test flow)
//   pnpm spec:diff [--check]           every API of redocly.yaml
//
// The released spec is the one at the git tag `@inboxkit/<vendor>@<version>` (version from
// packages/<vendor>/package.json) if it exists, else at the commit that last changed that
// package.json's `version`, else at the first commit that added the spec. The current spec is the
// working tree's.
//
// @pb33f/openapi-changes was considered and not used: its npm package is a wrapper whose postinstall
// downloads a Go binary from GitHub releases (not reachable here, and pnpm blocks install scripts).
// So the two specs are compared here: local $refs dereferenced, per operation (by operationId), the
// flat parameters the generated method takes (path + query + body fields, as scripts/generate.mjs
// merges them), the request body schema, the success response schema (unwrapped from
// `x-inboxkit.envelope`), enums, required lists, types and constraints, plus webhooks.
//
// Breaking for a client user: an operation removed or renamed, a parameter or body field added as
// required or made required, a parameter or body field removed, a request type narrowed or changed,
// an enum value removed from a request, a request constraint tightened, a response field removed or
// made optional, a response type widened or changed, the response body gone, pagination removed, a
// webhook removed or its payload changed that way. Not breaking: additions (operation, optional
// parameter or field, enum value, response field, webhook), loosened request types and constraints,
// narrower responses. Bump: 0.x → minor when breaking, else patch; from 1.0 → major / minor.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const PREFERRED_BODY = ["multipart/form-data", "application/json", "application/x-www-form-urlencoded"];
const BUMPS = ["none", "patch", "minor", "major"];

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const code = (s) => `\`${s}\``;
const list = (values) => values.map((v) => code(JSON.stringify(v))).join(", ");

/**
 * @typedef {{ breaking: boolean, operation: string, message: string }} SpecChange
 *   `operation`: the operationId (or `webhook <name>`, or `api` for document-wide changes)
 */

// ---------------------------------------------------------------------------------------------
// Dereferencing

/** A resolver of local `$ref`s (`#/...`) of `doc`. */
function resolver(doc) {
  return (node) => {
    let n = node;
    for (let i = 0; i < 64 && isObject(n) && typeof n.$ref === "string"; i++) {
      if (!n.$ref.startsWith("#")) throw new Error(`only local $refs are supported: ${n.$ref}`);
      const target = n.$ref
        .slice(1)
        .split("/")
        .slice(1)
        .map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((o, k) => (isObject(o) || Array.isArray(o) ? o[k] : undefined), doc);
      if (target === undefined) throw new Error(`unresolved $ref ${n.$ref}`);
      n = target;
    }
    return n;
  };
}

/**
 * A schema with `$ref`s followed and `allOf` merged into one object schema (properties, required,
 * type, enum of the parts), so that moving a field into a shared component is no change.
 */
function normalize(deref, schema, depth = 0) {
  const s = deref(schema);
  if (!isObject(s) || depth > 32) return isObject(s) ? s : {};
  if (!Array.isArray(s.allOf)) return s;
  const { allOf, ...rest } = s;
  const out = { ...rest, properties: { ...(rest.properties ?? {}) }, required: [...(rest.required ?? [])] };
  for (const part of allOf) {
    const p = normalize(deref, part, depth + 1);
    Object.assign(out.properties, p.properties ?? {});
    out.required.push(...(p.required ?? []));
    for (const k of ["type", "enum", "items", "additionalProperties", "oneOf", "anyOf", "format", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"]) {
      if (p[k] !== undefined && out[k] === undefined) out[k] = p[k];
    }
  }
  if (Object.keys(out.properties).length === 0) delete out.properties;
  if (out.required.length === 0) delete out.required;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Types

/** The JSON types a schema admits (`integer` ⊂ `number`), or undefined when it does not say. */
function typesOf(s) {
  let types;
  if (s.type !== undefined) types = new Set(Array.isArray(s.type) ? s.type : [s.type]);
  else if (s.const !== undefined) types = new Set([jsonType(s.const)]);
  else if (Array.isArray(s.enum)) types = new Set(s.enum.map(jsonType));
  else if (s.properties) types = new Set(["object"]);
  else if (s.items) types = new Set(["array"]);
  else return undefined;
  if (s.nullable === true) types.add("null");
  if (s.format === "binary" && types.has("string")) types = new Set([...types].map((t) => (t === "string" ? "binary" : t)));
  return types;
}

function jsonType(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** Whether type `t` is accepted by the type set `set`. */
const covers = (set, t) => set.has(t) || (t === "integer" && set.has("number"));
const typeText = (set) => [...set].sort().join(" | ");

// ---------------------------------------------------------------------------------------------
// Schema comparison

/**
 * Compares two schemas at `path` (a dotted path inside a parameter, the body or the response:
 * `phones[].phone`, "" for the root), pushing changes. `dir` is "request" (what the user sends:
 * narrowing breaks) or "response" (what the user reads: widening breaks). `ctx.label(path)` names
 * the place in messages ("body field `phones`", "response field `data.id`").
 */
function compareSchema(ctx, oldSchema, newSchema, path, dir, depth = 0) {
  if (depth > 24) return;
  // A recursive schema is compared once per pair of (dereferenced) schema objects.
  const rawA = ctx.oldDeref(oldSchema);
  const rawB = ctx.newDeref(newSchema);
  if (isObject(rawA) && isObject(rawB)) {
    const pairs = ctx.pairs.get(rawA) ?? new Set();
    if (pairs.has(rawB) && depth > 0) return;
    pairs.add(rawB);
    ctx.pairs.set(rawA, pairs);
  }
  const a = normalize(ctx.oldDeref, oldSchema);
  const b = normalize(ctx.newDeref, newSchema);
  const where = ctx.label(path);
  const push = (breaking, message) => ctx.changes.push({ breaking, operation: ctx.operation, message });

  // Types
  const ta = typesOf(a);
  const tb = typesOf(b);
  if (ta && tb) {
    const lost = [...ta].filter((t) => !covers(tb, t));
    const gained = [...tb].filter((t) => !covers(ta, t));
    if (lost.length || gained.length) {
      const text = `${where}: type changed from ${code(typeText(ta))} to ${code(typeText(tb))}`;
      if (dir === "request") push(lost.length > 0, lost.length ? `${text} (narrowed)` : `${text} (widened)`);
      else push(gained.length > 0, gained.length ? `${text} (may now be ${code(gained.join(" | "))})` : `${text} (narrowed)`);
    }
  } else if (!ta && tb && dir === "request") push(true, `${where}: now restricted to type ${code(typeText(tb))}`);
  else if (ta && !tb && dir === "response") push(true, `${where}: type no longer stated (was ${code(typeText(ta))})`);

  // Enums
  const ea = Array.isArray(a.enum) ? a.enum : a.const !== undefined ? [a.const] : undefined;
  const eb = Array.isArray(b.enum) ? b.enum : b.const !== undefined ? [b.const] : undefined;
  const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);
  if (ea && eb) {
    const removed = ea.filter((v) => !eb.some((w) => same(v, w)));
    const added = eb.filter((v) => !ea.some((w) => same(v, w)));
    if (removed.length) push(dir === "request", `${where}: enum value${removed.length > 1 ? "s" : ""} ${list(removed)} removed`);
    if (added.length) push(false, `${where}: enum value${added.length > 1 ? "s" : ""} ${list(added)} added`);
  } else if (!ea && eb) push(dir === "request", `${where}: now restricted to ${list(eb)}`);
  else if (ea && !eb) push(false, `${where}: no longer restricted to ${list(ea)}`);

  // Request constraints: tightened breaks, loosened does not.
  if (dir === "request") {
    for (const [k, tighter] of [["maxLength", "lower"], ["maximum", "lower"], ["exclusiveMaximum", "lower"], ["maxItems", "lower"], ["maxProperties", "lower"], ["minLength", "higher"], ["minimum", "higher"], ["exclusiveMinimum", "higher"], ["minItems", "higher"], ["minProperties", "higher"]]) {
      const x = typeof a[k] === "number" ? a[k] : undefined;
      const y = typeof b[k] === "number" ? b[k] : undefined;
      if (x === y) continue;
      const tightened = y !== undefined && (x === undefined || (tighter === "lower" ? y < x : y > x));
      push(tightened, `${where}: ${k} ${x === undefined ? `${y} added` : y === undefined ? `${x} removed` : `${x} → ${y}`}`);
    }
    if (a.pattern !== b.pattern) push(b.pattern !== undefined, `${where}: pattern ${a.pattern === undefined ? `${code(b.pattern)} added` : b.pattern === undefined ? "removed" : `changed to ${code(b.pattern)}`}`);
    if (a.format !== b.format && (a.format || b.format)) push(b.format !== undefined, `${where}: format ${a.format === undefined ? `${code(b.format)} added` : b.format === undefined ? `${code(a.format)} removed` : `${code(a.format)} → ${code(b.format)}`}`);
    if (a.uniqueItems !== true && b.uniqueItems === true) push(true, `${where}: items must now be unique`);
  }

  // Object properties
  if (a.properties || b.properties) compareProperties(ctx, a, b, path, dir, depth);

  // Array items
  if (a.items && b.items) compareSchema(ctx, a.items, b.items, `${path}[]`, dir, depth + 1);

  // Unions: compared alternative by alternative, in order.
  for (const k of ["oneOf", "anyOf"]) {
    const xa = Array.isArray(a[k]) ? a[k] : undefined;
    const xb = Array.isArray(b[k]) ? b[k] : undefined;
    if (!xa && !xb) continue;
    const na = xa?.length ?? 0;
    const nb = xb?.length ?? 0;
    for (let i = 0; i < Math.min(na, nb); i++) compareSchema({ ...ctx, label: (p) => `${ctx.label(p)} (alternative ${i + 1})` }, xa[i], xb[i], path, dir, depth + 1);
    if (nb < na) push(dir === "request", `${where}: ${na - nb} of its ${na} alternatives (${k}) removed`);
    if (nb > na) push(dir === "response" && na > 0, `${where}: ${nb - na} alternative(s) (${k}) added`);
  }
}

/** Compares the properties of two object schemas at `path`. */
function compareProperties(ctx, a, b, path, dir, depth) {
  const push = (breaking, message) => ctx.changes.push({ breaking, operation: ctx.operation, message });
  const pa = a.properties ?? {};
  const pb = b.properties ?? {};
  const ra = new Set(a.required ?? []);
  const rb = new Set(b.required ?? []);
  const child = (k) => (path ? `${path}.${k}` : k);
  for (const k of Object.keys(pa)) if (!(k in pb)) push(true, `${ctx.label(child(k))} removed`);
  for (const k of Object.keys(pb)) {
    if (k in pa) continue;
    if (dir === "request") push(rb.has(k), `${rb.has(k) ? "required" : "optional"} ${ctx.label(child(k))} added`);
    else push(false, `${ctx.label(child(k))} added`);
  }
  for (const k of Object.keys(pb)) {
    if (!(k in pa)) continue;
    const at = ctx.label(child(k));
    if (dir === "request" && !ra.has(k) && rb.has(k)) push(true, `${at} is now required`);
    if (dir === "request" && ra.has(k) && !rb.has(k)) push(false, `${at} is now optional`);
    if (dir === "response" && ra.has(k) && !rb.has(k)) push(true, `${at} may now be missing (no longer required)`);
    if (dir === "response" && !ra.has(k) && rb.has(k)) push(false, `${at} is now always present`);
    compareSchema(ctx, pa[k], pb[k], child(k), dir, depth + 1);
  }
}

/** Names a place for messages: `root` for "", `nested` + the dotted path below. */
const labeller = (root, nested) => (path) => (path === "" ? root : `${nested} ${code(path)}`);

// ---------------------------------------------------------------------------------------------
// Operations

/** Every operation of a spec by operationId, with what a client user passes and gets. */
function operationsOf(doc) {
  const deref = resolver(doc);
  const x = doc["x-inboxkit"] ?? {};
  const ops = new Map();
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(rawItem);
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (!isObject(op)) continue;
      const id = op.operationId ?? `${method.toUpperCase()} ${path}`;
      const apiName = x.apis ? String(op.operationId).split(".")[0] : undefined;
      const bound = new Set(apiName !== undefined ? (x.apis?.[apiName]?.boundParams ?? []) : (x.boundParams ?? []));
      // Flat parameters: path + query (minus bound ones) + body fields, as the generated method takes them.
      const params = new Map();
      for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const p = deref(raw);
        if ((p.in !== "path" && p.in !== "query") || bound.has(p.name)) continue;
        params.set(p.name, { in: p.in, required: p.required === true || p.in === "path", schema: p.schema ?? {} });
      }
      const requestBody = deref(op.requestBody);
      let body;
      if (requestBody?.content) {
        const types = Object.keys(requestBody.content);
        const mediaType = PREFERRED_BODY.find((t) => types.includes(t)) ?? types[0];
        const schema = normalize(deref, requestBody.content[mediaType]?.schema ?? {});
        body = { mediaType, required: requestBody.required === true, schema };
        if (schema.properties && !schema.oneOf && !schema.anyOf) {
          const req = new Set(requestBody.required ? (schema.required ?? []) : []);
          for (const [k, s] of Object.entries(schema.properties)) params.set(k, { in: "body", required: req.has(k), schema: s });
        }
      }
      const successCode = Object.keys(op.responses ?? {}).find((c) => /^2\d\d$/.test(c));
      const success = successCode ? deref(op.responses[successCode]) : undefined;
      const contentTypes = Object.keys(success?.content ?? {});
      const jsonType = contentTypes.find((t) => t.includes("json"));
      const kind = contentTypes.length === 0 ? "empty" : jsonType ? "json" : "binary";
      let result = jsonType ? (success.content[jsonType].schema ?? {}) : undefined;
      if (result && x.envelope) {
        const wrapped = normalize(deref, result);
        if (wrapped.properties?.[x.envelope]) result = wrapped.properties[x.envelope];
      }
      ops.set(id, { id, method, path, params, body, kind, result, successCode, pagination: op["x-pagination"], timeCursor: op["x-time-cursor"] });
    }
  }
  return ops;
}

/** The webhooks of a spec: name → payload schema. */
function webhooksOf(doc) {
  const deref = resolver(doc);
  const hooks = new Map();
  for (const [name, rawItem] of Object.entries(doc.webhooks ?? {})) {
    const item = deref(rawItem);
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (!isObject(op)) continue;
      const content = deref(op.requestBody)?.content ?? {};
      const media = content["application/json"] ?? Object.values(content)[0];
      hooks.set(name, media?.schema ?? {});
    }
  }
  return hooks;
}

const PARAM_NOUN = { path: "path parameter", query: "query parameter", body: "body field" };

/**
 * Every change between two specs that matters to a user of the generated client, each marked
 * breaking or not (see the module comment for the rules).
 * @param {object} oldDoc the released spec (parsed)
 * @param {object} newDoc the current spec (parsed)
 * @returns {SpecChange[]}
 */
export function diffSpecs(oldDoc, newDoc) {
  const changes = [];
  const base = { oldDeref: resolver(oldDoc ?? {}), newDeref: resolver(newDoc ?? {}), changes };
  const before = operationsOf(oldDoc ?? {});
  const after = operationsOf(newDoc ?? {});
  const where = (op) => `${op.method.toUpperCase()} ${op.path}`;

  // Renames: an id that went away while another appeared on the same method and path.
  const renamed = new Map();
  for (const [id, op] of before) {
    if (after.has(id)) continue;
    const successor = [...after.values()].find((n) => !before.has(n.id) && n.method === op.method && n.path === op.path);
    if (successor) renamed.set(id, successor.id);
  }
  for (const [id, op] of before) {
    if (after.has(id)) continue;
    if (renamed.has(id)) changes.push({ breaking: true, operation: id, message: `operation renamed to ${code(renamed.get(id))} (${where(op)})` });
    else changes.push({ breaking: true, operation: id, message: `operation removed (${where(op)})` });
  }
  const renamedTo = new Set(renamed.values());
  for (const [id, op] of after) if (!before.has(id) && !renamedTo.has(id)) changes.push({ breaking: false, operation: id, message: `operation added (${where(op)})` });

  for (const [id, b] of after) {
    const a = before.get(id) ?? [...renamed].filter(([, to]) => to === id).map(([from]) => before.get(from))[0];
    if (!a) continue;
    const ctx = { ...base, operation: id };
    const push = (breaking, message) => changes.push({ breaking, operation: id, message });
    if (a.method !== b.method || a.path !== b.path) push(false, `now ${where(b)} (was ${where(a)}); the method name is unchanged`);

    // Flat parameters
    for (const [name, p] of a.params) {
      const q = b.params.get(name);
      if (!q) push(true, `${PARAM_NOUN[p.in]} ${code(name)} removed`);
      else if (q.in !== p.in) push(false, `${code(name)} moved from the ${p.in === "body" ? "body" : p.in} to the ${q.in === "body" ? "body" : q.in} (the method takes it as before)`);
    }
    for (const [name, q] of b.params) {
      const p = a.params.get(name);
      if (!p) {
        push(q.required, `${q.required ? "required" : "optional"} ${PARAM_NOUN[q.in]} ${code(name)} added`);
        continue;
      }
      if (!p.required && q.required) push(true, `${PARAM_NOUN[q.in]} ${code(name)} is now required`);
      if (p.required && !q.required) push(false, `${PARAM_NOUN[q.in]} ${code(name)} is now optional`);
      // Below a parameter, `path` is relative to it: "" is the parameter itself, `x.y` a nested field.
      const top = `${PARAM_NOUN[q.in]} ${code(name)}`;
      compareSchema({ ...ctx, pairs: new WeakMap(), label: (p2) => (p2 === "" ? top : `field ${code(`${name}${p2.startsWith("[") ? "" : "."}${p2}`)}`) }, p.schema, q.schema, "", "request");
    }

    // A body that is not a plain object (a union, an array): compared as a whole.
    const flatA = a.body?.schema?.properties && !a.body.schema.oneOf && !a.body.schema.anyOf;
    const flatB = b.body?.schema?.properties && !b.body.schema.oneOf && !b.body.schema.anyOf;
    if (a.body && b.body && !(flatA && flatB)) compareSchema({ ...ctx, pairs: new WeakMap(), label: labeller("the request body", "body field") }, a.body.schema, b.body.schema, "", "request");
    if (!a.body && b.body?.required && !flatB) push(true, "a required request body added");
    if (a.body && b.body && !a.body.required && b.body.required && !flatB) push(true, "the request body is now required");
    if (a.body && b.body && a.body.mediaType !== b.body.mediaType) push(false, `request body now sent as ${code(b.body.mediaType)} (was ${code(a.body.mediaType)})`);

    // Result
    if (a.kind !== b.kind) push(true, `the result changed from ${a.kind === "json" ? "a JSON body" : a.kind === "binary" ? "a file" : "nothing"} to ${b.kind === "json" ? "a JSON body" : b.kind === "binary" ? "a file" : "nothing"}`);
    else if (a.result && b.result) compareSchema({ ...ctx, pairs: new WeakMap(), label: labeller("the response", "response field") }, a.result, b.result, "", "response");

    // Paging helpers (`.iterate()`, `.pages()`, `.iterateHistory()`, `.follow()`)
    if (a.pagination && !b.pagination) push(true, "pagination removed (no more `.iterate()` / `.pages()`)");
    if (!a.pagination && b.pagination) push(false, "pagination added (`.iterate()` / `.pages()`)");
    if (a.timeCursor && !b.timeCursor) push(true, "time cursor removed (no more `.iterateHistory()` / `.follow()`)");
    if (!a.timeCursor && b.timeCursor) push(false, "time cursor added (`.iterateHistory()` / `.follow()`)");
  }

  // Webhooks: the payload is what the user's code reads.
  const hooksA = webhooksOf(oldDoc ?? {});
  const hooksB = webhooksOf(newDoc ?? {});
  for (const name of hooksA.keys()) if (!hooksB.has(name)) changes.push({ breaking: true, operation: `webhook ${name}`, message: "webhook removed" });
  for (const name of hooksB.keys()) if (!hooksA.has(name)) changes.push({ breaking: false, operation: `webhook ${name}`, message: "webhook added" });
  for (const [name, schema] of hooksB) {
    if (!hooksA.has(name)) continue;
    compareSchema({ ...base, operation: `webhook ${name}`, pairs: new WeakMap(), label: labeller("the payload", "payload field") }, hooksA.get(name), schema, "", "response");
  }

  // Vendor-wide wiring the client depends on.
  const xa = oldDoc?.["x-inboxkit"] ?? {};
  const xb = newDoc?.["x-inboxkit"] ?? {};
  if (xa.envelope !== xb.envelope) changes.push({ breaking: true, operation: "api", message: `response envelope changed from ${code(xa.envelope ?? "none")} to ${code(xb.envelope ?? "none")}` });
  return changes;
}

/**
 * The bump the changes call for: "none" without changes; for 0.x, "minor" when one is breaking and
 * "patch" otherwise; from 1.0, "major" when breaking and "minor" otherwise.
 * @param {SpecChange[]} changes
 * @param {string} version the package's current version
 * @returns {"none" | "patch" | "minor" | "major"}
 */
export function requiredBump(changes, version) {
  if (changes.length === 0) return "none";
  const breaking = changes.some((c) => c.breaking);
  const major = Number(String(version).split(".")[0]);
  if (major === 0 || Number.isNaN(major)) return breaking ? "minor" : "patch";
  return breaking ? "major" : "minor";
}

/**
 * The changelog text of the changes (Markdown): breaking ones first.
 * @param {string} spec the spec's path
 * @param {SpecChange[]} changes
 * @param {string} baseLabel what the changes are relative to ("the tag @inboxkit/x@0.1.0")
 */
export function changelogText(spec, changes, baseLabel) {
  const lines = [`API changes from ${spec} since ${baseLabel}:`, ""];
  const sorted = [...changes.filter((c) => c.breaking), ...changes.filter((c) => !c.breaking)];
  for (const c of sorted) lines.push(`- ${c.breaking ? "**Breaking:** " : ""}${c.operation === "api" ? "" : `${code(c.operation)}: `}${c.message}`);
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Git and the repository

const git = (cwd, args) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
const gitOk = (cwd, args) => {
  try {
    return git(cwd, args);
  } catch {
    return undefined;
  }
};

/** The repository root: the git top level of `cwd`. */
export function repoRoot(cwd = process.cwd()) {
  const top = gitOk(cwd, ["rev-parse", "--show-toplevel"]);
  if (!top) throw new Error(`${cwd} is not inside a git repository`);
  return top;
}

/** The APIs of the root redocly.yaml: [{ name, spec }]. */
export function listApis(root) {
  const config = parse(readFileSync(join(root, "redocly.yaml"), "utf8"));
  return Object.entries(config?.apis ?? {}).map(([name, api]) => ({ name, spec: api.root }));
}

const versionAt = (root, rev, file) => {
  const text = gitOk(root, ["show", `${rev}:${file}`]);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text).version;
  } catch {
    return undefined;
  }
};

/**
 * Where the released spec is (see the module comment).
 * @returns {{ rev: string, label: string, how: "tag" | "version" | "first" } | undefined} undefined: the spec was never committed
 */
export function findBase(root, vendor, spec) {
  const pkgFile = `packages/${vendor}/package.json`;
  const version = existsSync(join(root, pkgFile)) ? JSON.parse(readFileSync(join(root, pkgFile), "utf8")).version : undefined;
  const specAt = (rev) => gitOk(root, ["cat-file", "-e", `${rev}:${spec}`]) !== undefined;
  if (version !== undefined) {
    const tag = `@inboxkit/${vendor}@${version}`;
    const tagged = gitOk(root, ["rev-parse", "-q", "--verify", `refs/tags/${tag}^{commit}`]);
    if (tagged && specAt(tagged)) return { rev: tagged, label: `the tag ${tag}`, how: "tag" };
    // The last commit whose package.json version differs from its parent's (or that added the file).
    for (const commit of (gitOk(root, ["log", "--format=%H", "--", pkgFile]) ?? "").split("\n").filter(Boolean)) {
      const now = versionAt(root, commit, pkgFile);
      const parent = gitOk(root, ["rev-parse", "-q", "--verify", `${commit}^`]) ? versionAt(root, `${commit}^`, pkgFile) : undefined;
      if (now !== undefined && now !== parent) {
        if (specAt(commit)) return { rev: commit, label: `@inboxkit/${vendor}@${now} (commit ${commit.slice(0, 7)}, where its version was set)`, how: "version" };
        break;
      }
    }
  }
  const added = (gitOk(root, ["log", "--diff-filter=A", "--format=%H", "--", spec]) ?? "").split("\n").filter(Boolean).pop();
  if (added) return { rev: added, label: `the commit that added the spec (${added.slice(0, 7)})`, how: "first" };
  return undefined;
}

/** The bumps the pending changesets give each package: name → "patch" | "minor" | "major". */
export function pendingBumps(root) {
  const dir = join(root, ".changeset");
  const bumps = new Map();
  if (!existsSync(dir)) return bumps;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith(".md") || f === "README.md") continue;
    const text = readFileSync(join(dir, f), "utf8");
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
    for (const m of front.matchAll(/^\s*["']?(@?[\w./-]+)["']?\s*:\s*(patch|minor|major)\s*$/gm)) {
      const [, name, bump] = m;
      if (BUMPS.indexOf(bump) > BUMPS.indexOf(bumps.get(name) ?? "none")) bumps.set(name, bump);
    }
  }
  return bumps;
}

/**
 * The changes of one vendor's spec since its release.
 * @returns {{ vendor: string, spec: string, packageName: string, version: string, base: ReturnType<typeof findBase>, changes: SpecChange[], bump: string }}
 */
export function vendorDiff(root, { name, spec }) {
  const pkgFile = join(root, "packages", name, "package.json");
  const pkg = existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, "utf8")) : { name: `@inboxkit/${name}`, version: "0.0.0" };
  const base = findBase(root, name, spec);
  const current = parse(readFileSync(join(root, spec), "utf8"), { maxAliasCount: -1 });
  const released = base ? parse(git(root, ["show", `${base.rev}:${spec}`]), { maxAliasCount: -1 }) : {};
  const changes = diffSpecs(released, current);
  return { vendor: name, spec, packageName: pkg.name, version: pkg.version, base, changes, bump: requiredBump(changes, pkg.version) };
}

/** Writes the vendor's changeset (replacing an older spec-<vendor>-*.md); returns its path. */
export function writeChangeset(root, diff) {
  const dir = join(root, ".changeset");
  const short = createHash("sha256").update(readFileSync(join(root, diff.spec))).digest("hex").slice(0, 8);
  const file = join(dir, `spec-${diff.vendor}-${short}.md`);
  // The diff always runs from the release, so a newer one supersedes an older one of this script.
  for (const f of existsSync(dir) ? readdirSync(dir) : []) if (f.startsWith(`spec-${diff.vendor}-`) && f.endsWith(".md")) rmSync(join(dir, f));
  const label = diff.base?.label ?? "its first version";
  writeFileSync(file, `---\n"${diff.packageName}": ${diff.bump}\n---\n\n${changelogText(diff.spec, diff.changes, label)}\n`);
  return file;
}

// ---------------------------------------------------------------------------------------------
// CLI

function report(diff) {
  const breaking = diff.changes.filter((c) => c.breaking).length;
  const head = `${diff.vendor}: ${diff.spec} since ${diff.base?.label ?? "(never committed: everything is new)"}`;
  if (diff.changes.length === 0) return `${head}: no change for client users`;
  const lines = [`${head}: ${diff.changes.length} change(s), ${breaking} breaking → ${diff.bump} bump of ${diff.packageName}@${diff.version}`];
  for (const c of [...diff.changes.filter((x) => x.breaking), ...diff.changes.filter((x) => !x.breaking)]) lines.push(`  ${c.breaking ? "BREAKING" : "        "}  ${c.operation}: ${c.message}`);
  return lines.join("\n");
}

function main(argv) {
  const check = argv.includes("--check");
  const wanted = argv.filter((a) => !a.startsWith("--"));
  const unknownFlag = argv.find((a) => a.startsWith("--") && a !== "--check");
  if (unknownFlag) throw new Error(`unknown option ${unknownFlag} (usage: spec-diff.mjs [vendor...] [--check])`);
  const root = repoRoot();
  const apis = listApis(root);
  for (const w of wanted) if (!apis.some((a) => a.name === w)) throw new Error(`unknown vendor "${w}"; redocly.yaml lists ${apis.map((a) => a.name).join(", ")}`);
  const chosen = wanted.length ? apis.filter((a) => wanted.includes(a.name)) : apis;
  const pending = check ? pendingBumps(root) : undefined;
  const failures = [];
  for (const api of chosen) {
    const diff = vendorDiff(root, api);
    console.log(report(diff));
    if (check) {
      if (diff.bump === "none") continue;
      const has = pending.get(diff.packageName) ?? "none";
      if (BUMPS.indexOf(has) >= BUMPS.indexOf(diff.bump)) {
        console.log(`  covered: the pending changesets give ${diff.packageName} a ${has} bump (needs ${diff.bump})`);
        continue;
      }
      const breaking = diff.changes.filter((c) => c.breaking).length;
      failures.push(
        `${diff.spec} changed since ${diff.base?.label ?? "it was first written"} (${diff.changes.length} change(s), ${breaking} breaking), which needs a ${diff.bump} bump of ${diff.packageName}, ` +
          `but the pending changesets give it ${has === "none" ? "none" : `only a ${has} bump`}. Run \`pnpm spec:diff ${diff.vendor}\` and commit the .changeset file it writes.`,
      );
    } else if (diff.bump !== "none") {
      const file = writeChangeset(root, diff);
      console.log(`  wrote ${relative(root, file)} (${diff.packageName}: ${diff.bump}); review it and commit it with the spec`);
    }
  }
  if (failures.length) {
    for (const f of failures) console.error(`spec:diff --check: ${f}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`spec:diff: ${error.message}`);
    process.exitCode = 2;
  }
}

