// fast-check arbitraries for syntactically valid Funnel source: every clause of spec §4, names
// that are contextual keywords, strings with escapes, triple strings, every literal kind, nested
// conditions, and comments (line, block, doc) and odd blanks between any two tokens.
import fc from "fast-check";
import { KEYWORDS, RESERVED_WORDS } from "../../grammar/tokens.js";

const words = [
  "a",
  "b",
  "lead",
  "x_1",
  "_tmp",
  "Stage2",
  "won",
  "lost",
  "days",
  "month",
  "number",
  "text",
];
/** Any name: a plain identifier or a contextual keyword (all valid wherever a name goes). */
export const name = fc.oneof(
  fc.constantFrom(...words),
  fc.constantFrom(...KEYWORDS),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/).filter((n) => !RESERVED_WORDS.includes(n)),
);
/** A plain identifier that is no keyword (duration units must be identifiers). */
const unit = fc.constantFrom("days", "day", "hours", "weeks", "months", "year", "minutes", "dayz");

const stringBody = fc.array(
  fc.oneof(
    fc.constantFrom("a", " ", "Ü", "é", "🙂", "'", "/", "//", "/*", "{", "-"),
    fc.constantFrom('\\"', "\\\\", "\\n", "\\t", "\\u{41}", "\\u{1F600}"),
  ),
  { maxLength: 6 },
);
const plainString = stringBody.map((parts) => `"${parts.join("")}"`);
const tripleString = fc
  .array(
    fc.constantFrom(
      "line",
      "  indented",
      "",
      "\t tab",
      'say ""hi"" ok',
      'esc \\""" x',
      "back\\\\slash",
      "\\n",
    ),
    { minLength: 1, maxLength: 4 },
  )
  .chain((lines) =>
    fc.constantFrom(
      `"""${lines.join("\n")}"""`,
      `"""\n${lines.join("\n")}\n  """`,
      `"""${lines.join("\r\n")}"""`,
    ),
  );
export const str = fc.oneof(
  { weight: 4, arbitrary: plainString },
  { weight: 1, arbitrary: tripleString },
);

const num = fc.oneof(
  fc.nat({ max: 1000 }).map(String),
  fc.constantFrom("0", "007", "12.5", "3.14159", "123456789012345678", "0.5"),
);
const date = fc.constantFrom("2026-01-31", "2024-02-29", "1999-12-01");
const datetime = fc.constantFrom(
  "2026-01-31T09:30:00Z",
  "2026-01-31T09:30+01:00",
  "2026-01-31T23:59:59.125-05:30",
);
const literal = fc.oneof(
  num,
  num.map((n) => "-" + n),
  num.map((n) => n + "%"),
  date,
  datetime,
  fc.constantFrom("true", "false"),
  str,
);
const operand = fc.oneof(
  name,
  name.map((n) => `event.${n}`),
  name.map((n) => `event . ${n}`),
  literal,
);
const test = fc.oneof(
  fc
    .tuple(operand, fc.constantFrom("=", "!=", "<", "<=", ">", ">="), operand)
    .map(([l, op, r]) => `${l} ${op} ${r}`),
  operand.map((o) => `${o} is set`),
  operand.map((o) => `${o} is not set`),
  fc
    .tuple(
      operand,
      fc.constantFrom("in", "not in"),
      fc.array(literal, { minLength: 1, maxLength: 3 }),
    )
    .map(([o, op, vs]) => `${o} ${op} [${vs.join(", ")}]`),
  fc.tuple(operand, str).map(([o, s]) => `${o} contains ${s}`),
  operand,
);
const { expr } = fc.letrec<{ expr: string; unary: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("unary"),
    fc.array(tie("unary"), { minLength: 2, maxLength: 3 }).map((xs) => xs.join(" and ")),
    fc.array(tie("unary"), { minLength: 2, maxLength: 3 }).map((xs) => xs.join(" or ")),
  ),
  unary: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    test,
    tie("unary").map((u) => `not ${u}`),
    tie("expr").map((e) => `(${e})`),
  ),
}));

const optional = (arb: fc.Arbitrary<string>) => fc.option(arb, { nil: "" });
const duration = fc.tuple(num, optional(unit)).map(([n, u]) => `${n} ${u}`);
const notify = optional(
  fc.array(name, { minLength: 1, maxLength: 3 }).map((ns) => `notify ${ns.join(", ")}`),
);
const transition = fc
  .tuple(name, optional(name.map((n) => `on ${n}`)), optional(expr.map((e) => `when ${e}`)))
  .map(([target, on, when]) => `-> ${target} ${on} ${when}`);
