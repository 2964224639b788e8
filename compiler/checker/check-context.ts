// What every check of one funnel shares: the bound funnel, where diagnostics go, and the facts
// learned so far (types, resolved references) that later checks and the flow analyses read.
import type * as A from "../../grammar/ast.js";
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import type { SymbolTable } from "../binder.js";
import type { ValueType } from "./types.js";

export interface ResolvedRef {
  target: "field" | "score" | "event";
  name: string;
  type: ValueType;
}

/** What the checker learned, for the later analyses and for lowering. */
export interface CheckFacts {
  refs: Map<A.RefNode, ResolvedRef>;
  fieldTypes: Map<string, ValueType>;
  eventFieldTypes: Map<string, Map<string, ValueType>>;
  /** Transitions (own and `from any`) whose target stage resolved. */
  validTransitions: Set<A.TransitionNode>;
}

export interface CheckOptions {
  /**
   * Whether a name may be declared where the checker cannot see it (in the part of a broken file
   * its parser lost, or in an import that could not be loaded). An unknown stage, field, event or
   * team of such a name is not reported: the syntax or import error is the real problem, and
   * "declare it" would be the wrong fix. By default every name is in sight.
   */
  isDeclaredOutOfSight?: (name: string) => boolean;
}

export interface CheckContext {
  symbols: SymbolTable;
  report: (diagnostic: Diagnostic) => void;
  facts: CheckFacts;
  isDeclaredOutOfSight: (name: string) => boolean;
}

/**
 * Starts the checking of one funnel, with no facts learned yet.
 * @param symbols the bound funnel
 * @param report receives each diagnostic
 * @param options what the checker cannot see
 * @returns the context every check step takes
 */
export function createCheckContext(
  symbols: SymbolTable,
  report: (diagnostic: Diagnostic) => void,
  options: CheckOptions = {},
): CheckContext {
  return {
    symbols,
    report,
    facts: {
      refs: new Map(),
      fieldTypes: new Map(),
      eventFieldTypes: new Map(),
      validTransitions: new Set(),
    },
    isDeclaredOutOfSight: options.isDeclaredOutOfSight ?? (() => false),
  };
}
