// The package entry, plus the core (the pipeline without a table) and the standalone operation
// functions, so a bundle that imports only these carries only the operations it calls.
import { defineConfig } from "tsup";
import base from "../../tsup.config.base.js";

export default defineConfig({ ...base, entry: ["src/index.ts", "src/core.ts", "src/funcs.ts"] });
