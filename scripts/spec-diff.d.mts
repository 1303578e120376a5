// Types of scripts/spec-diff.mjs (imported by scripts/test/spec-diff.test.ts).

/** One change of a spec, for a user of its client. */
export interface SpecChange {
  readonly breaking: boolean;
  /** The operationId, `webhook <name>`, or `api` for a document-wide change. */
  readonly operation: string;
  readonly message: string;
}
/** Where the released spec was found. */
export interface SpecBase {
  readonly rev: string;
  readonly label: string;
  readonly how: "tag" | "version" | "first";
}
/** The changes of one vendor's spec since its release. */
export interface VendorDiff {
  readonly vendor: string;
  readonly spec: string;
  readonly packageName: string;
  readonly version: string;
  readonly base: SpecBase | undefined;
  readonly changes: SpecChange[];
  readonly bump: "none" | "patch" | "minor" | "major";
}
/** Every client-visible change between two parsed specs. */
export declare function diffSpecs(oldDoc: object, newDoc: object): SpecChange[];
/** The bump the changes call for (0.x: breaking → minor, else patch; 1.x: major / minor). */
export declare function requiredBump(changes: readonly SpecChange[], version: string): "none" | "patch" | "minor" | "major";
/** The changelog text of the changes (Markdown). */
export declare function changelogText(spec: string, changes: readonly SpecChange[], baseLabel: string): string;
/** The git top level of `cwd`. */
export declare function repoRoot(cwd?: string): string;
/** The APIs of the root redocly.yaml. */
export declare function listApis(root: string): { name: string; spec: string }[];
/** Where the released spec is, or undefined when the spec was never committed. */
export declare function findBase(root: string, vendor: string, spec: string): SpecBase | undefined;
/** The bumps the pending changesets give each package. */
export declare function pendingBumps(root: string): Map<string, "patch" | "minor" | "major">;
/** The changes of one vendor's spec since its release. */
export declare function vendorDiff(root: string, api: { name: string; spec: string }): VendorDiff;
/** Writes `.changeset/spec-<vendor>-<short>.md` (replacing an older one); returns its path. */
export declare function writeChangeset(root: string, diff: VendorDiff): string;
