// Every place a declared name occurs in a compiled funnel, declarations and uses alike, keyed by
// the declaration (file and offset), so one key means one symbol across every program that
// shares the declaring file. Built from the binder's tables and the checker's references.
import type * as A from "../grammar/ast.js";
import type { FunnelSymbol, SymbolKind, SymbolTable } from "../compiler/binder.js";
import type { Span } from "../core/diagnostics/diagnostic.js";
import type { FunnelProgram } from "../compiler/program.js";
import { eventRefs } from "./ast-walk.js";
import { spanOf } from "../grammar/ast.js";

export type OccurrenceKind = SymbolKind | "eventField";

export interface Occurrence {
  /** Declaration identity: `kind:file:offset` of the declared name. */
  key: string;
  kind: OccurrenceKind;
  name: string;
  file: string;
  span: Span;
  declaration: boolean;
}

export interface OccurrenceIndex {
  /** Occurrences per file, sorted by start offset. */
  byFile: Map<string, Occurrence[]>;
  /** Occurrences per key. */
  byKey: Map<string, Occurrence[]>;
}

export function symbolKey(kind: OccurrenceKind, file: string, nameSpan: Span): string {
  return `${kind}:${file}:${nameSpan.start}`;
}

/** Builds the index of one program (empty when it did not get as far as binding). */
export function buildOccurrences(program: FunnelProgram): OccurrenceIndex {
  const all: Occurrence[] = [];
  const symbols = program.symbols;
  if (symbols) {
    const add = <N extends { name: A.NameNode }>(table: Map<string, FunnelSymbol<N>>) => {
      for (const symbol of table.values()) {
        const key = symbolKey(symbol.kind, symbol.file, spanOf(symbol.node.name));
        all.push({
          key,
          kind: symbol.kind,
          name: symbol.name,
          file: symbol.file,
          span: spanOf(symbol.node.name),
          declaration: true,
        });
        for (const ref of symbol.references)
          all.push({
            key,
            kind: symbol.kind,
            name: symbol.name,
            file: ref.file,
            span: ref.span,
            declaration: false,
          });
      }
    };
    add(symbols.teams);
    add(symbols.fields);
    add(symbols.scores);
    add(symbols.events);
    add(symbols.stages);
    addEventFields(symbols, all);
  }
  const byFile = new Map<string, Occurrence[]>();
  const byKey = new Map<string, Occurrence[]>();
  const seen = new Set<string>();
  for (const occurrence of all) {
    const id = `${occurrence.file}\0${occurrence.span.start}\0${occurrence.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    push(byFile, occurrence.file, occurrence);
    push(byKey, occurrence.key, occurrence);
  }
  for (const list of byFile.values()) list.sort((a, b) => a.span.start - b.span.start);
  return { byFile, byKey };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Fields of events, declared in `events { e { x: … } }` and read as `event.x` after `on e`. */
function addEventFields(symbols: SymbolTable, out: Occurrence[]) {
  for (const event of symbols.events.values()) {
    for (const field of event.node.fields) {
      if (field.name.missing) continue;
      out.push({
        key: symbolKey("eventField", event.file, spanOf(field.name)),
        kind: "eventField",
        name: field.name.name,
        file: event.file,
        span: spanOf(field.name),
        declaration: true,
      });
    }
  }
  const visitRule = (on: A.NameNode | undefined, when: A.ExprNode | undefined, file: string) => {
    if (!on || !when) return;
    const event = symbols.events.get(on.name);
    if (!event) return;
    for (const ref of eventRefs(when)) {
      const field = event.node.fields.find((f) => f.name.name === ref.name.name);
      if (!field) continue;
      out.push({
        key: symbolKey("eventField", event.file, spanOf(field.name)),
        kind: "eventField",
        name: field.name.name,
        file,
        span: spanOf(ref.name),
        declaration: false,
      });
    }
  };
  for (const { node, file } of symbols.fromAny) visitRule(node.on, node.when, file);
  for (const stage of symbols.stageList) {
    for (const item of stage.node.items)
      if (item.kind === "Transition") visitRule(item.on, item.when, stage.file);
  }
  for (const score of symbols.scores.values())
    for (const rule of score.node.rules) visitRule(rule.on, rule.when, score.file);
}

/** The occurrence under an offset (a cursor right after a name counts as on it). */
export function occurrenceAt(
  index: OccurrenceIndex,
  file: string,
  offset: number,
): Occurrence | undefined {
  const list = index.byFile.get(file);
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = list[mid];
    if (o.span.end < offset) lo = mid + 1;
    else if (o.span.start > offset) hi = mid - 1;
    else return o;
  }
  return undefined;
}
