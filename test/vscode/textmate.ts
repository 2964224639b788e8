// Tokenizes Funnel source with the extension's TextMate grammar, the way VS Code does
// (vscode-textmate on the Oniguruma WebAssembly build), for the highlighting tests.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import oniguruma from "vscode-oniguruma";
import textmate, { type IGrammar } from "vscode-textmate";

// Both packages are CommonJS bundles whose named exports Node cannot detect statically.
const { createOnigScanner, createOnigString, loadWASM } = oniguruma;
const { INITIAL, parseRawGrammar, Registry } = textmate;

export const GRAMMAR_PATH = new URL(
  "../../editors/vscode/syntaxes/funnel.tmLanguage.json",
  import.meta.url,
);

/** One token of a line: its place, text and scopes, outermost first (without `source.funnel`). */
export interface ScopedToken {
  /** 0-based line and UTF-16 column. */
  line: number;
  column: number;
  text: string;
  scopes: string[];
}

let wasm: Promise<void> | undefined;
const grammars = new Map<string, Promise<IGrammar>>();

function loadGrammar(grammarText: string): Promise<IGrammar> {
  let grammar = grammars.get(grammarText);
  if (!grammar) {
    grammar = (async () => {
      const require = createRequire(import.meta.url);
      wasm ??= loadWASM(readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")));
      await wasm;
      const registry = new Registry({
        onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
        loadGrammar: async (scopeName) =>
          scopeName === "source.funnel"
            ? parseRawGrammar(grammarText, "funnel.tmLanguage.json")
            : null,
      });
      const loaded = await registry.loadGrammar("source.funnel");
      if (!loaded) throw new Error("The Funnel grammar did not load.");
      return loaded;
    })();
    grammars.set(grammarText, grammar);
  }
  return grammar;
}

/**
 * Tokenizes a whole file line by line, carrying the rule stack across lines as the editor does.
 * @param source the file's text
 * @param grammarText the grammar's JSON (default: the extension's committed grammar file)
 * @returns every token with its 0-based line; whitespace-only tokens are left out
 */
export async function tokenize(
  source: string,
  grammarText: string = readFileSync(GRAMMAR_PATH, "utf8"),
): Promise<ScopedToken[]> {
  const loaded = await loadGrammar(grammarText);
  const tokens: ScopedToken[] = [];
  let stack = INITIAL;
  source.split(/\r?\n/).forEach((lineText, line) => {
    const result = loaded.tokenizeLine(lineText, stack);
    for (const token of result.tokens) {
      const text = lineText.slice(token.startIndex, token.endIndex);
      if (text.trim() === "") continue;
      tokens.push({ line, column: token.startIndex, text, scopes: token.scopes.slice(1) });
    }
    stack = result.ruleStack;
  });
  return tokens;
}
