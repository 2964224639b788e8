// Semantic tokens: names coloured by what they are (stage, team, field, score, event, event
// field), declarations marked, and keywords told apart from names that happen to be keywords
// (a field called `owner`). Tokens come from the compiler's lexer, meanings from its binder.
import type { TokenType } from "chevrotain";
import type { Range, SemanticTokens, SemanticTokensLegend } from "vscode-languageserver/node.js";
import { lex } from "../grammar/lexer.js";
import * as T from "../grammar/tokens.js";
import { FORECAST_CATEGORIES } from "../core/vendors.js";
import type { OccurrenceKind } from "./occurrences.js";
import type { Workspace } from "./workspace.js";

export const TOKEN_TYPES = [
  "class",
  "namespace",
  "property",
  "variable",
  "event",
  "keyword",
  "type",
  "enumMember",
] as const;
export const TOKEN_MODIFIERS = ["declaration", "defaultLibrary"] as const;
export const SEMANTIC_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

const KIND_TYPE: Record<OccurrenceKind, (typeof TOKEN_TYPES)[number]> = {
  stage: "class",
  team: "namespace",
  field: "property",
  score: "variable",
  event: "event",
  eventField: "property",
};

const KEYWORD_TOKENS = new Set<TokenType>([...T.CONTEXTUAL_KEYWORD_TOKENS, ...T.RESERVED_TOKENS]);
const TYPE_WORDS = new Set<string>(T.TYPE_NAMES);
const VALUE_WORDS = new Set<string>([...T.OUTCOME_NAMES, ...T.TARGET_KINDS]);
const FORECAST_WORDS = new Set<string>(FORECAST_CATEGORIES.map((c) => c.name));

/**
 * The tokens of a file, or of a range of it (what editors ask for the visible part of a large
 * file). A range is lexed from a point where no string or comment can be open: the start of the
 * declaration it begins in, or the end of the one before.
 */
export function semanticTokens(workspace: Workspace, file: string, range?: Range): SemanticTokens {
  const program = workspace.program(file);
  const loaded = workspace.loaded(file);
  if (!loaded || !program.file) return { data: [] };
  const index = workspace.index(file);
  const occurrences = index.byFile.get(file) ?? [];
  const text = loaded.source.text;
  let from = 0;
  let to = text.length;
  let first = 0;
  if (range) {
    first = workspace.offsetOf(file, range.start);
    to = workspace.offsetOf(file, range.end);
    const lineEnd = text.indexOf("\n", to);
    to = lineEnd < 0 ? text.length : lineEnd;
    for (const item of loaded.ast.funnel?.items ?? []) {
      if (item.start > first) break;
      from = item.end <= first ? item.end : item.start;
    }
  }
  const byStart = new Map(
    occurrences
      .filter((o) => o.span.start >= from && o.span.start <= to)
      .map((o) => [o.span.start, o]),
  );
  const tokens = lex(text.slice(from, to), file).tokens;
  const data: number[] = [];
  let lastLine = 0;
  let lastChar = 0;
  let previous: TokenType | undefined;
  for (const token of tokens) {
    const start = token.startOffset + from;
    const length = token.image.length;
    if (start < first) {
      previous = token.tokenType;
      continue;
    }
    let type: number | undefined;
    let modifiers = 0;
    const occurrence = byStart.get(start);
    if (occurrence && occurrence.span.end === start + length) {
      type = TOKEN_TYPES.indexOf(KIND_TYPE[occurrence.kind]);
      if (occurrence.declaration) modifiers |= 1;
    } else if (previous === T.Colon && TYPE_WORDS.has(token.image)) {
      type = TOKEN_TYPES.indexOf("type");
      modifiers |= 2;
    } else if ((previous === T.Outcome || previous === T.Target) && VALUE_WORDS.has(token.image)) {
      type = TOKEN_TYPES.indexOf("enumMember");
    } else if (previous === T.Forecast && FORECAST_WORDS.has(token.image)) {
      type = TOKEN_TYPES.indexOf("enumMember");
    } else if (KEYWORD_TOKENS.has(token.tokenType) && !isNameHere(previous)) {
      type = TOKEN_TYPES.indexOf("keyword");
    }
    previous = token.tokenType;
    if (type === undefined || length === 0) continue;
    const position = workspace.rangeOf(file, { start, end: start }).start;
    const deltaLine = position.line - lastLine;
    const deltaChar = deltaLine === 0 ? position.character - lastChar : position.character;
    data.push(deltaLine, deltaChar, length, type, modifiers);
    lastLine = position.line;
    lastChar = position.character;
  }
  return { data };
}

/** After these a contextual keyword is a name being declared or referred to, not a keyword. */
function isNameHere(previous: TokenType | undefined): boolean {
  return (
    previous === T.Arrow ||
    previous === T.Owner ||
    previous === T.Notify ||
    previous === T.On ||
    previous === T.Dot ||
    previous === T.Team ||
    previous === T.Stage ||
    previous === T.Detour ||
    previous === T.Terminal ||
    previous === T.MapKw ||
    previous === T.Forecast
  );
}
