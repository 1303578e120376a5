// The `x-codeSamples` of every operation of a docs page, generated from the spec (never hand-copied):
//
//   - TypeScript: create the vendor's InboxKit client (scripts/docs/clients/<vendor>.mjs), call the
//     operation's method with the spec's example request (scripts/docs/examples.mjs) and use the
//     result; a list operation also shows `.iterate()`.
//   - curl: the same request on the wire, against the spec's first server.
//
// scripts/test/code-samples.test.ts type-checks every TypeScript sample of every vendor against the
// built packages.
import { clientFor, renderClientCreation } from "./clients.mjs";
import { FILE, deref, exampleRequest, fillPath, pathOperations, queryString, serverUrl } from "./examples.mjs";

/** Labels of the two samples (Redoc shows them as tabs in the right panel). */
export const TYPESCRIPT_LABEL = "TypeScript";
export const CURL_LABEL = "curl";

const IDENT = /^[A-Za-z_$][\w$]*$/;
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** A value as a TypeScript expression (objects and arrays over several lines when long). */
export function tsLiteral(value, indent = "") {
  if (isObject(value) && value[FILE]) {
    const { name, type } = value[FILE];
    return `new Blob([${JSON.stringify(`<contents of ${name}>`)}], { type: ${JSON.stringify(type)} })`;
  }
  if (value === undefined) return "undefined";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((v) => tsLiteral(v, inner))
    : Object.entries(value).map(([k, v]) => `${IDENT.test(k) ? k : JSON.stringify(k)}: ${tsLiteral(v, inner)}`);
  if (entries.length === 0) return Array.isArray(value) ? "[]" : "{}";
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{ ", " }"];
  const oneLine = `${open}${entries.join(", ")}${close}`;
  if (oneLine.length + indent.length <= 96 && !oneLine.includes("\n")) return oneLine;
  const [o, c] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${o}\n${entries.map((e) => `${inner}${e},`).join("\n")}\n${indent}${c}`;
}

/** The item name a list's `.iterate()` loop uses: the singular of the resource (`templates` → `template`). */
function itemName(resource) {
  const singular = resource.replace(/ies$/, "y").replace(/(ss|sh|ch|x)es$/, "$1").replace(/s$/, "");
  return singular && singular !== resource && IDENT.test(singular) && !["item", "result"].includes(singular) ? singular : "item";
}

/**
 * The TypeScript sample of one operation.
 * @param {object} doc the spec
 * @param {import("./clients.mjs").LoadedClients} clients the vendor's client setups
 * @param {ReturnType<typeof exampleRequest>} request
 * @param {object} op the operation object (for x-pagination and the success response)
 */
export function typescriptSample(doc, clients, request, op) {
  const setup = clientFor(clients, { api: request.api, schemes: request.schemes });
  const segments = String(request.operationId).split(".");
  const [resource, fn] = segments.slice(-2);
  const member = (name) => (IDENT.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);
  const callee = `${setup.variable}${member(resource)}${member(fn)}`;
  const params = request.params;
  const args = Object.keys(params).length ? tsLiteral(params) : "";
  // A server URL with variables (`https://{host}`): the client has no default base URL.
  const needsBaseUrl = String(doc.servers?.[0]?.url ?? "").includes("{") && setup.options.baseUrl === undefined;
  const lines = [renderClientCreation(clients.package, [setup], { credentials: "env", ...(needsBaseUrl ? { baseUrl: serverUrl(doc) } : {}) }), ""];
  const success = Object.keys(op.responses ?? {}).find((c) => /^2\d\d$/.test(c));
  const content = success ? Object.keys(deref(doc, op.responses[success])?.content ?? {}) : [];
  const kind = content.length === 0 ? "empty" : content.some((t) => t.includes("json")) ? "json" : "binary";
  if (kind === "empty") {
    lines.push(`await ${callee}(${args});`, `console.log("done");`);
  } else if (kind === "binary") {
    lines.push(`const file = await ${callee}(${args});`, "console.log(file.contentType, file.bytes.byteLength);");
  } else {
    lines.push(`const result = await ${callee}(${args});`, "console.log(result);");
  }
  const pagination = op["x-pagination"];
  if (pagination) {
    // Every item, page after page: the same parameters without the page/cursor one.
    const { [pagination.page ?? pagination.param ?? ""]: _skip, ...rest } = params;
    const item = itemName(resource);
    lines.push("", "// Every item, page after page:", `for await (const ${item} of ${callee}.iterate(${Object.keys(rest).length ? tsLiteral(rest) : ""})) console.log(${item});`);
  }
  return `${lines.join("\n")}\n`;
}


