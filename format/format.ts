// formatText: the one way to format Funnel source, shared by `funnel fmt` and the language server.
import plugin from "./plugin.js";
import { parseForFormat } from "./parser.js";

export interface FormatOptions {
  /** Maximum line length before conditions and enum types break (default 100). */
  printWidth?: number;
  /** Spaces per indentation level (default 2). */
  tabWidth?: number;
  /** Indent with tabs instead of spaces. */
  useTabs?: boolean;
  /** The file's name, used in the error of a file with syntax errors. */
  filepath?: string;
}

/**
 * Formats a `.funnel` file in the canonical layout (docs/style.md).
 * @param text the file's text
 * @param options printWidth, tabWidth, useTabs and the file's name
 * @returns the formatted text
 * @throws FunnelSyntaxError (with `loc` and `diagnostic`) when the file has errors; nothing is
 * formatted then
 */
export async function formatText(text: string, options: FormatOptions = {}): Promise<string> {
  // Prettier returns a blank file as it is without parsing it; it has no funnel, which is an error.
  if (text.trim() === "") parseForFormat(text, options.filepath);
  // Loaded on first use: prettier is large, and only formatting needs it.
  const prettier = await import("prettier/standalone");
  return prettier.format(text, { ...options, parser: "funnel", plugins: [plugin] });
}
