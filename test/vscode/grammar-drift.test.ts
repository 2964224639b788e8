// The grammar generator follows grammar/tokens.ts: a new keyword is highlighted with no change to
// the generator, and a new kind of token without a scope stops generation with a message that
// says where to add it. tokens.ts is extended here through a mock; the real file is untouched.
import { createToken } from "chevrotain";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tokenize } from "./textmate.js";

const extra = vi.hoisted(() => ({
  keywords: [] as string[],
  tokens: [] as unknown[],
  replaced: new Map<string, unknown>(),
}));

vi.mock("../../grammar/tokens.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../grammar/tokens.js")>();
  return {
    ...original,
    get KEYWORDS() {
      return [...original.KEYWORDS, ...extra.keywords];
    },
    get ALL_TOKENS() {
      return [...original.ALL_TOKENS.map((t) => extra.replaced.get(t.name) ?? t), ...extra.tokens];
    },
  };
});

const { createTextMateGrammar, renderTextMateGrammar } =
  await import("../../editors/vscode/scripts/textmate-grammar.mjs");

afterEach(() => {
  extra.keywords.length = 0;
  extra.tokens.length = 0;
  extra.replaced.clear();
});

describe("grammar generator drift guards", () => {
  it("highlights a keyword added to tokens.ts without any change to the generator", async () => {
    extra.keywords.push("goal");
    extra.tokens.push(createToken({ name: "Goal", pattern: /goal/ }));
    const tokens = await tokenize("goal goals", renderTextMateGrammar());
    expect(tokens.map((t) => [t.text, t.scopes.join(" ")])).toEqual([
      ["goal", "keyword.other.funnel"],
      ["goals", "variable.other.funnel"],
    ]);
  });

  it("stops at a token of tokens.ts that has no scope, naming the place to add one", () => {
    extra.tokens.push(createToken({ name: "Semicolon", pattern: /;/ }));
    expect(() => createTextMateGrammar()).toThrow(
      "grammar/tokens.ts: token Semicolon has no TextMate scope; add it to TOKEN_SCOPES in editors/vscode/scripts/textmate-grammar.mts.",
    );
  });

  it("stops when a pattern it writes as a begin/end rule changes in tokens.ts", () => {
    extra.replaced.set(
      "BlockComment",
      createToken({ name: "BlockComment", pattern: /\(\*[\s\S]*?\*\)/ }),
    );
    expect(() => createTextMateGrammar()).toThrow(
      "grammar/tokens.ts: token BlockComment is now /\\(\\*[\\s\\S]*?\\*\\)/ (was /\\/\\*[\\s\\S]*?\\*\\//); update its begin/end rule in editors/vscode/scripts/textmate-grammar.mts.",
    );
  });
});
