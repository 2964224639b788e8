// Completion in context: which words may stand at the cursor, read from the tokens of the rule
// or block around it (the compiler's lexer) and the enclosing declaration (the compiler's AST),
// with names from the funnel's symbol table.
import type { IToken, TokenType } from "chevrotain";
import { CompletionItemKind, MarkupKind, type CompletionItem } from "vscode-languageserver/node.js";
import type * as A from "../grammar/ast.js";
import { lex } from "../grammar/lexer.js";
import * as T from "../grammar/tokens.js";
import type { SymbolTable } from "../compiler/binder.js";
import { typeOfDecl, describeType, type ValueType } from "../compiler/checker/types.js";
import { nodePath } from "./ast-walk.js";
import {
  fieldMarkdown,
  stageMarkdown,
  teamMarkdown,
  eventMarkdown,
  scoreMarkdown,
} from "./describe.js";
import * as K from "./keywords.js";
import { mapCompletions } from "./vendor-maps.js";
import type { Workspace } from "./workspace.js";
import { NAME_AT_END } from "../core/names.js";

/** How far back the completion context reads when the enclosing block is larger. */
const MAX_CONTEXT = 4_000;

function keywordItems(words: readonly string[]): CompletionItem[] {
  return words.map((word) => ({
    label: word,
    kind: CompletionItemKind.Keyword,
    documentation: K.KEYWORD_DOCS[word]
      ? { kind: MarkupKind.Markdown, value: K.KEYWORD_DOCS[word] }
      : undefined,
  }));
}

/**
 * The completion items at an offset of a file.
 * @returns items in a stable order (the client sorts and filters by what is typed)
 */
export function completionsAt(
  workspace: Workspace,
  file: string,
  offset: number,
): CompletionItem[] {
  const program = workspace.program(file);
  const loaded = workspace.loaded(file);
  const text = loaded?.source.text ?? "";
  const symbols = program.symbols;
  offset = Math.max(0, Math.min(offset, text.length));

  // The word being typed is not part of the context.
  const wordMatch = NAME_AT_END.exec(text.slice(Math.max(0, offset - 200), offset));
  const wordStart = offset - (wordMatch?.[0].length ?? 0);
  const path = loaded ? nodePath(loaded.ast, wordStart) : [];
  const block = [...path]
    .reverse()
    .find((n) => ["Stage", "Score", "FromAny", "Fields", "Events", "Funnel"].includes(n.kind));
  const inside = block && block.kind !== "Funnel" && wordStart > block.start ? block : undefined;
  const lineStart = text.lastIndexOf("\n", wordStart - 1) + 1;
  const from = inside && wordStart - inside.start <= MAX_CONTEXT ? inside.start : lineStart;
  const tokens = lex(text.slice(from, wordStart), file).tokens;
  // Only the current clause matters: from the last `->`, clause keyword or rule start.
  const last = tokens[tokens.length - 1];
  const prev = tokens[tokens.length - 2];
  const is = (token: IToken | undefined, type: TokenType) => token?.tokenType === type;

  if (!symbols && !text.trim()) return keywordItems(K.keywordsAt("topLevel"));
  if (!symbols) return keywordItems(K.keywordsAt(block ? "funnelItem" : "topLevel"));

  const inMap =
    inside?.kind === "Stage" ? mapCompletions(tokens, text.slice(from, wordStart)) : undefined;
  if (inMap) return inMap;
  if (is(last, T.Arrow)) return stageItems(symbols, file);
  if (is(last, T.Owner) || is(last, T.Notify) || (is(last, T.Comma) && listAfter(tokens, T.Notify)))
    return teamItems(symbols);
  if (is(last, T.On)) return eventItems(symbols);
  if (is(last, T.Outcome))
    return wordItems(K.OUTCOME_NAMES, CompletionItemKind.EnumMember, "outcome");
  if (is(last, T.Target) && inside?.kind === "Stage")
    return wordItems(K.TARGET_KINDS, CompletionItemKind.EnumMember, "target");
  if (is(last, T.From)) return keywordItems(K.keywordsAt("afterFrom"));
  if (is(last, T.Colon) && (inside?.kind === "Fields" || inside?.kind === "Events"))
    return wordItems(K.TYPE_NAMES, CompletionItemKind.TypeParameter, "type");
  if (is(last, T.NumberLiteral) && durationContext(tokens)) return unitItems(Number(last!.image));
  if (is(last, T.Dot) && is(prev, T.EventKw)) {
    const event = ruleEvent(tokens, symbols);
    return event
      ? event.node.fields
          .filter((f) => !f.name.missing)
          .map((f) => fieldItem(f, CompletionItemKind.Field, `event ${event.name}`))
      : [];
  }
  if (is(last, T.Equals) || is(last, T.NotEquals)) {
    if (inside?.kind === "Fields" || inside?.kind === "Events") return [];
    const type = operandType(tokens.slice(0, -1), symbols);
    return type ? valueItems(type) : [];
  }
  if ((is(last, T.LSquare) && is(prev, T.In)) || (is(last, T.Comma) && listAfter(tokens, T.In))) {
    const at = tokens.lastIndexOf(
      tokens
        .slice()
        .reverse()
        .find((t) => t.tokenType === T.In)!,
    );
    const before = tokens.slice(0, at).filter((t) => t.tokenType !== T.Not);
    const type = operandType(before, symbols);
    return type ? valueItems(type) : [];
  }
  if (is(last, T.Is)) return keywordItems(K.keywordsAt("afterIs"));
  if (is(last, T.Not) && is(prev, T.Is)) return keywordItems(K.keywordsAt("afterIsNot"));
  if (last && conditionStart(last)) return conditionItems(symbols, tokens);
  if (last && inCondition(tokens) && operandEnd(last))
    return keywordItems(K.keywordsAt("afterOperand"));

  // At the start of a clause: the keywords of the enclosing block.
  if (!inside)
    return keywordItems(
      K.keywordsAt(
        symbols.funnel && wordStart > symbols.funnel.start && wordStart < symbols.funnel.end
          ? "funnelItem"
          : "topLevel",
      ),
    );
  if (inside.kind === "Stage") {
    const line = lex(text.slice(lineStart, wordStart), file).tokens;
    if (is(line[0], T.Arrow) && line.length >= 2)
      return keywordItems(K.keywordsAt("afterTransitionTarget"));
    return keywordItems(K.keywordsAt("stageItem"));
  }
  if (inside.kind === "Score" || inside.kind === "FromAny") {
    const line = lex(text.slice(lineStart, wordStart), file).tokens;
    if (line.length >= 1)
      return keywordItems(
        K.keywordsAt(inside.kind === "Score" ? "afterScorePoints" : "afterTransitionTarget"),
      );
    return [];
  }
  return [];
}

