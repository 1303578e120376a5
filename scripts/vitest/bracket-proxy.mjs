// A small HTTP proxy in front of Prism for the contract tests of vendors whose API reads
// `multipart/form-data` in PHP bracket notation (Laravel: `destinations[0][phone]`, repeated
// `attachments[]`). Prism cannot read that notation, so the proxy rebuilds the nested object the way
// PHP does, replaces each file by a `file:<name>;type=<mime>;bytes=<n>` placeholder, converts scalar
// strings to numbers/booleans where the schema asks for them (as Laravel's validation accepts "7" for
// an integer), and forwards it as JSON to the shadow operation that scripts/vitest/prism-spec.mjs
// added (MULTIPART_PATH_PREFIX + path). Responses to translated requests carry
// `x-inboxkit-proxy: multipart-as-json`. Every other request (including a multipart one to an
// operation without a shadow) is forwarded unchanged.
import { Agent, createServer, request as httpRequest } from "node:http";
import { MULTIPART_PATH_PREFIX, deref, readSpec } from "./prism-spec.mjs";

export const PROXY_HEADER = "x-inboxkit-proxy";
export const TRANSLATED = "multipart-as-json";

// ---------------------------------------------------------------------------------------------
// Bracket notation decoder (PHP's php_register_variable_ex semantics, simplified)

/**
 * Splits a field name into its keys as PHP does: `a[0][b]` → `["a", "0", "b"]`, `a[]` → `["a", ""]`
 * (`""` = append). In the leading name, spaces and dots become `_`; a `[` without a closing `]` is
 * taken literally (as `_`) and ends the parsing; text after a `]` that does not open a new `[` is
 * ignored. Returns `null` for a name PHP would drop (empty).
 * @param {string} name
 * @returns {string[] | null}
 */
export function parseBracketName(name) {
  const s = name.replace(/^ +/, "");
  const open = s.indexOf("[");
  let base = open === -1 ? s : s.slice(0, open);
  const keys = [];
  if (open !== -1) {
    let i = open;
    while (i < s.length && s[i] === "[") {
      const close = s.indexOf("]", i + 1);
      if (close === -1) {
        if (keys.length === 0) base = `${base}_${s.slice(open + 1)}`; // `a[b` → `a_b`
        break;
      }
      keys.push(s.slice(i + 1, close));
      i = close + 1;
    }
  }
  base = base.replace(/[ .]/g, "_");
  if (base === "") return null;
  return [base, ...keys];
}

const INT_KEY = /^(0|-?[1-9][0-9]*)$/;

class Bag {
  /** @type {Map<string, unknown>} */
  entries = new Map();
  next = 0;
  set(key, value) {
    if (INT_KEY.test(key) && Number(key) >= this.next) this.next = Number(key) + 1;
    this.entries.set(key, value);
  }
  append(value) {
    const key = String(this.next);
    this.set(key, value);
    return key;
  }
}

