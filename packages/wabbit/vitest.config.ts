import { vendorConfig } from "../../scripts/vitest/vendor-config.js";

export default vendorConfig();
