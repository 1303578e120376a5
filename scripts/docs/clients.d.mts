// Types of scripts/docs/clients.mjs (see its module comment for the per-vendor file format).

/** An option value: a literal, or a credential shown as `process.env.<env>!` (docs) or its placeholder (mock). */
export type OptionValue = string | number | boolean | { readonly env: string; readonly placeholder: string };
/** How one client of a vendor is created. */
export interface ClientSetup {
  readonly api?: string;
  readonly schemes?: readonly string[];
  readonly factory: string;
  readonly variable: string;
  readonly options: Readonly<Record<string, OptionValue>>;
  readonly curl?: string;
}
/** The default export of scripts/docs/clients/<vendor>.mjs. */
export interface VendorClients {
  readonly package?: string;
  readonly clients: readonly ClientSetup[];
}
/** A checked VendorClients with its package name. */
export interface LoadedClients {
  readonly vendor: string;
  readonly package: string;
  readonly clients: readonly ClientSetup[];
}
export declare const CLIENTS_DIR: string;
export declare function checkVendorClients(vendor: string, value: unknown, apis?: string[]): LoadedClients;
export declare function loadVendorClients(vendor: string, doc?: object): Promise<LoadedClients>;
export declare function clientFor(loaded: LoadedClients, op: { api?: string | undefined; schemes?: string[] }): ClientSetup;
export declare function renderOptions(setup: ClientSetup, how: { credentials: "env" | "placeholder"; baseUrl?: string }): string;
export declare function renderClientCreation(pkg: string, setups: readonly ClientSetup[], how: { credentials: "env" | "placeholder"; baseUrl?: string }): string;
