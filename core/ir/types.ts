// The IR: the canonical compiled form of a funnel. schema/funnel-ir.schema.json describes the same
// shape (a test checks the two agree); docs/ir.md documents every field.

export const IR_VERSION = 2;

/** Where a declaration or rule was written: project-relative file, 1-based lines and columns. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type TypeIR =
  | { kind: "number" | "text" | "boolean" | "date" | "datetime" }
  | { kind: "enum"; values: string[] };

export type ScalarValue = string | number | boolean;

export interface FieldIR {
  name: string;
  type: TypeIR;
  optional: boolean;
  /** Value a new record starts with; null when none (the field starts unset). */
  default: ScalarValue | null;
  docs: string | null;
  loc: SourceLocation;
}

export interface EventIR {
  name: string;
  fields: FieldIR[];
  docs: string | null;
  loc: SourceLocation;
}

export interface TeamIR {
  name: string;
  title: string | null;
  docs: string | null;
  loc: SourceLocation;
}

export type OperandIR =
  | { field: string }
  | { event: string }
  | { value: ScalarValue; type: "number" | "text" | "boolean" | "date" | "datetime" };

export type CompareOpIR = "=" | "!=" | "<" | "<=" | ">" | ">=";

export type ExprIR =
  | { op: "and" | "or"; args: ExprIR[] }
  | { op: "not"; arg: ExprIR }
  | { op: "compare"; cmp: CompareOpIR; left: OperandIR; right: OperandIR }
  | { op: "is_set"; operand: OperandIR; negated: boolean }
  | { op: "in"; operand: OperandIR; values: ScalarValue[]; negated: boolean }
  | { op: "contains"; operand: OperandIR; value: string }
  | { op: "truthy"; operand: OperandIR }
  | { op: "const"; value: boolean };

export interface ScoreRuleIR {
  points: number;
  on: string | null;
  when: ExprIR | null;
  loc: SourceLocation;
}

export interface ScoreIR {
  name: string;
  rules: ScoreRuleIR[];
  docs: string | null;
  loc: SourceLocation;
}

export type DurationUnitIR = "minute" | "hour" | "day" | "week" | "month" | "year";
export interface DurationIR {
  amount: number;
  unit: DurationUnitIR;
}

export interface TransitionIR {
  to: string;
  on: string | null;
  when: ExprIR | null;
  loc: SourceLocation;
}

export interface SlaIR {
  after: DurationIR;
  to: string;
  notify: string[];
  loc: SourceLocation;
}

export interface WarnIR {
  after: DurationIR;
  notify: string[];
  loc: SourceLocation;
}

/** One `map SYSTEM [OBJECT] "value"` of a stage (spec §9.6): its value in another system. */
export interface StageMapIR {
  /** The system as written (`hubspot`, `salesforce`, or any other, carried unchecked). */
  system: string;
  /** The object; the default (`lifecycle`, `lead_status`) of a known system when not written. */
  object: string | null;
  value: string;
  /** The win probability in percent (0–100), for deal and opportunity stages. */
  probability: number | null;
  /** The forecast category (`pipeline`, `best_case`, `commit`, `omitted`, `closed`). */
  forecast: string | null;
  loc: SourceLocation;
}

export interface StageIR {
  name: string;
  kind: "stage" | "detour" | "terminal";
  title: string | null;
  definition: string | null;
  owner: string | null;
  docs: string | null;
  labels: Record<string, string>;
  /** Sorted by system, then object (null first), then value. */
  maps: StageMapIR[];
  outcome: "won" | "lost" | "none" | null;
  transitions: TransitionIR[];
  sla: SlaIR | null;
  warn: WarnIR | null;
  targets: { conversionPercent: number | null; velocity: DurationIR | null };
  loc: SourceLocation;
}

export interface FunnelIR {
  irVersion: typeof IR_VERSION;
  compiler: { name: "funnelc"; version: string };
  /** The entry file, project-relative. */
  source: string;
  /** Imported files, project-relative, in the order their declarations were merged. */
  imports: string[];
  funnel: {
    name: string;
    title: string | null;
    version: string | null;
    description: string | null;
    docs: string | null;
    loc: SourceLocation;
  };
  teams: TeamIR[];
  fields: FieldIR[];
  events: EventIR[];
  scores: ScoreIR[];
  fromAny: TransitionIR[];
  stages: StageIR[];
  /** The first `stage` declared: every record starts here. */
  initialStage: string;
  /**
   * `stage` declarations in written order, then the terminal stage(s) with outcome won (spec §7).
   */
  successPath: string[];
}
