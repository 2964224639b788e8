// Bundles the extension into dist/: extension.js (the VS Code client; `vscode` is provided by the
// editor) and server.js (the whole language server: compiler, formatter and their dependencies),
// so the .vsix runs with no node_modules. Both are CommonJS, the format VS Code loads.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * Lazy imports of the compiler that the language server never reaches (diagrams drawn with
 * Graphviz-in-WebAssembly, the TypeScript target's prettier plugins): left out of the bundle, and
 * rejected with a clear error if a future server feature reaches them, instead of bundling
 * megabytes that no request uses.
 */
const NOT_IN_SERVER = ["@viz-js/viz", "prettier/plugins/estree", "prettier/plugins/typescript"];
const leaveOutOfServer = {
  name: "leave-out-of-server",
  setup(esbuild) {
    const filter = new RegExp(
      `^(${NOT_IN_SERVER.map((name) => name.replaceAll("/", "\\/")).join("|")})$`,
    );
    esbuild.onResolve({ filter }, (args) => ({ path: args.path, namespace: "not-in-server" }));
    esbuild.onLoad({ filter: /.*/, namespace: "not-in-server" }, (args) => ({
      contents: `throw new Error(${JSON.stringify(
        `${args.path} is not bundled into the Funnel language server.`,
      )});`,
      loader: "js",
    }));
  },
};

const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  format: "cjs",
  // VS Code 1.90 runs extensions on Node 20 (Electron 29).
  target: "node20",
  // Minified: a smaller .vsix that loads faster; names kept so stack traces stay readable.
  minify: true,
  keepNames: true,
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
};

await build({
  ...shared,
  entryPoints: { extension: "src/extension.ts" },
  outdir: "dist",
  external: ["vscode"],
});

await build({
  ...shared,
  entryPoints: { server: "src/server.ts" },
  outdir: "dist",
  plugins: [leaveOutOfServer],
  // As in the CLI bundle (scripts/build.mjs): skip chevrotain's grammar self-checks at start-up.
  // import.meta.url does not exist in CommonJS; the bundle's own file stands in for it.
  define: { __FUNNEL_BUNDLED__: "true", "import.meta.url": "__funnelImportMetaUrl" },
  banner: {
    js: "const __funnelImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  metafile: true,
}).then((result) => {
  const inputs = Object.keys(result.metafile.inputs);
  for (const name of NOT_IN_SERVER) {
    if (inputs.some((input) => input.includes(`node_modules/${name}`)))
      throw new Error(`${name} was bundled into dist/server.js.`);
  }
});
