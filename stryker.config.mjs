// Mutation testing (Stryker + its vitest runner) of one package's hand-written sources, against that
// package's own vitest suite. Not a test gate: run it with `pnpm mutation` (scripts/bench/mutation.mjs
// runs this config once per package and prints the scores); one package alone:
//   STRYKER_PACKAGE=runtime ./node_modules/.bin/stryker run stryker.config.mjs
// Never `inPlace`: the sources are mutated in a sandbox copy (node_modules/.stryker-tmp), so a run
// does not disturb the working tree. Reports go to node_modules/.cache/inboxkit-mutation/<package>.{json,html}.
const pkg = process.env.STRYKER_PACKAGE ?? "runtime";
// Read by scripts/vitest/vendor-config (the test workers inherit it): no type tests under mutation.
process.env.INBOXKIT_MUTATION = "1";
/** The report's name: the package, or e.g. `runtime-quick` for a narrower `--mutate` run. */
const report = process.env.STRYKER_REPORT ?? pkg;
const dir = `packages/${pkg}`;
const out = "node_modules/.cache/inboxkit-mutation";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  // `related: false`: vitest's own related-file search finds nothing from the repository root; perTest coverage picks the tests.
  // INBOXKIT_TEST_FILES (runtime only): run with those test files only (mutation.mjs --baseline).
  vitest: { configFile: process.env.INBOXKIT_TEST_FILES && pkg === "runtime" ? `${dir}/test/support/vitest.subset.config.ts` : `${dir}/vitest.config.ts`, dir, related: false },
  mutate: [`${dir}/src/**/*.ts`, `!${dir}/src/generated/**`, `!${dir}/src/**/*.d.ts`],
  // Only what the package's tests need goes into the sandbox (specs for the vendors' Prism mocks).
  ignorePatterns: ["/docs-site", "/packages/*/dist", "/.turbo", "/scripts/demo", "/.changeset", "/.ci", "**/coverage", "**/*.tgz"],
  coverageAnalysis: "perTest",
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  tempDirName: "node_modules/.stryker-tmp",
  cleanTempDir: true,
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: `${out}/${report}.json` },
  htmlReporter: { fileName: `${out}/${report}.html` },
  clearTextReporter: { allowEmojis: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 75, break: null },
  timeoutMS: 20_000,
  timeoutFactor: 2,
  disableTypeChecks: true,
};
