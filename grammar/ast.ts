// AST node types: a discriminated union on `kind`; every node has the half-open range `start`–`end`
// of offsets it covers. The offsets sit on the node itself rather than in a `span` object: a big
// file's AST is then half the objects, which halves the parser's garbage-collection time.
// Declarations carry the text of the `///` doc comments written right before them.
import type { Span } from "../core/diagnostics/diagnostic.js";

export type { Span };

interface NodeBase {
  /** Offset of the node's first character. */
  start: number;
  /** Offset just past the node's last character. */
  end: number;
}

/** A node's range as a fresh Span (for diagnostics and other values that outlive the AST). */
export function spanOf(node: { start: number; end: number }): Span {
  return { start: node.start, end: node.end };
}

/** A name as written. `missing` is set when the parser inserted it during error recovery. */
export interface NameNode extends NodeBase {
  kind: "Name";
  name: string;
  missing?: boolean;
}

export interface StringNode extends NodeBase {
  kind: "String";
  /** The decoded value (escapes resolved, triple-quote indentation removed). */
  value: string;
  triple: boolean;
}

export type LiteralType = "number" | "percent" | "string" | "date" | "datetime" | "boolean";

export interface LiteralNode extends NodeBase {
  kind: "Literal";
  type: LiteralType;
  /** number for number/percent; ISO text for date/datetime; decoded text for string. */
  value: number | string | boolean;
  raw: string;
}

export interface RefNode extends NodeBase {
  kind: "Ref";
  /** `event.x` when true, a record field or score otherwise. */
  event: boolean;
  name: NameNode;
}

export type OperandNode = RefNode | LiteralNode;
export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

export interface CompareNode extends NodeBase {
  kind: "Compare";
  op: CompareOp;
  left: OperandNode;
  right: OperandNode;
}
export interface IsSetNode extends NodeBase {
  kind: "IsSet";
  operand: OperandNode;
  negated: boolean;
}
export interface InNode extends NodeBase {
  kind: "In";
  operand: OperandNode;
  negated: boolean;
  values: LiteralNode[];
}
export interface ContainsNode extends NodeBase {
  kind: "Contains";
  operand: OperandNode;
  value: StringNode;
}
export interface NotNode extends NodeBase {
  kind: "Not";
  operand: ExprNode;
}
export interface LogicalNode extends NodeBase {
  kind: "And" | "Or";
  operands: ExprNode[];
}
export interface ParenNode extends NodeBase {
  kind: "Paren";
  expr: ExprNode;
}
export type ExprNode =
  CompareNode | IsSetNode | InNode | ContainsNode | NotNode | LogicalNode | ParenNode | OperandNode;

export interface DurationNode extends NodeBase {
  kind: "Duration";
  amount: number;
  /** The unit word as written (`days`); undefined when missing. */
  unit?: NameNode;
  /** Set when the parser invented the duration during error recovery. */
  missing?: boolean;
}

export interface ImportNode extends NodeBase {
  kind: "Import";
  path: StringNode;
}

export interface VersionNode extends NodeBase {
  kind: "Version";
  value: StringNode;
}
export interface DescriptionNode extends NodeBase {
  kind: "Description";
  value: StringNode;
}
export interface TeamNode extends NodeBase {
  kind: "Team";
  name: NameNode;
  title?: StringNode;
  docs?: string;
}

export type TypeNode = NamedTypeNode | EnumTypeNode;
export interface NamedTypeNode extends NodeBase {
  kind: "NamedType";
  name: NameNode;
}
export interface EnumTypeNode extends NodeBase {
  kind: "EnumType";
  values: StringNode[];
}