const stageItem = fc.oneof(
  str.map((s) => `definition ${s}`),
  name.map((n) => `owner ${n}`),
  fc.tuple(name, str).map(([l, s]) => `label ${l} ${s}`),
  fc
    .tuple(
      name,
      optional(name),
      str,
      optional(num.map((n) => `probability ${n}%`)),
      optional(name.map((n) => `forecast ${n}`)),
    )
    .map(([m, o, s, p, f]) => `map ${m} ${o} ${s} ${p} ${f}`),
  name.map((n) => `outcome ${n}`),
  transition,
  fc.tuple(duration, name, notify).map(([d, t, n]) => `sla ${d} -> ${t} ${n}`),
  fc.tuple(duration, notify).map(([d, n]) => `warn ${d} ${n}`),
  fc
    .tuple(
      name,
      fc.oneof(
        num.map((n) => n + "%"),
        duration,
      ),
    )
    .map(([m, v]) => `target ${m} ${v}`),
);
const block = (items: fc.Arbitrary<string[]>) => items.map((xs) => `{\n${xs.join("\n")}\n}`);
const type = fc.oneof(
  name,
  fc.array(str, { minLength: 1, maxLength: 3 }).map((xs) => xs.join(" | ")),
);
const fieldDecl = fc
  .tuple(name, type, fc.boolean(), optional(literal.map((l) => `= ${l}`)))
  .map(([n, t, opt, def]) => `${n}: ${t}${opt ? "?" : ""} ${def}`);
const funnelItem = fc.oneof(
  str.map((s) => `version ${s}`),
  str.map((s) => `description ${s}`),
  fc.tuple(name, optional(str)).map(([n, s]) => `team ${n} ${s}`),
  block(fc.array(fieldDecl, { maxLength: 3 })).map((b) => `fields ${b}`),
  block(
    fc.array(
      fc
        .tuple(name, optional(block(fc.array(fieldDecl, { maxLength: 2 }))))
        .map(([n, b]) => `${n} ${b}`),
      { maxLength: 3 },
    ),
  ).map((b) => `events ${b}`),
  fc
    .tuple(
      name,
      fc.array(
        fc.tuple(
          fc.constantFrom("+", "-"),
          num,
          optional(name.map((n) => `on ${n}`)),
          optional(expr.map((e) => `when ${e}`)),
        ),
        { maxLength: 3 },
      ),
    )
    .map(
      ([n, rules]) =>
        `score ${n} {\n${rules.map(([sign, amount, on, when]) => `${sign}${amount} ${on} ${when}`).join("\n")}\n}`,
    ),
  block(fc.array(transition, { maxLength: 2 })).map((b) => `from any ${b}`),
  fc
    .tuple(
      fc.constantFrom("stage", "detour", "terminal"),
      name,
      optional(str),
      optional(block(fc.array(stageItem, { maxLength: 4 }))),
    )
    .map(([k, n, s, b]) => `${k} ${n} ${s} ${b}`),
);

/** A valid program as a list of lines (before separators are mixed in). */
const program = fc
  .tuple(
    fc.array(
      str.map((s) => `import ${s}`),
      { maxLength: 2 },
    ),
    name,
    optional(str),
    fc.array(funnelItem, { maxLength: 6 }),
  )
  .map(([imports, n, title, items]) =>
    [...imports, `funnel ${n} ${title} {`, ...items, "}"].join("\n"),
  );

/** What may stand between two tokens: blanks of every kind and comments. */
const separator = fc.constantFrom(
  " ",
  " ",
  " ",
  "\n",
  "\t",
  "\r\n",
  "\u00A0",
  " /* block */ ",
  "/**/",
  "\n// line\n",
  "\n/// doc line  \n",
  "\n///no space\n",
  "\n////four\n",
  " /* multi\nline */ ",
);

/**
 * Valid Funnel source: a generated program whose blanks are replaced at random by other blanks
 * and comments (a doc comment may end up before any token).
 */
export const validSource = fc
  .tuple(program, fc.array(separator, { minLength: 1, maxLength: 40 }), fc.boolean())
  .map(([text, seps, bom]) => {
    let i = 0;
    // Blanks between tokens only: never inside strings, so replace the separators generated above.
    const out = replaceOutsideStrings(text, () => seps[i++ % seps.length]);
    return (bom ? "\uFEFF" : "") + out;
  });

/** Replaces each single space or line break outside string literals. */
function replaceOutsideStrings(text: string, next: () => string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (ch === " " || ch === "\n") out += next();
    else out += ch;
  }
  return out;
}

function stringEnd(text: string, start: number): number {
  if (text.startsWith('"""', start)) {
    let i = start + 3;
    while (i < text.length && !text.startsWith('"""', i)) i += text[i] === "\\" ? 2 : 1;
    return i + 3;
  }
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i + 1;
}
