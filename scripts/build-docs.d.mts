// Types of what the repository tests import from scripts/build-docs.mjs.
import type { DocsContext } from "./docs/context.mjs";

/** The APIs named in the root redocly.yaml, in file order (spec relative to the repo root). */
export declare function listApis(): Promise<{ name: string; spec: string }[]>;
/** The spec as the docs page shows it (badges, SDK section, code samples); the input stays as it is. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export declare function decorateForDocs(doc: any, context?: DocsContext): any;
/** The badge every `x-inferred` operation carries on its page. */
export declare const INFERRED_BADGE: Readonly<{ name: string; color: string }>;
