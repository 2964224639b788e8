// The extension's manifest, language configuration and snippets agree with each other, with the
// files they name and with the language: every snippet expands to source the parser accepts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lex } from "../../grammar/lexer.js";
import { parseFile } from "../../grammar/parse.js";
import { DURATION_UNITS, OUTCOME_NAMES, TYPE_NAMES } from "../../grammar/tokens.js";
import { DEFAULT_SETTINGS, readSettings } from "../../lsp/settings.js";
import { diagnose } from "../helpers/compile.js";

const extensionDir = new URL("../../editors/vscode/", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, extensionDir), "utf8");
const manifest = JSON.parse(read("package.json"));
const rootManifest = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
);
const languageConfiguration = JSON.parse(read("language-configuration.json"));
const snippets: Record<string, { prefix: string[]; body: string[]; description: string }> =
  JSON.parse(read("snippets/funnel.json"));
const extensionSource = read("src/extension.ts");

describe("package.json", () => {
  it("names the extension, its engine and its entry point", () => {
    expect(manifest).toMatchObject({
      name: "funnel",
      publisher: "funnelc",
      displayName: "Funnel",
      version: rootManifest.version,
      license: rootManifest.license,
      engines: { vscode: "^1.90.0" },
      main: "./dist/extension.js",
      activationEvents: ["onLanguage:funnel"],
      scripts: { "vscode:prepublish": "node scripts/build.mjs" },
      // `vsce package` needs no flags: no npm dependency scan (all is bundled), no repository yet.
      vsce: { dependencies: false, allowMissingRepository: true },
    });
  });

  it("has no dependencies of its own: everything is bundled into dist/", () => {
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.devDependencies).toBeUndefined();
  });

  it("builds against the same VS Code API version it declares", () => {
    const engine = /^\^(\d+\.\d+)\.\d+$/.exec(manifest.engines.vscode)![1];
    expect(rootManifest.devDependencies["@types/vscode"]).toBe(`~${engine}`);
  });

  it("contributes the language `funnel` for .funnel files with files that exist", () => {
    const { languages, grammars, snippets: snippetFiles } = manifest.contributes;
    expect(languages).toEqual([
      {
        id: "funnel",
        aliases: ["Funnel", "funnel"],
        extensions: [".funnel"],
        configuration: "./language-configuration.json",
      },
    ]);
    expect(grammars).toEqual([
      { language: "funnel", scopeName: "source.funnel", path: "./syntaxes/funnel.tmLanguage.json" },
    ]);
    expect(snippetFiles).toEqual([{ language: "funnel", path: "./snippets/funnel.json" }]);
    for (const path of [languages[0].configuration, grammars[0].path, snippetFiles[0].path]) {
      expect(existsSync(new URL(path, extensionDir)), path).toBe(true);
    }
    expect(JSON.parse(read(grammars[0].path)).scopeName).toBe(grammars[0].scopeName);
  });

  it("contributes exactly the commands the client registers", () => {
    const registered = [...extensionSource.matchAll(/registerCommand\("([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command)).toEqual(
      registered,
    );
    expect(registered).toEqual(["funnel.restartServer"]);
  });

  it("contributes the server's settings with the server's defaults and bounds", () => {
    const properties = manifest.contributes.configuration.properties;
    expect(Object.keys(properties)).toEqual([
      "funnel.trace.server",
      "funnel.diagnostics.delay",
      "funnel.diagnostics.flowDelay",
      "funnel.inlayHints.stagePositions",
      "funnel.format.printWidth",
    ]);
    // The settings as VS Code hands them over: nested objects under `funnel`.
    const defaults: Record<string, Record<string, unknown>> = {};
    for (const [key, property] of Object.entries<{ default: unknown }>(properties)) {
      const [, group, name] = key.split(".");
      if (group !== "trace") (defaults[group] ??= {})[name] = property.default;
    }
    expect(readSettings(defaults)).toEqual(DEFAULT_SETTINGS);
    expect(
      readSettings({ diagnostics: { delay: properties["funnel.diagnostics.delay"].maximum + 1 } })
        .diagnosticsDelay,
    ).toBe(properties["funnel.diagnostics.delay"].maximum);
    expect(
      readSettings({
        diagnostics: { flowDelay: properties["funnel.diagnostics.flowDelay"].maximum + 1 },
      }).flowDelay,
    ).toBe(properties["funnel.diagnostics.flowDelay"].maximum);
    expect(
      readSettings({ format: { printWidth: properties["funnel.format.printWidth"].minimum - 1 } })
        .printWidth,
    ).toBe(properties["funnel.format.printWidth"].minimum);
    for (const group of Object.keys(defaults))
      expect(extensionSource).toContain(`${group}: configuration.get("${group}")`);
  });

  it("contributes funnel.trace.server, which the client reads under its id `funnel`", () => {
    expect(manifest.contributes.configuration.properties["funnel.trace.server"]).toMatchObject({
      type: "string",
      enum: ["off", "messages", "verbose"],
      default: "off",
    });
    expect(extensionSource).toContain('new LanguageClient("funnel",');
  });

  it("ships a README, a changelog and a licence", () => {
    for (const file of ["README.md", "CHANGELOG.md", "LICENSE", ".vscodeignore"])
      expect(existsSync(new URL(file, extensionDir)), file).toBe(true);
    expect(read("CHANGELOG.md")).toContain(`## ${manifest.version}`);
    expect(read("README.md")).toContain(
      `code --install-extension editors/vscode/funnel-${manifest.version}.vsix`,
    );
  });
});

describe("language-configuration.json", () => {
  const only = (source: string) => {
    const lexed = lex(source, "test.funnel");
    return [...lexed.tokens, ...lexed.comments].map((t) => t.tokenType.name);
  };

  it("comments with the lexer's line and block comments", () => {
    expect(languageConfiguration.comments).toEqual({
      lineComment: "//",
      blockComment: ["/*", "*/"],
    });
    expect(only(`${languageConfiguration.comments.lineComment} stage x`)).toEqual(["LineComment"]);
    const [open, close] = languageConfiguration.comments.blockComment;
    expect(only(`${open} stage x ${close}`)).toEqual(["BlockComment"]);
  });

  it("matches and auto-closes the lexer's brackets", () => {
    expect(languageConfiguration.brackets).toEqual([
      ["{", "}"],
      ["[", "]"],
      ["(", ")"],
    ]);
    expect(languageConfiguration.brackets.flat().map(only)).toEqual([
      ["LCurly"],
      ["RCurly"],
      ["LSquare"],
      ["RSquare"],
      ["LParen"],
      ["RParen"],
    ]);
    expect(
      languageConfiguration.autoClosingPairs.map(
        (p: { open: string; close: string }) => p.open + p.close,
      ),
    ).toEqual(["{}", "[]", "()", '""', "/* */"]);
  });

  it("selects whole names, numbers, percentages, dates and datetimes as words", () => {
    const wordPattern = new RegExp(languageConfiguration.wordPattern, "y");
    const wordTokens = new Set(["Identifier", "Number", "Percent", "Date", "DateTime"]);
    for (const file of readdirSync(new URL("../../examples/", import.meta.url)).filter((f) =>
      f.endsWith(".funnel"),
    )) {
      const source = readFileSync(new URL(`../../examples/${file}`, import.meta.url), "utf8");
      for (const token of lex(source, file).tokens) {
        if (!wordTokens.has(token.tokenType.name) && !/^[a-z]+$/.test(token.image)) continue;
        wordPattern.lastIndex = token.startOffset;
        expect(wordPattern.exec(source)?.[0], `${file}:${token.startOffset}`).toBe(token.image);
      }
    }
  });

  it("continues a `///` doc comment on Enter, and only a doc comment", () => {
    expect(languageConfiguration.onEnterRules).toEqual([
      { beforeText: "^\\s*///.*$", action: { indent: "none", appendText: "/// " } },
    ]);
    const docLine = new RegExp(languageConfiguration.onEnterRules[0].beforeText);
    expect(
      ["/// A stage.", "  ///", "    /// Owned by sales."].map((line) => docLine.test(line)),
    ).toEqual([true, true, true]);
    expect(
      ["// a comment", '  stage a "///"', "  -> b when x"].map((line) => docLine.test(line)),
    ).toEqual([false, false, false]);
    expect(only("/// A stage.")).toEqual(["DocComment"]);
  });

  it("indents after a line that opens a block and outdents at its closing brace", () => {
    const increase = new RegExp(languageConfiguration.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(languageConfiguration.indentationRules.decreaseIndentPattern);
    const lines = readFileSync(
      new URL("../../examples/lead-to-revenue.funnel", import.meta.url),
      "utf8",
    ).split("\n");
    const indent = (line: string) => /^ */.exec(line)![0].length;
    lines.forEach((line, i) => {
      const next = lines.slice(i + 1).find((l) => l.trim() !== "" && !l.trim().startsWith("//"));
      if (next === undefined || line.trim() === "" || line.trim().startsWith("//")) return;
      expect(increase.test(line), line).toBe(indent(next) > indent(line));
      expect(decrease.test(line), line).toBe(line.trim().startsWith("}"));
    });
    expect(increase.test('  stage a "has { in its title" {')).toBe(true);
    expect(increase.test('  terminal won "Closed { Won" { outcome won }')).toBe(false);
  });
});

/** Expands a snippet as VS Code inserts it when every placeholder keeps its default. */
function expandSnippet(body: string[]): string {
  return body
    .join("\n")
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, "$1")
    .replace(/\$\{\d+:([^}]*)\}/g, "$1")
    .replace(/\$\d+/g, "");
}