/** True when the tokens end in a comma-separated list of names after `keyword`. */
function listAfter(tokens: IToken[], keyword: TokenType): boolean {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i].tokenType;
    if (t === keyword) return true;
    if (keyword === T.In && t === T.LSquare) continue;
    const isItem =
      t === T.Comma ||
      (keyword === T.In
        ? t === T.StringLiteral || t === T.NumberLiteral || t === T.DateLiteral
        : tokens[i].tokenType.CATEGORIES?.includes(T.Name) || t === T.Identifier);
    if (!isItem) return false;
  }
  return false;
}

function durationContext(tokens: IToken[]): boolean {
  const before = tokens[tokens.length - 2];
  if (!before) return false;
  return (
    before.tokenType === T.Sla ||
    before.tokenType === T.Warn ||
    (Object.hasOwn(T.TARGET_VALUES, before.image) &&
      T.TARGET_VALUES[before.image as keyof typeof T.TARGET_VALUES] === "duration")
  );
}

const CONDITION_STARTERS = new Set<TokenType>([T.When, T.And, T.Or, T.Not, T.LParen]);
function conditionStart(token: IToken): boolean {
  return CONDITION_STARTERS.has(token.tokenType);
}

function inCondition(tokens: IToken[]): boolean {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i].tokenType;
    if (t === T.When) return true;
    if (
      t === T.Arrow ||
      t === T.On ||
      t === T.LCurly ||
      t === T.RCurly ||
      t === T.Plus ||
      t === T.Minus
    )
      return false;
  }
  return false;
}

function operandEnd(token: IToken): boolean {
  const t = token.tokenType;
  return (
    t === T.RParen ||
    t === T.RSquare ||
    t === T.StringLiteral ||
    t === T.NumberLiteral ||
    t === T.PercentLiteral ||
    t === T.DateLiteral ||
    t === T.DateTimeLiteral ||
    t === T.SetKw ||
    t === T.True ||
    t === T.False ||
    t === T.Identifier ||
    Boolean(token.tokenType.CATEGORIES?.includes(T.Name))
  );
}

/** The event of the rule the tokens end in (`on x … event.`), when it is declared. */
function ruleEvent(tokens: IToken[], symbols: SymbolTable) {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i].tokenType;
    if (t === T.Arrow || t === T.LCurly || t === T.RCurly) break;
    if (t === T.On && tokens[i + 1]) return symbols.events.get(tokens[i + 1].image);
  }
  return undefined;
}

/** The type of the operand the tokens end in: `field`, `score` or `event.field`. */
function operandType(tokens: IToken[], symbols: SymbolTable): ValueType | undefined {
  const last = tokens[tokens.length - 1];
  if (!last) return undefined;
  const name = last.image;
  if (
    tokens[tokens.length - 2]?.tokenType === T.Dot &&
    tokens[tokens.length - 3]?.tokenType === T.EventKw
  ) {
    const event = ruleEvent(tokens, symbols);
    const field = event?.node.fields.find((f) => f.name.name === name);
    return field ? typeOfDecl(field.type) : undefined;
  }
  if (symbols.scores.has(name)) return { kind: "number" };
  const field = symbols.fields.get(name);
  return field ? typeOfDecl(field.node.type) : undefined;
}

