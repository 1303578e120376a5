// Types of scripts/docs/context.mjs (imported by the repository tests).
import type { LoadedClients } from "./clients.mjs";

/** What the docs build knows about a vendor besides its spec. */
export interface DocsContext {
  readonly vendor: string;
  readonly clients: LoadedClients;
  readonly readme: string | undefined;
  readonly packageJson: { name: string; version: string } | undefined;
}
/** packages/<vendor>/package.json, or undefined when the vendor has no package yet. */
export declare function readPackageJson(vendor: string): Promise<{ name: string; version: string } | undefined>;
/** The docs context of one API of redocly.yaml. */
export declare function docsContext(vendor: string, doc: object): Promise<DocsContext>;
