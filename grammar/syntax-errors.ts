// Chevrotain's recognition errors and lexer errors → registry diagnostics. The only place that
// deals with chevrotain's inclusive end offsets and NaN positions of recovered tokens.
import {
  EOF,
  type IParserErrorMessageProvider,
  type IRecognitionException,
  type IToken,
  type TokenType,
} from "chevrotain";
import { createDiagnostic, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import { tokenEnd } from "./tokens.js";

/** What a parse error is about; encoded into chevrotain's message string and decoded below. */
interface SyntaxErrorInfo {
  messageId: "default" | "inContext" | "extraInput";
  expected: string;
  found: string;
  context: string;
}

/** Human descriptions of what a rule expects next, where listing tokens would not help. */
const RULE_EXPECTATIONS: Record<string, string> = {
  funnelItem:
    "a funnel clause (`stage`, `detour`, `terminal`, `team`, `fields`, `events`, `score`, " +
    "`from any`, `version` or `description`)",
  stageItem:
    "a stage clause (`definition`, `owner`, `->`, `sla`, `warn`, `label`, `map`, " +
    "`outcome` or `target`)",
  type:
    "a type (`number`, `text`, `boolean`, `date`, `datetime`) or a list of " +
    'strings like `"a" | "b"`',
  literal: "a value (a number, a string, a date, `true` or `false`)",
  operand: "a field name or a value",
  primary: "a condition (a field name, a value or `(`)",
  unary: "a condition (a field name, a value, `not` or `(`)",
  compareOp: "a comparison (`=`, `!=`, `<`, `<=`, `>` or `>=`)",
  test: "a test (`=`, `!=`, `<`, `>`, `is set`, `in [...]` or `contains`)",
  declName: "a name",
  scoreRule: "a score rule starting with `+` or `-`",
  stage: "`stage`, `detour` or `terminal`",
  string: "a string in double quotes",
  target: "a percentage or a duration",
};

function describeToken(type: TokenType): string {
  if (type === EOF) return "the end of the file";
  const label = type.LABEL;
  if (label) return /^[`"]/.test(label) ? label : `a ${label}`;
  return type.name === "Name" || type.name === "Identifier" ? "a name" : `\`${type.name}\``;
}

function describeFound(token: IToken | undefined): string {
  if (!token || token.tokenType === EOF || token.image === "") return "the end of the file";
  const firstLine = token.image.split(/\r?\n|\r/)[0];
  const cut = firstLine.length > 30 ? firstLine.slice(0, 27) : firstLine;
  const image = cut.length < token.image.length ? cut + "…" : cut;
  return "`" + image.replace(/\s+/g, " ") + "`";
}

function listOf(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? "something else";
  return unique.slice(0, -1).join(", ") + " or " + unique[unique.length - 1];
}

/** What may stand before the closing `}` of a block, for "expected `}`" messages. */
const BLOCK_CONTENTS: Record<string, string> = {
  funnel: "a funnel clause (`stage`, `team`, `fields`, `events`, `score`, `from any`…)",
  stage: "a stage clause (`definition`, `owner`, `->`, `sla`, `warn`…)",
  fields: "a field such as `email: text?`",
  eventDecl: "an event field such as `url: text`",
  events: "an event name",
  score: "a score rule such as `+10 on form_submitted`",
  fromAny: "a transition such as `-> disqualified when unsubscribed`",
};

function contextOf(previous: IToken | undefined, actual?: IToken): string {
  if (!previous || !Number.isFinite(previous.startOffset) || previous.image === "") return "";
  if (actual && Number.isFinite(actual.startOffset) && previous.startOffset >= actual.startOffset)
    return "";
  return `after ${describeFound(previous)}`;
}

function encode(info: SyntaxErrorInfo): string {
  if (info.messageId === "inContext" && info.context === "") info.messageId = "default";
  return JSON.stringify(info);
}

function expectedFromPaths(paths: TokenType[][], ruleName: string): string {
  if (RULE_EXPECTATIONS[ruleName]) return RULE_EXPECTATIONS[ruleName];
  return listOf(paths.filter((p) => p.length > 0).map((p) => describeToken(p[0])));
}

/** Chevrotain message provider: returns structured info; `toSyntaxDiagnostics` renders it. */
export const funnelErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    let described = describeToken(expected);
    if (expected.name === "RCurly" && BLOCK_CONTENTS[ruleName])
      described = `${BLOCK_CONTENTS[ruleName]} or \`}\``;
    return encode({
      messageId: "inContext",
      expected: described,
      found: describeFound(actual),
      context: contextOf(previous, actual),
    });
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return encode({
      messageId: "extraInput",
      expected: "",
      found: describeFound(firstRedundant),
      context: "",
    });
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, ruleName }) {
    const expected = expectedFromPaths(expectedPathsPerAlt.flat(), ruleName);
    return encode({
      messageId: "inContext",
      expected,
      found: describeFound(actual[0]),
      context: contextOf(previous, actual[0]),
    });
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, previous, ruleName }) {
    const expected = expectedFromPaths(expectedIterationPaths, ruleName);
    return encode({
      messageId: "inContext",
      expected,
      found: describeFound(actual[0]),
      context: contextOf(previous, actual[0]),
    });
  },
};

/**
 * Converts parser exceptions to diagnostics with half-open spans.
 * @param errors chevrotain's recognition exceptions, in the order they were raised
 * @param file the file name for the diagnostics
 * @param textLength length of the source, to clamp spans at the end of the file
 */
export function toSyntaxDiagnostics(
  errors: IRecognitionException[],
  file: string,
  textLength: number,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const error of errors) {
    let info: SyntaxErrorInfo;
    try {
      info = JSON.parse(error.message) as SyntaxErrorInfo;
    } catch {
      info = {
        messageId: "default",
        expected: "something else",
        found: describeFound(error.token),
        context: "",
      };
    }
    const span = spanOfErrorToken(error, textLength);
    const diagnostic =
      info.messageId === "extraInput"
        ? createDiagnostic("unexpected-token", {
            messageId: "extraInput",
            format: { found: info.found },
            file,
            span,
          })
        : info.messageId === "inContext"
          ? createDiagnostic("unexpected-token", {
              messageId: "inContext",
              format: { expected: info.expected, found: info.found, context: info.context },
              file,
              span,
            })
          : createDiagnostic("unexpected-token", {
              format: { expected: info.expected, found: info.found },
              file,
              span,
            });
    const last = out[out.length - 1];
    // Recovery can report the same place twice; one message per place is enough.
    if (!last || last.span.start !== span.start || last.message !== diagnostic.message)
      out.push(diagnostic);
  }
  return out;
}

function spanOfErrorToken(error: IRecognitionException, textLength: number) {
  const token = error.token;
  if (token && token.tokenType !== EOF && Number.isFinite(token.startOffset)) {
    return { start: token.startOffset, end: tokenEnd(token) };
  }
  const previous = (error as { previousToken?: IToken }).previousToken;
  const at = previous && Number.isFinite(previous.startOffset) ? tokenEnd(previous) : textLength;
  return { start: Math.min(at, textLength), end: Math.min(at, textLength) };
}