/** Where each snippet is inserted: at the top of a file, inside a funnel, or inside a stage. */
const SNIPPET_PLACES: Record<string, "file" | "funnel" | "stage" | "before-funnel"> = {
  "New funnel": "file",
  "New stage": "funnel",
  "New detour": "funnel",
  "New terminal stage": "funnel",
  "Transition on an event": "stage",
  "Transition when a condition holds": "stage",
  SLA: "stage",
  "SLA warning": "stage",
  Team: "funnel",
  Fields: "funnel",
  Events: "funnel",
  Score: "funnel",
  "From any stage": "funnel",
  Import: "before-funnel",
};

function inPlace(snippet: string, place: (typeof SNIPPET_PLACES)[string]): string {
  switch (place) {
    case "file":
      return snippet;
    case "before-funnel":
      return `${snippet}\nfunnel f {}\n`;
    case "funnel":
      return `funnel f {\n${snippet}\n}\n`;
    case "stage":
      return `funnel f {\n  stage s {\n${snippet}\n  }\n}\n`;
  }
}

describe("snippets", () => {
  it("covers a new funnel, stages, transitions and SLAs, each with a place to test it", () => {
    expect(Object.keys(snippets).sort()).toEqual(Object.keys(SNIPPET_PLACES).sort());
  });

  it.each(Object.keys(SNIPPET_PLACES))("%s expands to source without syntax errors", (name) => {
    const source = inPlace(expandSnippet(snippets[name].body), SNIPPET_PLACES[name]);
    expect(
      parseFile(source, "snippet.funnel").diagnostics.map((d) => `${d.code} ${d.message}`),
    ).toEqual([]);
  });

  it("expands `New funnel` to a funnel that compiles without errors or warnings", () => {
    const source = expandSnippet(snippets["New funnel"].body);
    expect(
      diagnose(source).filter((d) => d.severity === "error" || d.severity === "warning"),
    ).toEqual([]);
  });

  it("offers the language's types, outcomes and duration units as choices", () => {
    const choices = Object.values(snippets).flatMap((s) =>
      [...s.body.join("\n").matchAll(/\$\{\d+\|([^|]*)\|\}/g)].map((m) => m[1].split(",")),
    );
    const sorted = (words: readonly string[]) => [...words].sort();
    for (const choice of choices) {
      expect([
        sorted(TYPE_NAMES),
        sorted(OUTCOME_NAMES),
        sorted(DURATION_UNITS.map((u) => `${u}s`)),
      ]).toContainEqual(sorted(choice));
    }
    expect(choices.length).toBe(7);
  });
});
