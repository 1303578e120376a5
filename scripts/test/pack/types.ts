// What scripts/test/pack.test.ts calls each vendor's installed package with: one file per vendor,
// scripts/test/pack/<vendor>.ts exporting `fixture`. A new vendor package fails the pack test until it has one.
/** How one vendor's client is exercised. */
export interface VendorFixture {
  /** The factory's credential options (the rest: baseUrl, fetch, are added by the consumers). */
  readonly credentials: Readonly<Record<string, string | number>>;
  /** The export name of the factory's operation table, for a multi-API vendor (default `operationTable`). */
  readonly table?: string;
  /** Path parameters the client binds from its options, with the value bound (for the expected URL). */
  readonly boundParams?: Readonly<Record<string, string | number>>;
  /** One successful call through a fake fetch: operation id, params, the 200 body, the expected result. */
  readonly call: { readonly op: string; readonly params: Record<string, unknown>; readonly okBody: unknown; readonly expected: unknown };
  /** Params of `call.op` the client must reject with a ValidationError before sending anything. */
  readonly invalidParams: Record<string, unknown>;
  /**
   * TypeScript statements run inside `async function consume()` with `client` in scope (and the type
   * `IsAny<T>`): typed calls whose result types are used, and `@ts-expect-error` lines that must error.
   */
  readonly typed: string;
}

