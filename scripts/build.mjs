// Bundles the CLI and the library with esbuild: one file each, so `funnel` starts fast
// (importing chevrotain unbundled costs ~430 ms; bundled ~60 ms). Then writes the declaration
// files of the package entries (dist/types) that package.json "exports" points "types" at.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Chunk names carry content hashes: stale chunks from an earlier build would pile up in dist/.
rmSync("dist", { recursive: true, force: true });

const shared = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  legalComments: "none",
  define: { __FUNNEL_BUNDLED__: "true" },
  logLevel: "warning",
  // CommonJS dependencies (ajv, commander) call require() for Node built-ins.
  banner: {
    js:
      "import { createRequire as __createRequire } from 'node:module'; const require = " +
      "__createRequire(import.meta.url);",
  },
};

// `funnel fmt` and the language server's formatting import the formatter at run time from
// dist/prettier.js (the prettier plugin entry), so no CLI chunk holds a prettier import and
// `funnel check` starts without loading it.
const FORMATTER_IMPORTERS = ["cli/commands/fmt.ts", "lsp/formatting.ts"];
const formatterFromPluginBundle = {
  name: "formatter-from-plugin-bundle",
  setup(esbuild) {
    esbuild.onResolve({ filter: /\/format\/format\.js$/ }, (args) =>
      FORMATTER_IMPORTERS.some((importer) => args.importer.replaceAll("\\", "/").endsWith(importer))
        ? { path: "./prettier.js", external: true }
        : undefined,
    );
  },
};

await build({
  ...shared,
  entryPoints: {
    cli: "cli/main.ts",
    index: "compiler/index.ts",
    runtime: "runtime/index.ts",
    prettier: "format/index.ts",
  },
  outdir: "dist",
  // Shared chunks: each command's code loads when the command runs, not at every start-up.
  splitting: true,
  chunkNames: "[name]-[hash]",
  // Never bundled: the plugin runs inside the prettier that loads it, and the CLI loads it lazily.
  external: ["prettier", "prettier/*", "@viz-js/viz"],
  plugins: [formatterFromPluginBundle],
});

// TypeScript 7's tsc is native and has no JS API: run it as a program. tsconfig.build.json
// lists the entry files of ".", "./runtime" and "./prettier"; tsc follows their imports (~0.8 s).
execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], {
  stdio: "inherit",
});
