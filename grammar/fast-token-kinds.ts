// Token kinds of the fast parser by name: the scanner's kind numbers (scanner.ts) of the
// keywords and punctuation of grammar/tokens.ts, and the comparison operators by kind.
import type * as A from "./ast.js";
import * as S from "./scanner.js";
import * as T from "./tokens.js";

const k = S.kindOf;
export const IMPORT = k(T.Import);
export const FUNNEL = k(T.Funnel);
export const VERSION = k(T.Version);
export const DESCRIPTION = k(T.Description);
export const TEAM = k(T.Team);
export const FIELDS = k(T.Fields);
export const EVENTS = k(T.Events);
export const SCORE = k(T.Score);
export const FROM = k(T.From);
export const ANY = k(T.Any);
export const STAGE = k(T.Stage);
export const DETOUR = k(T.Detour);
export const TERMINAL = k(T.Terminal);
export const DEFINITION = k(T.Definition);
export const OWNER = k(T.Owner);
export const LABEL = k(T.Label);
export const MAP = k(T.MapKw);
export const OUTCOME = k(T.Outcome);
export const SLA = k(T.Sla);
export const WARN = k(T.Warn);
export const NOTIFY = k(T.Notify);
export const TARGET = k(T.Target);
export const PROBABILITY = k(T.Probability);
export const FORECAST = k(T.Forecast);
export const ON = k(T.On);
export const WHEN = k(T.When);
export const AND = k(T.And);
export const OR = k(T.Or);
export const NOT = k(T.Not);
export const IN = k(T.In);
export const IS = k(T.Is);
export const SET = k(T.SetKw);
export const CONTAINS = k(T.Contains);
export const EVENT = k(T.EventKw);
export const TRUE = k(T.True);
export const FALSE = k(T.False);
export const ARROW = k(T.Arrow);
export const LCURLY = k(T.LCurly);
export const RCURLY = k(T.RCurly);
export const LPAREN = k(T.LParen);
export const RPAREN = k(T.RParen);
export const LSQUARE = k(T.LSquare);
export const RSQUARE = k(T.RSquare);
export const COMMA = k(T.Comma);
export const COLON = k(T.Colon);
export const PIPE = k(T.Pipe);
export const QUESTION = k(T.Question);
export const DOT = k(T.Dot);
export const EQUALS = k(T.Equals);
export const PLUS = k(T.Plus);
export const MINUS = k(T.Minus);
/** The scanner's own kinds: literals, names and the end of the text. */
export {
  STRING,
  TRIPLE_STRING,
  NUMBER,
  PERCENT,
  DATE,
  DATETIME,
  IDENTIFIER,
  EOF,
  IS_NAME,
} from "./scanner.js";

/** Comparison operators by kind (the token text, as parser.ts takes it from the image). */
export const COMPARE_OPS: (A.CompareOp | undefined)[] = [];
COMPARE_OPS[EQUALS] = "=";
COMPARE_OPS[k(T.NotEquals)] = "!=";
COMPARE_OPS[k(T.LessEquals)] = "<=";
COMPARE_OPS[k(T.GreaterEquals)] = ">=";
COMPARE_OPS[k(T.Less)] = "<";
COMPARE_OPS[k(T.Greater)] = ">";
