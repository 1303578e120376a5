// Every API of every spec, as the property tests drive it: the generated operation tables (from each
// vendor package's src/generated/client.ts, plain data), the vendor wiring, and the path parameters
// the client binds from its own configuration, with the value bound.
import type { OperationMeta, Schema, VendorMeta, WebhookMeta } from "../../../packages/runtime/src/index.js";
import * as desk360 from "../../../packages/desk360/src/generated/client.js";
import * as helpshift from "../../../packages/helpshift/src/generated/client.js";
import * as helpwise from "../../../packages/helpwise/src/generated/client.js";
import * as nimchat from "../../../packages/nimchat/src/generated/client.js";
import * as wabbit from "../../../packages/wabbit/src/generated/client.js";

export interface Api {
  /** `vendor` or `vendor/api`. */
  readonly name: string;
  /** The vendor package directory. */
  readonly pkg: string;
  readonly vendor: VendorMeta;
  readonly table: readonly OperationMeta[];
  /** Bound path parameters and the value the client binds (VendorWiring.pathDefaults). */
  readonly bound: Readonly<Record<string, string>>;
}

export const APIS: readonly Api[] = [
  { name: "helpwise", pkg: "helpwise", vendor: helpwise.vendor, table: helpwise.operationTable, bound: {} },
  { name: "helpshift", pkg: "helpshift", vendor: helpshift.vendor, table: helpshift.operationTable, bound: { domain: "acme" } },
  { name: "desk360", pkg: "desk360", vendor: desk360.vendor, table: desk360.operationTable, bound: {} },
  { name: "nimchat/platform", pkg: "nimchat", vendor: nimchat.vendor, table: nimchat.platformOperationTable, bound: {} },
  { name: "nimchat/application", pkg: "nimchat", vendor: nimchat.vendor, table: nimchat.applicationOperationTable, bound: { account_id: "3" } },
  { name: "nimchat/public", pkg: "nimchat", vendor: nimchat.vendor, table: nimchat.publicOperationTable, bound: { inbox_identifier: "inbox-1" } },
  { name: "wabbit", pkg: "wabbit", vendor: wabbit.vendor, table: wabbit.operationTable, bound: {} },
];

/** The documented payload schemas that are validated too: webhooks, and the answers wabbit's rule engine sends back. */
export const WEBHOOK_SCHEMAS: readonly { readonly name: string; readonly schema: Schema }[] = [
  ...([["desk360", desk360.webhookTable], ["nimchat", nimchat.webhookTable], ["wabbit", wabbit.webhookTable]] as const).flatMap(([vendor, table]) =>
    (table as readonly WebhookMeta[]).map((w) => ({ name: `${vendor} webhook ${w.name}`, schema: w.schema })),
  ),
  ...Object.entries(wabbit.webhookResponses).map(([name, schema]) => ({ name: `wabbit response ${name}`, schema })),
];

/** The properties an operation's params may hold (flat schema, or the union of a union body's alternatives). */
export function declared(op: OperationMeta): Record<string, Schema> {
  const schema = op.schema ?? {};
  return Object.assign({}, schema.properties ?? {}, ...(schema.oneOf ?? schema.anyOf ?? []).map((alt) => alt.properties ?? {}));
}
