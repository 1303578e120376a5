// The Redocly config a docs page is built with: the root redocly.yaml, plus the code-sample languages
// Redoc shows. Redoc only displays the `x-codeSamples` whose label (or lang) is one of
// `openapi.codeSamples.languages` (its default list has curl, JavaScript, Node.js, … but no
// TypeScript), so the generated TypeScript samples need that list. The root file stays as it is (it
// is the one list of APIs every tool reads); build-docs writes this derived copy next to the
// decorated spec and passes it with `--config`.
import { isAbsolute, resolve } from "node:path";
import { parse, stringify } from "yaml";
import { CURL_LABEL, TYPESCRIPT_LABEL } from "./code-samples.mjs";

/** The languages of the right panel, in tab order ("Payload" = Redoc's request body example). */
export const SAMPLE_LANGUAGES = Object.freeze([{ lang: TYPESCRIPT_LABEL }, { lang: CURL_LABEL }, { lang: "Payload" }]);

/**
 * The derived config as YAML.
 * @param {string} rootConfigText the root redocly.yaml
 * @param {string} rootDir the directory of the root redocly.yaml (relative API roots are resolved from it)
 */
export function docsRedoclyConfig(rootConfigText, rootDir) {
  const config = parse(rootConfigText) ?? {};
  for (const api of Object.values(config.apis ?? {})) if (api?.root && !isAbsolute(api.root)) api.root = resolve(rootDir, api.root);
  config.openapi ??= {};
  config.openapi.codeSamples ??= {};
  const existing = Array.isArray(config.openapi.codeSamples.languages) ? config.openapi.codeSamples.languages : [];
  const key = (l) => String(l?.label ?? l?.lang ?? "").toLowerCase();
  config.openapi.codeSamples.languages = [...SAMPLE_LANGUAGES.filter((l) => !existing.some((e) => key(e) === key(l))).map((l) => ({ ...l })), ...existing];
  return stringify(config);
}
