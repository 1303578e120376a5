// One entry per API (and the whole package), so a bundle of the public client API carries only its
// own table; plus the cores (the pipelines without a table) and the standalone operation functions,
// so a bundle that imports only these carries only the operations it calls.
import { defineConfig } from "tsup";
import base from "../../tsup.config.base.js";

export default defineConfig({ ...base, entry: ["src/index.ts", "src/platform.ts", "src/application.ts", "src/public.ts", "src/core.ts", "src/funcs.ts"] });