function finalize(node) {
  if (!(node instanceof Bag)) return node;
  const keys = [...node.entries.keys()];
  // A PHP array whose keys are 0..n-1 in order is a list (json_encode gives a JSON array).
  if (keys.every((k, i) => k === String(i))) return [...node.entries.values()].map(finalize);
  const out = {};
  for (const [k, v] of node.entries) Object.defineProperty(out, k, { value: finalize(v), enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * Rebuilds the nested body from `[name, value]` pairs in bracket notation, the way PHP fills `$_POST`
 * and `$_FILES` (Laravel merges both): a later plain value replaces an earlier one, `a[]` appends,
 * keys `0..n-1` in order make an array, anything else an object.
 * @param {Iterable<[string, unknown]>} entries
 * @returns {Record<string, unknown>}
 */
export function decodeBrackets(entries) {
  const root = new Bag();
  for (const [name, value] of entries) {
    const keys = parseBracketName(name);
    if (!keys) continue;
    let bag = root;
    for (let i = 0; i < keys.length; i++) {
      const last = i === keys.length - 1;
      let key = keys[i];
      if (last) {
        if (key === "") bag.append(value);
        else bag.set(key, value);
        break;
      }
      let child = key === "" ? undefined : bag.entries.get(key);
      if (!(child instanceof Bag)) {
        child = new Bag(); // a scalar in the way is replaced, as PHP does
        if (key === "") key = bag.append(child);
        else bag.set(key, child);
      }
      bag = child;
    }
  }
  const out = finalize(root);
  return Array.isArray(out) ? Object.fromEntries(out.map((v, i) => [String(i), v])) : out;
}

/** The placeholder a file travels as: `file:<name>;type=<mime>;bytes=<n>`. */
export function filePlaceholder(file) {
  return `file:${file.name ?? ""};type=${file.type || "application/octet-stream"};bytes=${file.size}`;
}

/**
 * Turns `FormData` into the nested object (files → placeholders; a file part with an empty name and
 * no bytes — an empty file input — becomes `null`, as PHP/Laravel see no file).
 * @param {FormData} form
 */
export function formDataToObject(form) {
  const pairs = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") pairs.push([name, value]);
    else pairs.push([name, value.name === "" && value.size === 0 ? null : filePlaceholder(value)]);
  }
  return decodeBrackets(pairs);
}

// ---------------------------------------------------------------------------------------------
// Schema-guided scalar coercion

function schemaTypes(doc, schema, depth = 0) {
  const s = deref(doc, schema);
  if (s === null || typeof s !== "object" || depth > 16) return new Set();
  const types = new Set(Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);
  if (s.nullable === true) types.add("null");
  if (s.const !== undefined) types.add(typeof s.const === "number" ? "number" : typeof s.const);
  if (Array.isArray(s.enum)) for (const e of s.enum) types.add(e === null ? "null" : typeof e === "number" ? (Number.isInteger(e) ? "integer" : "number") : typeof e);
  for (const k of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(s[k])) for (const sub of s[k]) for (const t of schemaTypes(doc, sub, depth + 1)) types.add(t);
  return types;
}

function subSchemaFor(doc, schema, key, isIndex, depth = 0) {
  const s = deref(doc, schema);
  if (s === null || typeof s !== "object" || depth > 16) return undefined;
  if (isIndex) {
    if (Array.isArray(s.prefixItems) && s.prefixItems[key]) return s.prefixItems[key];
    if (s.items && typeof s.items === "object" && !Array.isArray(s.items)) return s.items;
  }
  if (s.properties && Object.hasOwn(s.properties, key)) return s.properties[key];
  for (const [pattern, sub] of Object.entries(s.patternProperties ?? {})) if (new RegExp(pattern, "u").test(key)) return sub;
  for (const k of ["allOf", "anyOf", "oneOf"]) {
    if (!Array.isArray(s[k])) continue;
    for (const branch of s[k]) {
      const found = subSchemaFor(doc, branch, key, isIndex, depth + 1);
      if (found !== undefined) return found;
    }
  }
  if (!isIndex && s.additionalProperties && typeof s.additionalProperties === "object") return s.additionalProperties;
  return undefined;
}

/**
 * Converts the strings of a decoded multipart body to what the schema asks for, as Laravel's
 * validation reads them: `integer` from `-?\d+`, `number` from a decimal, `boolean` from "1"/"0"
 * only (Laravel's `boolean` rule refuses "true"/"false"), `null` from "" when the schema allows
 * null (Laravel's ConvertEmptyStringsToNull). A string stays a string when the schema allows one
 * or does not parse, so Prism still reports a wrong value.
 */
export function coerceToSchema(doc, value, schema, depth = 0) {
  if (schema === undefined || depth > 64) return value;
  if (Array.isArray(value)) return value.map((v, i) => coerceToSchema(doc, v, subSchemaFor(doc, schema, i, true), depth + 1));
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: coerceToSchema(doc, v, subSchemaFor(doc, schema, k, false), depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (typeof value !== "string") return value;
  const types = schemaTypes(doc, schema);
  if (types.size === 0 || types.has("string")) return value;
  if (value === "" && types.has("null")) return null;
  if (types.has("integer") && /^[+-]?\d+$/.test(value)) return Number(value);
  if (types.has("number") && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) return Number(value);
  if (types.has("boolean") && (value === "1" || value === "0")) return value === "1";
  return value;
}

function compilePaths(doc) {
  const routes = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const params = (path.match(/\{[^}]+\}/g) ?? []).length;
    const pattern = path
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("");
    routes.push({ path, item, params, regex: new RegExp(`^${pattern}/?$`) });
  }
  return routes.sort((a, b) => a.params - b.params); // literal paths first, like Prism
}

/**
 * Builds `(pathname, method, body) → body`: coerces `body` against the `application/json` request
 * schema of the operation `pathname` names in `doc` (unchanged when there is none).
 */
export function createCoercer(doc) {
  const find = createOperationFinder(doc);
  return (pathname, method, body) => {
    const op = find(pathname, method);
    if (!op?.requestBody) return body;
    const schema = deref(doc, op.requestBody)?.content?.["application/json"]?.schema;
    return schema === undefined ? body : coerceToSchema(doc, body, schema);
  };
}

/** Builds `(pathname, method) → operation | undefined` over the paths of `doc`. */
export function createOperationFinder(doc) {
  const routes = compilePaths(doc);
  return (pathname, method) => routes.find((r) => r.regex.test(pathname))?.item?.[method.toLowerCase()];
}

// ---------------------------------------------------------------------------------------------
// The proxy

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "host"]);