function valueItems(type: ValueType): CompletionItem[] {
  if (type.kind === "enum") {
    return type.values.map((value) => ({
      label: JSON.stringify(value),
      kind: CompletionItemKind.EnumMember,
      detail: describeType(type),
      filterText: JSON.stringify(value),
    }));
  }
  if (type.kind === "boolean") return keywordItems(K.BOOLEAN_WORDS);
  return [];
}

/** What completionItem/resolve needs to add a stage's documentation. */
export interface StageItemData {
  file: string;
  stage: string;
}

function stageItems(symbols: SymbolTable, file: string): CompletionItem[] {
  // A stage's documentation lists its incoming transitions, which means reading every stage:
  // computed for the one item the editor shows (completionItem/resolve), not for all of them.
  // The detail waits too: with thousands of stages the list is most of the response.
  return symbols.stageList.map((stage) => ({
    label: stage.name,
    kind: CompletionItemKind.Class,
    data: { file, stage: stage.name } satisfies StageItemData,
  }));
}

/** Adds the documentation of a stage item (completionItem/resolve). */
export function resolveCompletion(workspace: Workspace, item: CompletionItem): CompletionItem {
  const data = item.data as Partial<StageItemData> | undefined;
  if (
    typeof data?.file !== "string" ||
    typeof data.stage !== "string" ||
    !workspace.exists(data.file)
  )
    return item;
  const symbols = workspace.program(data.file).symbols;
  const stage = symbols?.stages.get(data.stage);
  if (!symbols || !stage) return item;
  return {
    ...item,
    detail:
      stage.node.stageKind + (stage.node.title ? ` ${JSON.stringify(stage.node.title.value)}` : ""),
    documentation: { kind: MarkupKind.Markdown, value: stageMarkdown(symbols, stage) },
  };
}

function teamItems(symbols: SymbolTable): CompletionItem[] {
  return [...symbols.teams.values()].map((team) => ({
    label: team.name,
    kind: CompletionItemKind.Module,
    detail: "team" + (team.node.title ? ` ${JSON.stringify(team.node.title.value)}` : ""),
    documentation: { kind: MarkupKind.Markdown, value: teamMarkdown(team) },
  }));
}

function eventItems(symbols: SymbolTable): CompletionItem[] {
  const items: CompletionItem[] = [...symbols.events.values()].map((event) => ({
    label: event.name,
    kind: CompletionItemKind.Event,
    detail: "event",
    documentation: { kind: MarkupKind.Markdown, value: eventMarkdown(event) },
  }));
  items.push({
    label: "update",
    kind: CompletionItemKind.Event,
    detail: "built-in event",
    documentation: {
      kind: MarkupKind.Markdown,
      value: "The built-in event that sets record fields; it has no data fields.",
    },
  });
  return items;
}

function fieldItem(
  field: A.FieldDeclNode,
  kind: CompletionItemKind,
  owner: string,
): CompletionItem {
  return {
    label: field.name.name,
    kind,
    detail: `${owner} field`,
    documentation: { kind: MarkupKind.Markdown, value: fieldMarkdown(field, owner) },
  };
}

function conditionItems(symbols: SymbolTable, tokens: IToken[]): CompletionItem[] {
  const items: CompletionItem[] = [...symbols.fields.values()].map((f) =>
    fieldItem(f.node, CompletionItemKind.Field, "record"),
  );
  for (const score of symbols.scores.values()) {
    items.push({
      label: score.name,
      kind: CompletionItemKind.Variable,
      detail: "score (number)",
      documentation: { kind: MarkupKind.Markdown, value: scoreMarkdown(score) },
    });
  }
  if (ruleEvent(tokens, symbols)) {
    items.push({
      label: "event.",
      kind: CompletionItemKind.Keyword,
      detail: "a data field of the rule's event",
      insertText: "event.",
      command: { title: "Suggest", command: "editor.action.triggerSuggest" },
      documentation: { kind: MarkupKind.Markdown, value: K.KEYWORD_DOCS.event },
    });
  }
  items.push(...keywordItems(["not"]));
  return items;
}

function unitItems(amount: number): CompletionItem[] {
  return K.DURATION_UNITS.map((unit) => {
    const label = amount === 1 ? unit : unit + "s";
    return {
      label,
      kind: CompletionItemKind.Unit,
      detail: "duration unit",
      documentation: {
        kind: MarkupKind.Markdown,
        value: `\`${amount} ${label}\`${
          unit === "month" || unit === "year" ? ": calendar " + unit + "s (whole numbers only)" : ""
        }`,
      },
    };
  });
}

function wordItems(
  words: readonly string[],
  kind: CompletionItemKind,
  what: string,
): CompletionItem[] {
  return words.map((word) => ({ label: word, kind, detail: what }));
}
