// The "TypeScript SDK" section every vendor page opens with: the package README (install, quick
// start, authentication, errors, paging, webhooks, …), so the docs page and the npm page say the
// same from one source. It is prepended to the spec's `info.description` (Markdown); the spec's own
// description follows under "API overview".

/** Heading of the section (an h1 of info.description: Redoc lists it first in the sidebar). */
export const SDK_HEADING = "TypeScript SDK";
/** Heading the spec's own description moves under. */
export const OVERVIEW_HEADING = "API overview";

/**
 * The README as a docs section: its title line and HTML comments (the README test's `typecheck:`
 * preludes) dropped, headings kept at their level (`##` nests under the section's `#`).
 * @param {string} readme the package README (Markdown)
 */
export function readmeSection(readme) {
  const lines = readme.replace(/\r\n/g, "\n").replace(/<!--[\s\S]*?-->/g, "").split("\n");
  if (/^#\s/.test(lines[0] ?? "")) lines.shift();
  // A README `#` heading would leave the section; it becomes `##`.
  let fenced = false;
  const body = lines.map((line) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    return !fenced && /^#\s/.test(line) ? `#${line}` : line;
  });
  return body.join("\n").trim();
}

/**
 * `info.description` with the SDK section in front.
 * @param {string | undefined} description the spec's info.description
 * @param {string} readme the package README
 */
export function withSdkSection(description, readme) {
  const sdk = `# ${SDK_HEADING}\n\n${readmeSection(readme)}\n`;
  const rest = typeof description === "string" && description.trim() ? `\n# ${OVERVIEW_HEADING}\n\n${description.trim()}\n` : "";
  return `${sdk}${rest}`;
}
