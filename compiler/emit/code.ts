// Source-code generation for the emitters that write code: a template tag that strips indentation
// (Langium's expandToString) and the one escaping layer every string from a funnel goes through.
// Generated code is a `Code` value; text from a funnel can become `Code` only through `literal`
// (a JSON string literal) or `name` (a checked name), so it can never break out of its place.
import { NAME } from "../../core/names.js";

/** Only this module can make `Code` from text: the constructor needs this unexported token. */
const TOKEN: unique symbol = Symbol("code");

/**
 * A piece of generated source code. Build it with `code`, `verbatim`, `literal`, `name`, `join`,
 * `number` or `copiedSource`.
 */
export class Code {
  readonly text: string;
  constructor(token: typeof TOKEN, text: string) {
    if (token !== TOKEN)
      throw new Error("funnelc: Code is made by the builders in compiler/emit/code.ts");
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

const make = (text: string) => new Code(TOKEN, text);

/**
 * What may be interpolated into `code`: code, numbers and booleans (as literals), and lists (one
 * per line).
 */
export type CodePart = Code | number | boolean | null | readonly CodePart[];

/** Stands for the interpolations while indentation is computed; never in a template's own text. */
const HOLE = "\uE000";

/**
 * A string, number, boolean or null as a TypeScript literal. Strings are JSON string literals with
 * `<`, U+2028 and U+2029 also escaped, so a literal is safe in a string, in a `//` comment and in
 * HTML `<script>` (no `</script>`, no `<!--`).
 * @param value a value from the funnel (text, enum member, definition, label, path …)
 * @returns the literal as code
 */
export function literal(value: string | number | boolean | null): Code {
  if (typeof value === "number") return number(value);
  if (typeof value !== "string") return make(String(value));
  return make(
    JSON.stringify(value).replace(
      /[<\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    ),
  );
}

/**
 * A number as an expression that evaluates to exactly that number (negative ones in parentheses,
 * so they are safe after any operator).
 * @param value any number, NaN and infinities included
 * @returns the expression
 */
export function number(value: number): Code {
  if (Number.isNaN(value)) return make("NaN");
  if (value === Infinity) return make("Infinity");
  if (value === -Infinity) return make("(-Infinity)");
  if (Object.is(value, -0)) return make("(-0)");
  return make(value < 0 ? `(${String(value)})` : String(value));
}

/**
 * A funnel name as part of an identifier or a comment: checked against the name syntax, so it is
 * letters, digits and `_` only. With a prefix the result is never a reserved word (`f_class`,
 * `f___proto__`) and two names never give the same identifier.
 * @param name a stage, field, event, score or team name
 * @param prefix prepended to the name (itself a valid identifier start)
 * @returns the prefixed name as code
 * @throws Error when the name is not a funnel name: the IR is invalid (a bug, not a user error)
 */
export function name(name: string, prefix = ""): Code {
  if (!NAME.test(name))
    throw new Error(`funnelc: ${JSON.stringify(name)} is not a name (the IR is invalid)`);
  if (prefix !== "" && !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(prefix))
    throw new Error(`funnelc: bad identifier prefix ${JSON.stringify(prefix)}`);
  return make(prefix + name);
}

/**
 * Joins pieces of code with a separator of the emitter's own (", ", " && ", "\n" …).
 * @param parts the pieces
 * @param separator fixed text between them
 * @returns the joined code
 */
export function join(parts: readonly CodePart[], separator: string): Code {
  return make(parts.map(partText).join(separator));
}

function partText(part: CodePart): string {
  if (part instanceof Code) return part.text;
  if (typeof part === "number") return number(part).text;
  if (typeof part === "boolean" || part === null) return String(part);
  return part.map(partText).join("\n");
}

/**
 * Template tag for generated code. Strips the template's common indentation and its first and
 * last lines when blank; a multi-line interpolation is indented like the line it sits on; a line
 * holding only interpolations that are all empty is dropped. Interpolations must be `Code` (or
 * numbers, booleans, lists of them): a plain string is a type error, so every string from a funnel
 * has to pass through `literal` or `name`.
 * @param strings the template's text
 * @param parts its interpolations
 * @returns the code
 */
export function code(strings: TemplateStringsArray, ...parts: CodePart[]): Code {
  return make(expand(strings, parts.map(partText)));
}

/**
 * Template tag for fixed code written exactly as it stands in the template (backslashes kept, as
 * `String.raw`), indentation stripped like `code`. No interpolations: it holds no funnel text.
 * @param strings the template's text
 * @returns the code
 */
export function verbatim(strings: TemplateStringsArray): Code {
  if (strings.length !== 1) throw new Error("funnelc: verbatim code takes no interpolations");
  return make(expand(strings.raw, []));
}

/**
 * Fixed code copied from funnelc's own sources (compiler/emit/typescript/
 * module-runtime.generated.ts), line by line as written there; never text from a funnel.
 * @param lines the declaration's lines
 * @returns the lines as code
 */
export function copiedSource(lines: readonly string[]): Code {
  return make(lines.join("\n"));
}

function expand(strings: readonly string[], values: readonly string[]): string {
  if (strings.some((s) => s.includes(HOLE)))
    throw new Error("funnelc: template contains the placeholder character");
  let lines = strings.join(HOLE).split("\n");
  if (lines.length > 1 && lines[0].trim() === "") lines = lines.slice(1);
  if (lines.length > 1 && lines[lines.length - 1].trim() === "") lines = lines.slice(0, -1);
  const leading = (line: string) => line.length - line.trimStart().length;
  const indents = lines.filter((line) => line.trim() !== "").map(leading);
  const common = indents.length ? Math.min(...indents) : 0;
  let next = 0;
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.slice(Math.min(common, leading(raw)));
    const indent = line.slice(0, leading(line));
    const pieces = line.split(HOLE);
    const inserted = pieces.slice(1).map(() => values[next++]);
    if (
      inserted.length > 0 &&
      pieces.every((p) => p.trim() === "") &&
      inserted.every((v) => v === "")
    )
      continue;
    let text = pieces[0];
    inserted.forEach((value, i) => {
      text += value.replace(/\n/g, `\n${indent}`) + pieces[i + 1];
    });
    out.push(text.replace(/[ \t]+$/gm, ""));
  }
  return out.join("\n");
}