export interface FieldDeclNode extends NodeBase {
  kind: "FieldDecl";
  name: NameNode;
  type: TypeNode;
  optional: boolean;
  default?: LiteralNode;
  docs?: string;
}
export interface FieldsNode extends NodeBase {
  kind: "Fields";
  fields: FieldDeclNode[];
}
export interface EventDeclNode extends NodeBase {
  kind: "EventDecl";
  name: NameNode;
  fields: FieldDeclNode[];
  docs?: string;
}
export interface EventsNode extends NodeBase {
  kind: "Events";
  events: EventDeclNode[];
}
export interface ScoreRuleNode extends NodeBase {
  kind: "ScoreRule";
  points: number;
  on?: NameNode;
  when?: ExprNode;
  /** Set when the rule had a syntax error: `when` holds only what the parser could read. */
  incomplete?: true;
}
export interface ScoreNode extends NodeBase {
  kind: "Score";
  name: NameNode;
  rules: ScoreRuleNode[];
  docs?: string;
}
export interface TransitionNode extends NodeBase {
  kind: "Transition";
  target: NameNode;
  on?: NameNode;
  when?: ExprNode;
  /** Set when the rule had a syntax error: `when` holds only what the parser could read. */
  incomplete?: true;
}
export interface FromAnyNode extends NodeBase {
  kind: "FromAny";
  transitions: TransitionNode[];
}

export interface DefinitionNode extends NodeBase {
  kind: "Definition";
  value: StringNode;
}
export interface OwnerNode extends NodeBase {
  kind: "Owner";
  team: NameNode;
}
export interface LabelNode extends NodeBase {
  kind: "Label";
  language: NameNode;
  value: StringNode;
}
/** `map SYSTEM [OBJECT] "value" [probability N%] [forecast CATEGORY]` (spec §9.6). */
export interface MapNode extends NodeBase {
  kind: "Map";
  system: NameNode;
  /** The system's object (`deal`, `opportunity_stage`…); absent for the system's default. */
  object?: NameNode;
  value: StringNode;
  /** `probability 20%`: a percent literal (deal and opportunity stages). */
  probability?: LiteralNode;
  /** `forecast commit`: the forecast category (deal and opportunity stages). */
  forecast?: NameNode;
}
export interface OutcomeNode extends NodeBase {
  kind: "Outcome";
  value: NameNode;
}
export interface SlaNode extends NodeBase {
  kind: "Sla";
  duration: DurationNode;
  target: NameNode;
  notify: NameNode[];
}
export interface WarnNode extends NodeBase {
  kind: "Warn";
  duration: DurationNode;
  notify: NameNode[];
}
export interface TargetNode extends NodeBase {
  kind: "Target";
  measure: NameNode;
  percent?: LiteralNode;
  duration?: DurationNode;
}
export type StageItemNode =
  | DefinitionNode
  | OwnerNode
  | LabelNode
  | MapNode
  | OutcomeNode
  | TransitionNode
  | SlaNode
  | WarnNode
  | TargetNode;

export type StageKind = "stage" | "detour" | "terminal";
export interface StageNode extends NodeBase {
  kind: "Stage";
  stageKind: StageKind;
  name: NameNode;
  title?: StringNode;
  items: StageItemNode[];
  docs?: string;
}

export type FunnelItemNode =
  | VersionNode
  | DescriptionNode
  | TeamNode
  | FieldsNode
  | EventsNode
  | ScoreNode
  | FromAnyNode
  | StageNode;

export interface FunnelNode extends NodeBase {
  kind: "Funnel";
  name: NameNode;
  title?: StringNode;
  items: FunnelItemNode[];
  docs?: string;
}

export interface FileNode extends NodeBase {
  kind: "File";
  imports: ImportNode[];
  funnel?: FunnelNode;
}

export type AstNode =
  | FileNode
  | ImportNode
  | FunnelNode
  | FunnelItemNode
  | FieldDeclNode
  | EventDeclNode
  | ScoreRuleNode
  | StageItemNode
  | TypeNode
  | ExprNode
  | NameNode
  | StringNode
  | DurationNode;

/** A comment kept for the formatter and for doc attachment. */
export interface Comment {
  kind: "line" | "block" | "doc";
  text: string;
  start: number;
  end: number;
}