/** A `Link` header without its `rel="next"` entries (undefined when nothing is left). */
export function withoutNext(header) {
  const kept = String(header)
    .split(/,(?=\s*<)/)
    .filter((part) => !/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(part));
  return kept.length ? kept.join(",").trim() : undefined;
}

function isMultipart(contentType) {
  return typeof contentType === "string" && contentType.split(";")[0].trim().toLowerCase() === "multipart/form-data";
}

/** The host part of a URL for a listen address (IPv6 in brackets; a wildcard address becomes loopback). */
export function urlHost(host) {
  if (host === "0.0.0.0" || host === "" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Starts the proxy, by default on 127.0.0.1 and a free port.
 * @param {string} targetBaseUrl e.g. Prism's `http://127.0.0.1:4010`
 * @param {{ spec?: string | object, pathPrefix?: string, log?: (line: string) => void, host?: string, port?: number }} [options]
 *   `spec`: the derived spec (path or parsed document) whose shadow operations guide coercion;
 *   without it every scalar stays a string. `host`/`port`: where to listen (`port: 0` = a free one).
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void>, stats: { forwarded: number, translated: number } }>}
 */
export async function startBracketProxy(targetBaseUrl, options = {}) {
  const { pathPrefix = MULTIPART_PATH_PREFIX, log = () => {}, host = "127.0.0.1", port: listenPort = 0, singlePage = false } = options;
  const doc = typeof options.spec === "string" ? await readSpec(options.spec) : options.spec;
  const coerce = doc ? createCoercer(doc) : (_p, _m, body) => body;
  // With the spec, only requests to an operation that has a shadow are translated; a multipart body
  // sent elsewhere goes to Prism unchanged (which then answers 415 like the real API would).
  const findOperation = doc ? createOperationFinder(doc) : undefined;
  const hasShadow = (pathname, method) => !findOperation || findOperation(`${pathPrefix}${pathname}`, method) !== undefined;
  const target = new URL(targetBaseUrl);
  /** The `x-pagination` of the operation a request calls, for the single-page mode (link and next styles). */
  const pagingOf = (req) => {
    const op = findOperation?.(new URL(req.url, "http://proxy.local").pathname, req.method);
    const pg = op?.["x-pagination"];
    return pg && (pg.style === "link" || pg.style === "next") ? pg : undefined;
  };
  const agent = new Agent({ keepAlive: true });
  const sockets = new Set();
  const stats = { forwarded: 0, translated: 0 };

  const forward = (req, res, { path, headers, body, translated }) =>
    new Promise((resolve) => {
      const upstream = httpRequest(
        { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path, headers, agent },
        async (up) => {
          const paging = singlePage ? pagingOf(req) : undefined;
          const out = [];
          for (let i = 0; i < up.rawHeaders.length; i += 2) {
            const lower = up.rawHeaders[i].toLowerCase();
            if (HOP_BY_HOP.has(lower) && lower !== "transfer-encoding") continue;
            if (paging && (lower === "content-length" || lower === "transfer-encoding")) continue;
            if (paging?.style === "link" && lower === "link") {
              const kept = withoutNext(up.rawHeaders[i + 1]);
              if (kept) out.push(up.rawHeaders[i], kept);
              continue;
            }
            out.push(up.rawHeaders[i], up.rawHeaders[i + 1]);
          }
          if (translated) out.push(PROXY_HEADER, TRANSLATED);
          if (paging) {
            // One page: the spec's example is the whole list, so the next-page pointer is dropped
            // (Prism would answer every page with the same example, a real paginator would loop).
            let body = await readBody(up);
            if (paging.style === "next" && /json/.test(String(up.headers["content-type"]))) {
              try {
                const json = JSON.parse(body.toString("utf8"));
                const steps = paging.next.split(".");
                let node = json;
                for (const step of steps.slice(0, -1)) node = node?.[step];
                if (node && typeof node === "object" && node[steps.at(-1)] != null) node[steps.at(-1)] = null;
                body = Buffer.from(JSON.stringify(json));
              } catch {
                /* not JSON after all: passed on as is */
              }
            }
            out.push("content-length", String(body.length), PROXY_HEADER, "single-page");
            res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
            res.end(body);
            resolve();
            return;
          }
          res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
          up.pipe(res);
          up.on("end", resolve);
          up.on("error", () => {
            res.destroy();
            resolve();
          });
        },
      );
      upstream.on("error", (error) => {
        if (!res.headersSent) {
          res.writeHead(502, { "content-type": "application/problem+json", [PROXY_HEADER]: "upstream-error" });
          res.end(JSON.stringify({ title: "Bracket proxy: upstream request failed", detail: String(error) }));
        } else res.destroy();
        resolve();
      });
      if (body === undefined) req.pipe(upstream);
      else upstream.end(body);
    });

  const server = createServer(async (req, res) => {
    try {
      const headers = {};
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i];
        const lower = name.toLowerCase();
        if (HOP_BY_HOP.has(lower) && lower !== "transfer-encoding") continue;
        headers[lower] = headers[lower] === undefined ? req.rawHeaders[i + 1] : `${headers[lower]}, ${req.rawHeaders[i + 1]}`;
      }
      headers.host = target.host;

      if (!isMultipart(req.headers["content-type"]) || !hasShadow(new URL(req.url, "http://proxy.local").pathname, req.method)) {
        stats.forwarded++;
        await forward(req, res, { path: req.url, headers, translated: false });
        return;
      }

      const raw = await readBody(req);
      let object;
      try {
        const form = await new Request(`http://proxy.local${req.url}`, { method: "POST", headers: { "content-type": req.headers["content-type"] }, body: raw }).formData();
        object = formDataToObject(form);
      } catch (error) {
        res.writeHead(400, { "content-type": "application/problem+json", [PROXY_HEADER]: "multipart-parse-error" });
        res.end(JSON.stringify({ title: "Bracket proxy: unreadable multipart/form-data body", detail: String(error?.message ?? error) }));
        return;
      }
      const url = new URL(req.url, "http://proxy.local");
      const shadowPath = `${pathPrefix}${url.pathname}`;
      const json = Buffer.from(JSON.stringify(coerce(shadowPath, req.method, object)));
      delete headers["transfer-encoding"];
      delete headers["content-encoding"];
      headers["content-type"] = "application/json";
      headers["content-length"] = String(json.length);
      stats.translated++;
      log(`[bracket-proxy] ${req.method} ${url.pathname}: multipart → JSON ${json.length} bytes`);
      await forward(req, res, { path: `${shadowPath}${url.search}`, headers, body: json, translated: true });
    } catch (error) {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/problem+json", [PROXY_HEADER]: "proxy-error" });
        res.end(JSON.stringify({ title: "Bracket proxy failure", detail: String(error?.stack ?? error) }));
      } else res.destroy();
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, host, resolve);
  });
  const { port } = server.address();
  let stopped;
  const stop = () =>
    (stopped ??= new Promise((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      agent.destroy();
    }));
  return { url: `http://${urlHost(host)}:${port}`, port, stop, stats };
}
