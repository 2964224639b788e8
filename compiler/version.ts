// The compiler's version, from package.json (bundled into dist by esbuild).
import pkg from "../package.json" with { type: "json" };

export const COMPILER_VERSION: string = pkg.version;