/** A shell word in single quotes. */
const sq = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/** Fields of a multipart body in bracket notation, as the runtime sends them (toMultipart). */
function multipartFields(value, name = "", out = []) {
  if (value === undefined || value === null) return out;
  if (isObject(value) && value[FILE]) out.push([name, value[FILE]]);
  else if (Array.isArray(value)) {
    const allFiles = value.length > 0 && value.every((v) => isObject(v) && v[FILE]);
    value.forEach((v, i) => multipartFields(v, allFiles ? `${name}[]` : `${name}[${i}]`, out));
  } else if (isObject(value)) for (const [k, v] of Object.entries(value)) multipartFields(v, name ? `${name}[${k}]` : k, out);
  else out.push([name, typeof value === "boolean" ? (value ? "1" : "0") : String(value)]);
  return out;
}

/** The default curl auth arguments of a security scheme. */
function schemeCurl(vendor, doc, scheme) {
  const s = doc.components?.securitySchemes?.[scheme];
  const env = `${vendor}_${scheme}`.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/\W+/g, "_").toUpperCase();
  if (!s) return "";
  if (s.type === "http" && s.scheme?.toLowerCase() === "basic") return `-u "$${env}_USER:$${env}_PASSWORD"`;
  if (s.type === "http") return `-H "Authorization: ${s.scheme?.toLowerCase() === "bearer" ? "Bearer" : s.scheme} $${env}"`;
  if (s.type === "apiKey" && s.in === "header") return `-H "${s.name}: $${env}"`;
  return "";
}

/**
 * The curl sample of one operation.
 * @param {object} doc
 * @param {import("./clients.mjs").LoadedClients} clients
 * @param {ReturnType<typeof exampleRequest>} request
 */
export function curlSample(doc, clients, request) {
  const query = { ...request.query };
  // An apiKey in the query travels in the URL.
  for (const scheme of request.schemes.slice(0, 1)) {
    const s = doc.components?.securitySchemes?.[scheme];
    if (s?.type === "apiKey" && s.in === "query") query[s.name] = `$${scheme.toUpperCase()}`;
  }
  const url = `${serverUrl(doc)}${fillPath(request.path, request.pathParams)}${queryString(query)}`;
  const args = [`${request.method !== "GET" || request.body ? `-X ${request.method} ` : ""}${sq(url)}`];
  if (request.schemes.length) {
    const setup = clientFor(clients, { api: request.api, schemes: request.schemes });
    const auth = setup.curl ?? schemeCurl(clients.vendor, doc, request.schemes[0]);
    if (auth) args.push(auth);
  }
  const body = request.body;
  if (body?.mediaType === "application/json" || body?.mediaType?.endsWith("+json")) {
    args.push(`-H ${sq(`Content-Type: ${body.mediaType}`)}`, `--data ${sq(JSON.stringify(body.value))}`);
  } else if (body?.mediaType === "application/x-www-form-urlencoded" && isObject(body.value)) {
    for (const [k, v] of Object.entries(body.value)) {
      if (v === undefined || v === null) continue;
      const text = typeof v === "object" || body.jsonFields.includes(k) ? (typeof v === "string" ? v : JSON.stringify(v)) : String(v);
      args.push(`--data-urlencode ${sq(`${k}=${text}`)}`);
    }
  } else if (body?.mediaType === "multipart/form-data" && isObject(body.value)) {
    for (const [name, value] of multipartFields(body.value)) {
      if (typeof value === "string") args.push(`--form-string ${sq(`${name}=${value}`)}`);
      else args.push(`-F ${sq(`${name}=@${value.name};type=${value.type}`)}`);
    }
  } else if (body) {
    args.push(`-H ${sq(`Content-Type: ${body.mediaType}`)}`, `--data-binary @body`);
  }
  return `curl ${args.join(" \\\n  ")}\n`;
}

/**
 * Adds an `x-codeSamples` list (TypeScript, then curl) to every operation of `doc` (mutates it);
 * samples a spec already has stay, after the generated ones.
 * @param {object} doc
 * @param {import("./clients.mjs").LoadedClients} clients
 */
export function addCodeSamples(doc, clients) {
  for (const operation of pathOperations(doc)) {
    const request = exampleRequest(doc, operation);
    const existing = Array.isArray(operation.op["x-codeSamples"]) ? operation.op["x-codeSamples"] : [];
    const generated = [
      { lang: "TypeScript", label: TYPESCRIPT_LABEL, source: typescriptSample(doc, clients, request, operation.op) },
      { lang: "Shell", label: CURL_LABEL, source: curlSample(doc, clients, request) },
    ];
    operation.op["x-codeSamples"] = [...generated, ...existing.filter((s) => s?.label !== TYPESCRIPT_LABEL && s?.label !== CURL_LABEL)];
  }
  return doc;
}
