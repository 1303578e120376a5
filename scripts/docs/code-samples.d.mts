// Types of scripts/docs/code-samples.mjs (imported by the repository tests).
import type { LoadedClients } from "./clients.mjs";

/** Label of the TypeScript sample (Redoc's tab). */
export declare const TYPESCRIPT_LABEL: string;
/** Label of the curl sample. */
export declare const CURL_LABEL: string;
/** A value as a TypeScript expression. */
export declare function tsLiteral(value: unknown, indent?: string): string;
/** Adds `x-codeSamples` (TypeScript, curl) to every operation of `doc` (mutates and returns it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export declare function addCodeSamples(doc: any, clients: LoadedClients): any;
