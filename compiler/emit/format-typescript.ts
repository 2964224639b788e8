// Prettier over generated TypeScript, for the targets that write code (ts, xstate).

/**
 * Formats generated TypeScript with prettier (printWidth 100).
 * @param source the generated source
 * @returns the formatted source
 */
export async function formatTypeScript(source: string): Promise<string> {
  // Loaded on use: prettier costs ~150 ms, which `funnel check` and the other targets never pay.
  const [prettier, estreePlugin, typescriptPlugin] = await Promise.all([
    import("prettier/standalone"),
    import("prettier/plugins/estree"),
    import("prettier/plugins/typescript"),
  ]);
  // A .ts file path tells prettier the source is not JSX: without it, prettier guesses with a
  // regular expression that is quadratic in the file's size (13 s of 21 s for 5,000 stages).
  return prettier.format(source, {
    parser: "typescript",
    filepath: "funnel.ts",
    plugins: [estreePlugin.default ?? estreePlugin, typescriptPlugin.default ?? typescriptPlugin],
    printWidth: 100,
  });
}
