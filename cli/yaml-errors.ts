// YAML syntax errors of funnel.config.yaml and of scenario files in plain words, at the place to
// fix: the one wording both files' diagnostics use. The yaml library words errors for YAML experts
// ("Flow sequence in block collection must be sufficiently indented…") and reports an unclosed
// `[`, `{` or quote where it gave up looking (often the next line); this points at the bracket or
// quote that was opened and never closed.
import type { YAMLError } from "yaml";
import type { Span } from "../core/diagnostics/diagnostic.js";

/** The bracket or quote still open at `end`, scanning from the start (comments skipped). */
function openerBefore(text: string, end: number): { char: string; at: number } | undefined {
  const stack: { char: string; at: number }[] = [];
  let quote: { char: string; at: number } | undefined;
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (quote.char === "'" && c === "'" && text[i + 1] === "'") i++;
      else if (quote.char === '"' && c === "\\") i++;
      else if (c === quote.char) quote = undefined;
      continue;
    }
    // A quote opens a string only where a value starts (not in `it's`).
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:-]/.test(text[i - 1])))
      quote = { char: c, at: i };
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1])))
      while (i < text.length && text[i] !== "\n") i++;
    else if (c === "[" || c === "{") stack.push({ char: c, at: i });
    else if ((c === "]" || c === "}") && stack.length) stack.pop();
  }
  return quote ?? stack[stack.length - 1];
}

/**
 * A YAML error as a problem sentence (no final full stop) and the span it is about.
 * @param error one of the document's errors
 * @param text the file's text
 */
export function describeYamlError(error: YAMLError, text: string): { problem: string; span: Span } {
  const at: Span = { start: error.pos[0], end: error.pos[1] };
  const first = error.message.split("\n")[0].replace(/\.$/, "");
  switch (error.code) {
    case "BAD_INDENT":
    case "MISSING_CHAR": {
      const opener = /end with a [\]}]|closing "?quote|Missing closing/i.test(first)
        ? openerBefore(text, error.pos[0])
        : undefined;
      if (opener) {
        const span = { start: opener.at, end: opener.at + 1 };
        if (opener.char === "[")
          return {
            problem:
              "this `[` is never closed; end the list with `]` on the same line, " +
              "or write it as `- item` lines",
            span,
          };
        if (opener.char === "{")
          return {
            problem:
              "this `{` is never closed; end the map with `}` on the same line, or write " +
              "it as `key: value` lines",
            span,
          };
        return {
          problem: `this quoted text is never closed; add the closing \`${opener.char}\``,
          span,
        };
      }
      if (error.code === "BAD_INDENT")
        return {
          problem:
            "this line is indented differently from the lines above it; keys of one map must " +
            "start in the same column",
          span: at,
        };
      return { problem: first.charAt(0).toLowerCase() + first.slice(1), span: at };
    }
    case "TAB_AS_INDENT":
      return { problem: "YAML cannot indent with tabs; indent with spaces", span: at };
    case "DUPLICATE_KEY": {
      const key = /^[^:\s]+/.exec(text.slice(error.pos[0]))?.[0];
      return {
        problem: key
          ? `\`${key}\` is given twice; keep one of them`
          : "a key is given twice; keep one of them",
        span: at,
      };
    }
    case "UNEXPECTED_TOKEN": {
      const token = /"(.*)"$/.exec(first)?.[1];
      return {
        problem: token
          ? `unexpected \`${token}\` here: one too many, or its opening partner is missing`
          : "unexpected text here",
        span: at,
      };
    }
    case "BLOCK_AS_IMPLICIT_KEY":
      return {
        problem:
          "a value cannot hold another `key: value` on the same line; put the value in quotes, " +
          "or the inner keys on lines of their own",
        span: at,
      };
    case "MULTILINE_IMPLICIT_KEY":
      return {
        problem: "a key must fit on one line; is a `:` or a closing quote missing above?",
        span: at,
      };
    default:
      return { problem: first.charAt(0).toLowerCase() + first.slice(1), span: at };
  }
}
