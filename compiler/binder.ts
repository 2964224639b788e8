// The binder: collects the declarations of a funnel and the files it imports into one symbol
// table per kind, and reports duplicates (spec §5: one namespace per kind; a score is a field too).
import type * as A from "../grammar/ast.js";
import { RESERVED_WORDS } from "../grammar/tokens.js";
import {
  createDiagnostic,
  relatedLocation,
  type Diagnostic,
  type Span,
} from "../core/diagnostics/diagnostic.js";
import type { LoadedFile } from "./imports.js";
import { spanOf } from "../grammar/ast.js";

export type SymbolKind = "team" | "field" | "score" | "event" | "stage";

export interface Reference {
  file: string;
  span: Span;
}

export interface FunnelSymbol<N> {
  name: string;
  kind: SymbolKind;
  node: N;
  /** Project path of the file that declares it. */
  file: string;
  /** True when it comes from an imported file. */
  imported: boolean;
  references: Reference[];
}

export type TeamSymbol = FunnelSymbol<A.TeamNode>;
export type FieldSymbol = FunnelSymbol<A.FieldDeclNode>;
export type ScoreSymbol = FunnelSymbol<A.ScoreNode>;
export type EventSymbol = FunnelSymbol<A.EventDeclNode>;
export type StageSymbol = FunnelSymbol<A.StageNode>;

export interface SymbolTable {
  teams: Map<string, TeamSymbol>;
  fields: Map<string, FieldSymbol>;
  scores: Map<string, ScoreSymbol>;
  events: Map<string, EventSymbol>;
  stages: Map<string, StageSymbol>;
  /** Stages in written order (the first `stage` is the initial stage). */
  stageList: StageSymbol[];
  fromAny: { node: A.TransitionNode; file: string }[];
  funnel?: A.FunnelNode;
  entry: string;
}

const KIND_TITLE: Record<SymbolKind, string> = {
  team: "Team",
  field: "Field",
  score: "Score",
  event: "Event",
  stage: "Stage",
};

/**
 * Builds the symbol table of one funnel.
 * @param entry the funnel's own file
 * @param imported its imported files, dependencies first
 * @returns the table and duplicate-name diagnostics
 */
export function bindFunnel(
  entry: LoadedFile,
  imported: LoadedFile[],
): { symbols: SymbolTable; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const symbols: SymbolTable = {
    teams: new Map(),
    fields: new Map(),
    scores: new Map(),
    events: new Map(),
    stages: new Map(),
    stageList: [],
    fromAny: [],
    funnel: entry.ast.funnel,
    entry: entry.source.path,
  };

  const declare = <N extends { name: A.NameNode }>(
    table: Map<string, FunnelSymbol<N>>,
    kind: SymbolKind,
    node: N,
    file: string,
    isImported: boolean,
  ) => {
    const name = node.name.name;
    if (node.name.missing || name === "" || RESERVED_WORDS.includes(name)) return undefined;
    const existing = table.get(name);
    if (existing) {
      // The same declaration reached twice (a diamond of imports) is not a duplicate.
      if (existing.node === node) return existing;
      diagnostics.push(
        createDiagnostic("duplicate-name", {
          format: { kind: KIND_TITLE[kind], name },
          file,
          span: spanOf(node.name),
          related: [
            relatedLocation("firstDeclared", { name }, existing.file, spanOf(existing.node.name)),
          ],
        }),
      );
      return undefined;
    }
    const symbol: FunnelSymbol<N> = {
      name,
      kind,
      node,
      file,
      imported: isImported,
      references: [],
    };
    table.set(name, symbol);
    return symbol;
  };

  for (const loaded of [...imported, entry]) {
    const funnel = loaded.ast.funnel;
    if (!funnel) continue;
    const file = loaded.source.path;
    const isImported = loaded !== entry;
    for (const item of funnel.items) {
      switch (item.kind) {
        case "Team":
          declare(symbols.teams, "team", item, file, isImported);
          break;
        case "Fields":
          for (const field of item.fields)
            declare(symbols.fields, "field", field, file, isImported);
          break;
        case "Events":
          for (const event of item.events) {
            if (event.name.name === "update") {
              diagnostics.push(
                createDiagnostic("reserved-word", {
                  messageId: "builtinEvent",
                  format: { name: "update" },
                  file,
                  span: spanOf(event.name),
                }),
              );
              continue;
            }
            declare(symbols.events, "event", event, file, isImported);
          }
          break;
        case "Score":
          declare(symbols.scores, "score", item, file, isImported);
          break;
        case "Stage":
          if (!isImported) {
            const stage = declare(symbols.stages, "stage", item, file, false);
            if (stage) symbols.stageList.push(stage);
          }
          break;
        case "FromAny":
          if (!isImported)
            for (const node of item.transitions) symbols.fromAny.push({ node, file });
          break;
      }
    }
  }

  // A score is also a number field: the two share names (spec §5).
  for (const score of symbols.scores.values()) {
    const field = symbols.fields.get(score.name);
    if (!field) continue;
    // Report on the declaration in the funnel's own file when the other one is imported, else on
    // the later one.
    const fieldFirst =
      field.imported !== score.imported ? field.imported : field.node.start <= score.node.start;
    const [first, second] = fieldFirst ? [field, score] : [score, field];
    diagnostics.push(
      createDiagnostic("duplicate-name", {
        messageId: "scoreField",
        format: { name: score.name },
        file: second.file,
        span: spanOf(second.node.name),
        related: [
          relatedLocation(
            "firstDeclared",
            { name: score.name },
            first.file,
            spanOf(first.node.name),
          ),
        ],
      }),
    );
  }
  return { symbols, diagnostics };
}
