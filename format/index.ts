// The package entry `funnelc/prettier`: the prettier plugin for `.funnel` files (use it with
// `prettier --plugin funnelc/prettier` or a `.prettierrc`) and formatText. The CLI loads the
// formatter through this bundle (dist/prettier.js), so `funnel check` never loads prettier.
export { default, defaultOptions, languages, options, parsers, printers } from "./plugin.js";
export { formatText, type FormatOptions } from "./format.js";
