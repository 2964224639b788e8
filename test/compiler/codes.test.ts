// One test per diagnostic code of the registry (core/diagnostics/registry.ts): a small funnel
// that triggers exactly that diagnostic, with its full message and range asserted; codes of the
// commands (the config, build targets, data files, scenarios) by running `funnel` in-process on
// small projects (their messages are pinned in test/cli, test/cli-runtime and test/report), and
// internal errors by a target and a lowering made to fail. The last test checks that the inputs of
// this file produce every code of the registry.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  compileText,
  diagnose as diagnoseFiles,
  expectDiagnostics,
  funnelWith,
} from "../helpers/compile.js";
import { project, run } from "../helpers/cli.js";
import { MINI } from "../cli-runtime/helpers.js";
import { TARGETS } from "../../compiler/emit/targets.js";
import { MAX_DRAWN_STAGES } from "../../compiler/emit/svg.js";
import { HUBSPOT_CASES } from "../emit/hubspot-funnels.js";
import { diagnosticRegistry } from "../../core/diagnostics/registry.js";
import { offsetToLineColumn } from "../../core/source-file.js";
// @ts-expect-error: a plain .mjs module of the benchmarks, without types
import { generateFunnel } from "../../bench/generate.mjs";

/** Set by the FN9002 test: lowering then leaves out a key of the IR, as a bug in lower.ts could. */
const lowering = vi.hoisted(() => ({ broken: false }));
vi.mock("../../compiler/lower.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../compiler/lower.js")>();
  return {
    ...original,
    lowerFunnel: (...args: Parameters<typeof original.lowerFunnel>) => {
      const ir = original.lowerFunnel(...args);
      if (lowering.broken) delete (ir.funnel as { title?: unknown }).title;
      return ir;
    },
  };
});

/** Every code the inputs of this file produced (checked against the registry at the end). */
const produced = new Set<string>();

/** Diagnostics of in-memory sources (test/helpers/compile.ts); their codes count as produced. */
function diagnose(files: string | Record<string, string>, entries?: string[]) {
  const diagnostics = diagnoseFiles(files, entries);
  for (const d of diagnostics) produced.add(d.code);
  return diagnostics;
}

/**
 * Runs `funnel <argv>` in a new project holding `files`; the codes it printed (human output,
 * `file:line - error FN6013: …`) count as produced.
 */
async function funnel(files: Record<string, string>, ...argv: string[]) {
  const dir = project(files);
  const result = await run(dir, ...argv);
  const output = result.stdout + result.stderr;
  const codes = [...output.matchAll(/\b(?:error|warning|info|hint) (FN\d{4}):/g)].map((m) => m[1]);
  for (const code of codes) produced.add(code);
  return { ...result, dir, output, codes };
}

/** The related locations of the `index`-th diagnostic, with 1-based "line:col-line:col" ranges. */
function relatedOf(files: string | Record<string, string>, index = 0) {
  const map = typeof files === "string" ? { "main.funnel": files } : files;
  const diagnostic = compileText(map).diagnostics[index];
  return (diagnostic.related ?? []).map((r) => {
    const source = { path: r.file, text: map[r.file] ?? "" };
    const s = offsetToLineColumn(source, r.span.start);
    const e = offsetToLineColumn(source, r.span.end);
    return {
      message: r.message,
      file: r.file,
      range: `${s.line}:${s.column}-${e.line}:${e.column}`,
    };
  });
}

// ---------------------------------------------------------------- FN1xxx syntax
/** Only the errors: for cases where follow-on warnings are a known, documented gap. */
const errorsOnly = (list: ReturnType<typeof diagnose>) =>
  list.filter((d) => d.severity === "error");

describe("FN1xxx syntax", () => {
  it("FN1001 reports a clause keyword that is misspelt, naming what a stage may contain", () => {
    const source = funnelWith({ clauses: ["-> won on signed", "owners sales"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1001",
        message:
          "Expected a stage clause (`definition`, `owner`, `->`, `sla`, `warn`…) or `}` but found `owners`.",
        range: "8:5-8:11",
      },
    ]);
  });

  it("FN1001 reports a missing name with the token it came after", () => {
    const source = `funnel {
  team sales
  events { signed }
  stage a {
    definition "A."
    owner sales
    -> won on signed
  }
  terminal won { outcome won }
}
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1001",
        message: "Expected a name after `funnel` but found `{`.",
        range: "1:8-1:9",
      },
    ]);
  });

  it("FN1001 reports input after the closing brace of the funnel", () => {
    const source = `funnel f {
  team sales
  events { signed }
  stage a {
    definition "A."
    owner sales
    -> won on signed
  }
  terminal won { outcome won }
}
stage b
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1001",
        message:
          "Unexpected `stage` after the end of the funnel; everything must be inside `funnel name { … }`.",
        range: "11:1-11:6",
      },
    ]);
  });

  it("FN1001 reports a missing closing brace of the funnel once, without claiming the funnel is missing", () => {
    const source = `funnel f {
  team sales
  events { signed }
  stage a {
    definition "A."
    owner sales
    -> won on signed
  }
  terminal won { outcome won }
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1001",
        message:
          "Expected a funnel clause (`stage`, `team`, `fields`, `events`, `score`, `from any`…) or `}` after `}` but found the end of the file.",
        range: "9:31-9:31",
      },
    ]);
  });

  it("FN1001 reports an incomplete condition as the only error", () => {
    const source = funnelWith({
      declarations: "fields { ok: boolean }",
      clauses: "-> won when ok and",
    });
    // The broken rule is kept (incomplete), so no flow warning or "unused" hint follows from it.
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1001",
        message:
          "Expected a condition (a field name, a value, `not` or `(`) after `and` but found `}`.",
        range: "8:3-8:4",
      },
    ]);
  });

  it("FN1001 reports an SLA without a duration once, with no made-up `0 days` unit error", () => {
    const source = funnelWith({
      clauses: ["-> won on signed", "sla -> lost"],
      terminals: "terminal lost { outcome lost }",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1001",
        message: "Expected a number after `sla` but found `->`.",
        range: "8:9-8:11",
      },
    ]);
  });

  it("FN1002 reports a character that is not part of the language", () => {
    const source = `funnel f {
  team sales
  events { signed }
  stage a {
    definition "A."
    owner sales;
    -> won on signed
  }
  terminal won { outcome won }
}
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1002",
        message: "Unexpected character `;`; it is not part of the Funnel language.",
        range: "6:16-6:17",
      },
    ]);
  });

  it("FN1002 names the plain character to write for a typographic look-alike", () => {
    const source = funnelWith({
      declarations: "fields { paid: boolean = false }",
      clauses: "-→ won when paid",
    });
    expect(diagnose(source).filter((d) => d.code === "FN1002")).toEqual([
      expect.objectContaining({
        code: "FN1002",
        message:
          "Unexpected character `→`; write `->` instead (text pasted from a document or chat often brings such look-alikes).",
        range: "7:6-7:7",
      }),
    ]);
    for (const [lookalike, plain] of [
      ["“", '"'],
      ["≥", ">="],
      ["≤", "<="],
      ["≠", "!="],
      ["—", "-"],
    ]) {
      const [found] = diagnose(source.replace("-→", "->" + lookalike)).filter(
        (d) => d.code === "FN1002",
      );
      expect(found?.message).toBe(
        `Unexpected character \`${lookalike}\`; write \`${plain}\` instead (text pasted from a document or chat often brings such look-alikes).`,
      );
    }
  });

  it("FN1003 reports a string that runs to the end of its line", () => {
    const source = `funnel f {
  team sales
  events { signed }
  stage a {
    definition "A.
    owner sales
    -> won on signed
  }
  terminal won { outcome won }
}
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1003",
        message:
          'This string has no closing `"`; strings end on the same line (use `"""…"""` for text over several lines).',
        range: "5:16-5:19",
      },
    ]);
  });

  it("FN1003 reports an unclosed triple-quoted string at its opening quotes", () => {
    const source = funnelWith({ terminals: ["detour d {", '  definition """Parked.', "}"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1003",
        message: 'This `"""` string is never closed; add `"""` where the text ends.',
        range: "11:16-11:19",
      },
      // The string swallows the rest of the file, so the closing braces are missing too.
      {
        code: "FN1001",
        message:
          'Expected a stage clause (`definition`, `owner`, `->`, `sla`, `warn`…) or `}` after `"""Parked.…` but found the end of the file.',
        range: "14:1-14:1",
      },
    ]);
  });

  it("FN1004 reports a block comment that is never closed", () => {
    const source = `funnel f {
  team sales
  events { signed }
  stage a {
    definition "A."
    owner sales
    -> won on signed
  }
  terminal won { outcome won }
}
/* trailing notes
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1004",
        message: "This `/*` comment is never closed; add `*/` where it should end.",
        range: "11:1-11:3",
      },
    ]);
  });

  it("FN1005 reports an unknown escape in a string", () => {
    const source = `funnel f {
  team sales
  events { signed }
  stage a {
    definition "A \\q B."
    owner sales
    -> won on signed
  }
  terminal won { outcome won }
}
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1005",
        message: 'Unknown escape `\\q` in a string; use `\\"`, `\\\\`, `\\n`, `\\t` or `\\u{…}`.',
        range: "5:19-5:21",
      },
    ]);
  });

  it("FN1006 reports a date that does not exist", () => {
    const source = funnelWith({
      declarations: "fields { closed: date? }",
      clauses: "-> won when closed > 2026-02-30",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1006",
        message: "`2026-02-30` is not a valid calendar date or time.",
        range: "7:26-7:36",
      },
    ]);
  });

  it("FN1006 reports a datetime with an impossible time", () => {
    const source = funnelWith({
      declarations: "fields { closed_at: datetime? }",
      clauses: "-> won when closed_at > 2026-01-31T25:00:00Z",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1006",
        message: "`2026-01-31T25:00:00Z` is not a valid calendar date or time.",
        range: "7:29-7:49",
      },
    ]);
  });

  it("FN1007 reports an unknown duration unit", () => {
    const source = funnelWith({
      clauses: ["-> won on signed", "sla 3 fortnights -> lost"],
      terminals: "terminal lost { outcome lost }",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1007",
        message:
          "Unknown duration unit `fortnights`; use minutes, hours, days, weeks, months or years.",
        range: "8:11-8:21",
      },
    ]);
  });

  it("FN1007 suggests the unit a misspelt one was probably meant to be", () => {
    const source = funnelWith({
      clauses: ["-> won on signed", "sla 3 dys -> lost"],
      terminals: "terminal lost { outcome lost }",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1007",
        message: "Unknown duration unit `dys`; did you mean `days`?",
        range: "8:11-8:14",
      },
    ]);
  });

  it("FN1007 suggests the plural unit for a plural amount", () => {
    const source = funnelWith({
      clauses: ["-> won on signed", "sla 3 dayz -> lost"],
      terminals: "terminal lost { outcome lost }",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1007",
        message: "Unknown duration unit `dayz`; did you mean `days`?",
        range: "8:11-8:15",
      },
    ]);
  });

  it("FN1007 reports a duration without a unit, showing the amount with a unit", () => {
    const source = funnelWith({
      clauses: ["-> won on signed", "sla 30 days -> lost", "warn 25 notify sales"],
      terminals: "terminal lost { outcome lost }",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1007",
        message: "A duration needs a unit after the number, for example `25 days`.",
        range: "9:10-9:12",
      },
    ]);
  });

  it("FN1008 reports a condition nested too deeply, at the first parenthesis past the limit", () => {
    const source = funnelWith({
      declarations: "fields { ok: boolean }",
      clauses: `-> won when ${"(".repeat(70)}ok${")".repeat(70)}`,
    });
    // `    -> won when ` is 16 characters: the 65th `(` is in column 17 + 64.
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1008",
        message:
          "This condition is nested more than 64 levels deep; split it or remove parentheses.",
        range: "7:81-7:82",
      },
    ]);
  });

  it("FN1009 reports a file without a funnel declaration at its first token", () => {
    const source = `team sales
stage a { owner sales }
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1009",
        message: "This file has no `funnel` declaration; start it with `funnel name { … }`.",
        range: "1:1-1:5",
      },
    ]);
  });

  it("FN1009 reports an empty file", () => {
    expectDiagnostics(diagnose(""), [
      {
        code: "FN1009",
        message: "This file has no `funnel` declaration; start it with `funnel name { … }`.",
        range: "1:1-1:1",
      },
    ]);
  });

  it("FN1010 stops after 100 errors and says how many more there were", () => {
    const source = Array.from({ length: 150 }, () => "#").join(" ") + "\n";
    const unexpected = (column: number) => ({
      code: "FN1002",
      message: "Unexpected character `#`; it is not part of the Funnel language.",
      range: `1:${column}-1:${column + 1}`,
    });
    expectDiagnostics(diagnose(source), [
      // 100 of the 150 `#` errors are shown (columns 1, 3, …, 199), then the cap, which also
      // counts the missing-funnel error at the end of the file.
      ...Array.from({ length: 100 }, (_, i) => unexpected(1 + 2 * i)),
      {
        code: "FN1010",
        message:
          "Too many errors in this file; 51 more were not shown. Is this really a .funnel file?",
        range: "1:199-1:200",
      },
    ]);
  });

  it("FN1010 reads only the first 64 KB of a large file that is clearly not Funnel source", () => {
    const source = Array.from({ length: 40_000 }, () => "#").join(" ") + "\n"; // 80,000 characters
    expectDiagnostics(diagnose(source), [
      ...Array.from({ length: 100 }, (_, i) => ({
        code: "FN1002",
        message: "Unexpected character `#`; it is not part of the Funnel language.",
        range: `1:${1 + 2 * i}-1:${2 + 2 * i}`,
      })),
      {
        code: "FN1010",
        message:
          "Too many errors in the first 64 KB of this file; the rest was not read. Is this really a .funnel file?",
        range: "1:199-1:200",
      },
    ]);
  });

  it("FN1011 reports a stage clause given twice", () => {
    const source = `funnel f {
  team sales
  events { signed }
  stage a {
    definition "A."
    definition "B."
    owner sales
    -> won on signed
  }
  terminal won { outcome won }
}
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1011",
        message: "`definition` is given twice in stage `a`; keep one.",
        range: "6:5-6:20",
      },
    ]);
  });

  it("FN1011 reports a label for the same language given twice", () => {
    const source = funnelWith({ clauses: ['label de "A"', 'label de "B"', "-> won on signed"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1011",
        message: "`label de` is given twice in stage `a`; keep one.",
        range: "8:5-8:17",
      },
    ]);
  });

  it("FN1011 reports a funnel header clause given twice", () => {
    const source = `funnel f {
  version "1"
  version "2"
  team sales
  events { signed }
  stage a {
    definition "A."
    owner sales
    -> won on signed
  }
  terminal won { outcome won }
}
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1011",
        message: "`version` is given twice in funnel `f`; keep one.",
        range: "3:3-3:14",
      },
    ]);
  });

  it("FN1011 reports two maps of one stage to the same system and object", () => {
    const source = funnelWith({
      clauses: ['map hubspot "lead"', 'map hubspot lifecycle "subscriber"', "-> won on signed"],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1011",
        message: "`map hubspot lifecycle` is given twice in stage `a`; keep one.",
        range: "8:5-8:39",
      },
    ]);
  });
});

// ---------------------------------------------------------------- FN2xxx names
describe("FN2xxx names", () => {
  it("FN2001 reports a stage declared twice, pointing at the first declaration", () => {
    const source = funnelWith({
      stages: ["stage a {", '  definition "A again."', "  owner sales", "  -> won on signed", "}"],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2001",
        message: "Stage `a` is declared twice; rename or remove one.",
        range: "9:9-9:10",
      },
    ]);
    expect(relatedOf(source)).toEqual([
      { message: "`a` is first declared here.", file: "main.funnel", range: "4:9-4:10" },
    ]);
  });

  it("FN2001 reports a team declared twice", () => {
    const source = funnelWith({ declarations: ["team sales", "events { signed }"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2001",
        message: "Team `sales` is declared twice; rename or remove one.",
        range: "3:8-3:13",
      },
    ]);
    expect(relatedOf(source)).toEqual([
      { message: "`sales` is first declared here.", file: "main.funnel", range: "2:8-2:13" },
    ]);
  });

  it("FN2001 reports an event field declared twice", () => {
    const source = funnelWith({
      declarations: ["events {", "  signed { amount: number amount: number }", "}"],
      clauses: "-> won on signed when event.amount > 0",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2001",
        message: "Event field `amount` is declared twice; rename or remove one.",
        range: "4:29-4:35",
      },
    ]);
    expect(relatedOf(source)).toEqual([
      { message: "`amount` is first declared here.", file: "main.funnel", range: "4:14-4:20" },
    ]);
  });

  it("FN2001 reports a name declared both in the funnel and in an imported file", () => {
    const files = {
      "main.funnel": funnelWith({ imports: 'import "./common.funnel"' }),
      "common.funnel": `funnel common {
  team sales
}
`,
    };
    expectDiagnostics(diagnose(files), [
      {
        code: "FN2001",
        message: "Team `sales` is declared twice; rename or remove one.",
        range: "3:8-3:13",
        file: "main.funnel",
      },
    ]);
    expect(relatedOf(files)).toEqual([
      { message: "`sales` is first declared here.", file: "common.funnel", range: "2:8-2:13" },
    ]);
  });

  it("FN2001 reports a score that has the name of an imported field", () => {
    const files = {
      "main.funnel": funnelWith({
        imports: 'import "./common.funnel"',
        declarations: ["events { signed }", "score lead_score {", "  +10 on signed", "}"],
        clauses: "-> won when lead_score >= 10",
      }),
      "common.funnel": `funnel common {
  fields { lead_score: number }
}
`,
    };
    expectDiagnostics(diagnose(files), [
      {
        code: "FN2001",
        message:
          "`lead_score` is both a score and a field; a score is also a number field, so give one of them another name.",
        range: "5:9-5:19",
        file: "main.funnel",
      },
    ]);
    expect(relatedOf(files)).toEqual([
      {
        message: "`lead_score` is first declared here.",
        file: "common.funnel",
        range: "2:12-2:22",
      },
    ]);
  });

  it("FN2001 reports a score and a field of the same name in one file, at the later one", () => {
    const source = funnelWith({
      declarations: [
        "fields { lead_score: number }",
        "events { signed }",
        "score lead_score {",
        "  +10 on signed",
        "}",
      ],
      clauses: "-> won when lead_score >= 10",
    });
    // The reference resolves to the score, so the field also counts as unused.
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2008",
        message: "Field `lead_score` is declared but nothing uses it.",
        range: "3:12-3:22",
      },
      {
        code: "FN2001",
        message:
          "`lead_score` is both a score and a field; a score is also a number field, so give one of them another name.",
        range: "5:9-5:19",
      },
    ]);
    expect(relatedOf(source, 1)).toEqual([
      { message: "`lead_score` is first declared here.", file: "main.funnel", range: "3:12-3:22" },
    ]);
  });

  it("FN2002 reports an unknown stage with a did-you-mean suggestion", () => {
    const source = funnelWith({
      declarations: "events { signed stalled }",
      clauses: ["-> won on signed", "-> recycled on stalled", "sla 30 days -> recyled"],
      stages: [
        "detour recycled {",
        '  definition "Back to nurture."',
        "  owner sales",
        "  -> a on signed",
        "}",
      ],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2002",
        message: "Unknown stage `recyled`; did you mean `recycled`?",
        range: "9:20-9:27",
      },
    ]);
  });

  it("FN2002 reports an unknown stage without a suggestion when nothing is close", () => {
    const source = funnelWith({ clauses: ["-> won on signed", "sla 30 days -> recycled"] });
    expectDiagnostics(diagnose(source), [
      { code: "FN2002", message: "Unknown stage `recycled`.", range: "8:20-8:28" },
    ]);
  });

  it("FN2002 a misspelt transition target is the only error and adds no dead-end warning", () => {
    const source = funnelWith({ clauses: "-> wonn on signed" });
    // Known gap: the unresolved transition is not an edge, so unreachable/no-won warnings follow.
    expectDiagnostics(errorsOnly(diagnose(source)), [
      { code: "FN2002", message: "Unknown stage `wonn`; did you mean `won`?", range: "7:8-7:12" },
    ]);
  });

  it("FN2003 reports an unknown field with a did-you-mean suggestion", () => {
    const source = funnelWith({
      declarations: ["fields { qualified: boolean }", "events { signed }"],
      clauses: ["-> won when qualifed", "-> won on signed when qualified"],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2003",
        message: "Unknown field `qualifed`; did you mean `qualified`?",
        range: "8:17-8:25",
      },
    ]);
  });

  it("FN2003 reports an unknown field and says where to declare it", () => {
    const source = funnelWith({
      declarations: "fields { qualified: boolean }",
      clauses: "-> won when qualified and budget > 0",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2003",
        message: "Unknown field `budget`; declare it in `fields { … }`.",
        range: "7:31-7:37",
      },
    ]);
  });

  it("FN2004 reports an unknown event with a did-you-mean suggestion", () => {
    const source = funnelWith({
      declarations: ["fields { qualified: boolean }", "events { signed }"],
      clauses: ["-> won on signd", "-> won on signed when qualified"],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2004",
        message: "Unknown event `signd`; did you mean `signed`?",
        range: "8:15-8:20",
      },
    ]);
  });

  it("FN2004 reports an unknown event and says where to declare it", () => {
    const source = funnelWith({ clauses: ["-> won on signed", "-> won on meeting_booked"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2004",
        message: "Unknown event `meeting_booked`; declare it in `events { … }`.",
        range: "8:15-8:29",
      },
    ]);
  });

  it("FN2005 reports an unknown team with a did-you-mean suggestion", () => {
    const source = `funnel f {
  team sales
  events { signed }
  stage a {
    definition "A."
    owner sale
    -> won on signed
    sla 30 days -> won notify sales
  }
  terminal won { outcome won }
}
`;
    expectDiagnostics(diagnose(source), [
      { code: "FN2005", message: "Unknown team `sale`; did you mean `sales`?", range: "6:11-6:15" },
    ]);
  });

  it("FN2005 reports an unknown team and shows how to declare it", () => {
    const source = funnelWith({
      clauses: ["-> won on signed", "sla 30 days -> won notify sales, marketing"],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2005",
        message: "Unknown team `marketing`; declare it with `team marketing`.",
        range: "8:38-8:47",
      },
    ]);
  });

  it("FN2006 reports an unknown event field with a did-you-mean suggestion", () => {
    const source = funnelWith({
      declarations: "events { signed { amount: number } }",
      clauses: "-> won on signed when event.amout > 0",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2006",
        message: "Event `signed` has no field `amout`; did you mean `event.amount`?",
        range: "7:33-7:38",
      },
    ]);
  });

  it("FN2006 reports an unknown event field without a suggestion when nothing is close", () => {
    const source = funnelWith({
      declarations: "events { signed { amount: number } }",
      clauses: [
        '-> won on signed when event.region = "EU"',
        "-> won on signed when event.amount > 0",
      ],
    });
    expectDiagnostics(diagnose(source), [
      { code: "FN2006", message: "Event `signed` has no field `region`.", range: "7:33-7:39" },
    ]);
  });

  it("FN2007 reports event.x in a rule without `on`", () => {
    const source = funnelWith({
      declarations: "events { signed { amount: number } }",
      clauses: ["-> won on signed", "-> won when event.amount > 0"],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2007",
        message: "`event.amount` needs an event: add `on <event>` to this rule.",
        range: "8:17-8:29",
      },
    ]);
  });

  it("FN2008 hints at declared fields, events and teams that nothing uses", () => {
    const source = funnelWith({
      declarations: ["team marketing", "fields { country: text? }", "events { signed web_visit }"],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2008",
        message: "Team `marketing` is declared but nothing uses it.",
        range: "3:8-3:17",
        severity: "hint",
      },
      {
        code: "FN2008",
        message: "Field `country` is declared but nothing uses it.",
        range: "4:12-4:19",
        severity: "hint",
      },
      {
        code: "FN2008",
        message: "Event `web_visit` is declared but nothing uses it.",
        range: "5:19-5:28",
        severity: "hint",
      },
    ]);
  });

  it("FN2009 reports an unknown type with a did-you-mean suggestion", () => {
    const source = funnelWith({
      declarations: "fields { amount: numbr }",
      clauses: "-> won when amount > 0",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2009",
        message: "Unknown type `numbr`; did you mean `number`?",
        range: "3:20-3:25",
      },
    ]);
  });

  it("FN2009 reports an unknown type and lists the built-in types", () => {
    const source = funnelWith({
      declarations: "fields { amount: money }",
      clauses: "-> won when amount > 0",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2009",
        message:
          "Unknown type `money`; use number, text, boolean, date, datetime or a list of strings.",
        range: "3:20-3:25",
      },
    ]);
  });

  it("FN2010 reports a reserved word used as a field name", () => {
    const source = funnelWith({ declarations: ["fields { set: boolean }", "events { signed }"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2010",
        message: "`set` is a reserved word and cannot be used as a name; choose another name.",
        range: "3:12-3:15",
      },
    ]);
  });

  it("FN2011 reports an unknown object of a known system, with a did-you-mean", () => {
    const source = funnelWith({ clauses: ['map hubspot dael "Qualified"', "-> won on signed"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2011",
        message: "`hubspot` has no object `dael`; did you mean `deal`?",
        range: "7:17-7:21",
      },
    ]);
    const far = funnelWith({ clauses: ['map salesforce account "x"', "-> won on signed"] });
    expectDiagnostics(diagnose(far), [
      {
        code: "FN2011",
        message:
          "`salesforce` has no object `account`; write one of `lead_status` or `opportunity_stage`.",
        range: "7:20-7:27",
      },
    ]);
  });

  it("FN2012 reports an unknown forecast category", () => {
    const source = funnelWith({
      clauses: ['map hubspot deal "Qualified" forecast comit', "-> won on signed"],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2012",
        message: "Unknown forecast category `comit`; did you mean `commit`?",
        range: "7:43-7:48",
      },
    ]);
  });

  it("FN2013 warns about a HubSpot lifecycle value that is neither a default stage nor an id", () => {
    const source = funnelWith({ clauses: ['map hubspot "MQL"', "-> won on signed"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2013",
        message:
          "`MQL` is not a HubSpot lifecycle stage; write one of `subscriber`, `lead`, " +
          "`marketingqualifiedlead`, `salesqualifiedlead`, `opportunity`, `customer`, " +
          "`evangelist` or `other`, or the numeric id of a custom stage.",
        range: "7:17-7:22",
        severity: "warning",
      },
    ]);
    const close = funnelWith({ clauses: ['map hubspot "customers"', "-> won on signed"] });
    expectDiagnostics(diagnose(close), [
      {
        code: "FN2013",
        message: "`customers` is not a HubSpot lifecycle stage; did you mean `customer`?",
        range: "7:17-7:28",
        severity: "warning",
      },
    ]);
    const id = funnelWith({ clauses: ['map hubspot "1234567"', "-> won on signed"] });
    expectDiagnostics(diagnose(id), []);
  });

  it("FN2014 reports a value two stages map for the same system and object", () => {
    const source = funnelWith({
      clauses: ['map hubspot deal "Open"', "-> b on signed"],
      stages: [
        "stage b {",
        '  definition "B."',
        "  owner sales",
        '  map hubspot deal "Open"',
        '  map salesforce opportunity_stage "Open"',
        "  -> won on signed",
        "}",
      ],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN2014",
        message:
          'Stage `b` maps to `hubspot deal` value "Open", as stage `a` does; ' +
          "a value may name one stage only.",
        range: "13:22-13:28",
      },
    ]);
    expect(relatedOf(source)).toEqual([
      { message: "`a` maps the same value here.", file: "main.funnel", range: "7:22-7:28" },
    ]);
  });
});

// ---------------------------------------------------------------- FN3xxx types
describe("FN3xxx types", () => {
  it("FN3001 reports an ordering comparison on a text field", () => {
    const source = funnelWith({
      declarations: "fields { country: text? }",
      clauses: '-> won when country > "NL"',
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3001",
        message: "`>` compares numbers, dates or datetimes, but `country` is text.",
        range: "7:17-7:31",
      },
    ]);
  });

  it("FN3001 reports an ordering comparison on an enum field, listing its values", () => {
    const source = funnelWith({
      declarations: 'fields { status: "new" | "open" }',
      clauses: '-> won when status >= "open"',
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3001",
        message: '`>=` compares numbers, dates or datetimes, but `status` is one of "new", "open".',
        range: "7:17-7:33",
      },
    ]);
  });

  it("FN3002 reports `contains` on a number field", () => {
    const source = funnelWith({
      declarations: "fields { amount: number? }",
      clauses: '-> won when amount contains "1"',
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3002",
        message: "`contains` searches text, but `amount` is a number.",
        range: "7:17-7:23",
      },
    ]);
  });

  it("FN3003 reports a value that is not a member of the enum, with a did-you-mean suggestion", () => {
    const source = funnelWith({
      declarations: 'fields { outcome: "won" | "lost" | "no decision"? }',
      clauses: '-> won when outcome = "Won"',
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3003",
        message: '"Won" is not one of the values of `outcome`; did you mean "won"?',
        range: "7:27-7:32",
      },
    ]);
  });

  it("FN3003 reports a value in an `in` list that is not a member, listing the members", () => {
    const source = funnelWith({
      declarations: 'fields { outcome: "won" | "lost"? }',
      clauses: '-> won when outcome in ["won", "pending"]',
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3003",
        message: '"pending" is not one of the values of `outcome` ("won", "lost").',
        range: "7:36-7:45",
      },
    ]);
  });

  it("FN3003 reports a default that is not a member of the enum", () => {
    const source = funnelWith({
      declarations: 'fields { country: "NL" | "DE" = "FR" }',
      clauses: '-> won when country = "NL"',
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3003",
        message: '"FR" is not one of the values of `country` ("NL", "DE").',
        range: "3:35-3:39",
      },
    ]);
  });

  it("FN3004 reports a number field compared with text", () => {
    const source = funnelWith({
      declarations: "fields { amount: number? }",
      clauses: '-> won when amount = "1000"',
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3004",
        message: '`amount` is a number and cannot be compared with the text "1000".',
        range: "7:26-7:32",
      },
    ]);
  });

  it("FN3004 reports a date field compared with a datetime and shows a date to write", () => {
    const source = funnelWith({
      declarations: "fields { closed_on: date? }",
      clauses: "-> won when closed_on >= 2026-01-31T00:00:00Z",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3004",
        message:
          "`closed_on` is a date and cannot be compared with the datetime `2026-01-31T00:00:00Z`; dates and datetimes are not comparable, write a date such as `2026-01-31`.",
        range: "7:30-7:50",
      },
    ]);
  });

  it("FN3004 reports a datetime field compared with a date and shows a datetime to write", () => {
    const source = funnelWith({
      declarations: "fields { closed_at: datetime? }",
      clauses: "-> won when closed_at >= 2026-01-31",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3004",
        message:
          "`closed_at` is a datetime and cannot be compared with the date `2026-01-31`; dates and datetimes are not comparable, write a datetime such as `2026-01-31T00:00:00Z`.",
        range: "7:30-7:40",
      },
    ]);
  });

  it("FN3004 reports a default of the wrong type", () => {
    const source = funnelWith({
      declarations: 'fields { qualified: boolean = "no" }',
      clauses: "-> won when qualified",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3004",
        message: 'The default of `qualified` must be a yes/no value (boolean), not the text "no".',
        range: "3:33-3:37",
      },
    ]);
  });

  it("FN3005 reports a bare non-boolean field used as a condition", () => {
    const source = funnelWith({
      declarations: "fields { email: text? }",
      clauses: "-> won when email",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3005",
        message: "`email` is text, not a yes/no value; compare it, for example `email is set`.",
        range: "7:17-7:22",
      },
    ]);
  });

  it("FN3006 reports a zero duration", () => {
    const source = funnelWith({
      clauses: ["-> won on signed", "sla 0 days -> lost"],
      terminals: "terminal lost { outcome lost }",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3006",
        message: "A duration must be more than zero; `0 days` would fire at once.",
        range: "8:9-8:15",
      },
    ]);
  });

  it("FN3007 reports an unknown outcome", () => {
    const source = funnelWith({
      declarations: "events { signed paused }",
      clauses: ["-> won on signed", "-> parked on paused"],
      terminals: "terminal parked { outcome paused }",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3007",
        message: "Unknown outcome `paused`; an outcome is `won`, `lost` or `none`.",
        range: "11:29-11:35",
      },
    ]);
  });

  it("FN3008 reports an unknown target kind", () => {
    const source = funnelWith({ clauses: ["-> won on signed", "target speed 14 days"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3008",
        message:
          "Unknown target `speed`; write `target conversion 40%` or `target velocity 14 days`.",
        range: "8:12-8:17",
      },
    ]);
  });

  it("FN3008 reports a conversion target above 100%", () => {
    const source = funnelWith({ clauses: ["-> won on signed", "target conversion 140%"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3008",
        message:
          "A conversion target is a percentage between 0% and 100%, for example `target conversion 40%`.",
        range: "8:5-8:27",
      },
    ]);
  });

  it("FN3008 reports a conversion target given as a duration", () => {
    const source = funnelWith({ clauses: ["-> won on signed", "target conversion 14 days"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3008",
        message:
          "A conversion target is a percentage between 0% and 100%, for example `target conversion 40%`.",
        range: "8:5-8:30",
      },
    ]);
  });

  it("FN3008 reports a velocity target given as a percentage", () => {
    const source = funnelWith({ clauses: ["-> won on signed", "target velocity 40%"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3008",
        message: "A velocity target is a duration, for example `target velocity 14 days`.",
        range: "8:5-8:24",
      },
    ]);
  });

  it("FN3009 warns about an enum value listed twice", () => {
    const source = funnelWith({
      declarations: 'fields { country: "NL" | "DE" | "NL" }',
      clauses: '-> won when country = "DE"',
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3009",
        message: '"NL" is listed twice in this type; remove one.',
        range: "3:35-3:39",
        severity: "warning",
      },
    ]);
  });

  it("FN3010 reports probability or forecast on an object whose stages have none", () => {
    const source = funnelWith({
      clauses: ['map hubspot "lead" probability 10%', "-> won on signed"],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3010",
        message:
          "`map hubspot lifecycle` takes no `probability`; only `hubspot deal` and " +
          "`salesforce opportunity_stage` stages have one.",
        range: "7:36-7:39",
      },
    ]);
    const forecast = funnelWith({
      clauses: ['map salesforce "Working" forecast commit', "-> won on signed"],
    });
    expectDiagnostics(diagnose(forecast), [
      {
        code: "FN3010",
        message:
          "`map salesforce lead_status` takes no `forecast`; only `hubspot deal` and " +
          "`salesforce opportunity_stage` stages have one.",
        range: "7:39-7:45",
      },
    ]);
  });

  it("FN3011 reports a probability above 100%", () => {
    const source = funnelWith({
      clauses: ['map hubspot deal "Open" probability 120%', "-> won on signed"],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3011",
        message: "A probability is a percentage from 0% to 100%; `120%` is not one.",
        range: "7:41-7:45",
      },
    ]);
  });

  it("FN3012 warns about a probability that contradicts the stage's outcome", () => {
    const source = funnelWith({
      declarations: ["events {", "  signed", "  dropped", "}"],
      clauses: [
        'map hubspot deal "Open" probability 100%',
        "-> won on signed",
        "-> lost on dropped",
      ],
      terminals: [
        "terminal lost {",
        "  outcome lost",
        '  map salesforce opportunity_stage "Closed Lost" probability 10%',
        "}",
      ],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN3012",
        message:
          "Stage `a` is still open, yet its `hubspot deal` probability is 100%, which means " +
          "closed; use a value between 0% and 100%.",
        range: "10:41-10:45",
        severity: "warning",
      },
      {
        code: "FN3012",
        message:
          "Stage `lost` is lost, so its `salesforce opportunity_stage` probability should be 0%, " +
          "not 10%.",
        range: "17:64-17:67",
        severity: "warning",
      },
    ]);
    const won = funnelWith({
      terminals: [],
      clauses: ["-> won on signed"],
    }).replace(
      "terminal won { outcome won }",
      'terminal won {\n    outcome won\n    map hubspot deal "Won" probability 90%\n  }',
    );
    expectDiagnostics(diagnose(won), [
      {
        code: "FN3012",
        message: "Stage `won` is won, so its `hubspot deal` probability should be 100%, not 90%.",
        range: "11:40-11:43",
        severity: "warning",
      },
    ]);
  });
});

// ---------------------------------------------------------------- FN4xxx stages, graph and flow
describe("FN4xxx stages, graph and flow", () => {
  it("FN4001 reports a transition out of a terminal stage", () => {
    const source = `funnel f {
  team sales
  events { signed reopened }
  stage a {
    definition "A."
    owner sales
    -> won on signed
  }
  terminal won {
    outcome won
    -> a on reopened
  }
}
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4001",
        message:
          "Terminal stage `won` cannot have a transition; records never leave a terminal stage. Make it a `detour` if records come back.",
        range: "11:5-11:21",
      },
    ]);
  });

  it("FN4001 reports an SLA on a terminal stage", () => {
    const source = `funnel f {
  team sales
  events { signed }
  stage a {
    definition "A."
    owner sales
    -> won on signed
  }
  terminal won {
    outcome won
    sla 30 days -> a
  }
}
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4001",
        message:
          "Terminal stage `won` cannot have an SLA; records never leave a terminal stage. Make it a `detour` if records come back.",
        range: "11:5-11:21",
      },
    ]);
  });

  it("FN4001 reports a warning on a terminal stage", () => {
    const source = `funnel f {
  team sales
  events { signed }
  stage a {
    definition "A."
    owner sales
    -> won on signed
  }
  terminal won {
    outcome won
    warn 30 days notify sales
  }
}
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4001",
        message:
          "Terminal stage `won` cannot have a warning; records never leave a terminal stage. Make it a `detour` if records come back.",
        range: "11:5-11:30",
      },
    ]);
  });

  it("FN4002 reports a transition with neither `on` nor `when`", () => {
    const source = funnelWith({
      clauses: ["-> won on signed", "-> lost"],
      terminals: "terminal lost { outcome lost }",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4002",
        message:
          "This transition to `lost` has no trigger; add `on <event>`, `when <condition>` or both.",
        range: "8:5-8:12",
      },
    ]);
  });

  it("FN4003 reports an SLA that points at its own stage", () => {
    const source = funnelWith({ clauses: ["-> won on signed", "sla 30 days -> a"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4003",
        message:
          "The SLA of `a` points back at `a`; an SLA must move stale records to another stage.",
        range: "8:20-8:21",
      },
    ]);
  });

  it("FN4004 reports `warn` in a stage without an SLA", () => {
    const source = funnelWith({ clauses: ["-> won on signed", "warn 25 days notify sales"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4004",
        message: "`warn` needs an `sla` in the same stage; add `sla <duration> -> <stage>`.",
        range: "8:5-8:30",
      },
    ]);
  });

  it("FN4005 reports a warning that is not shorter than the SLA", () => {
    const source = funnelWith({
      clauses: ["-> won on signed", "sla 30 days -> lost", "warn 30 days notify sales"],
      terminals: "terminal lost { outcome lost }",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4005",
        message: "The warning (30 days) must come before the SLA (30 days); make it shorter.",
        range: "9:10-9:17",
      },
    ]);
    expect(relatedOf(source)).toEqual([
      { message: "The SLA is here.", file: "main.funnel", range: "8:5-8:24" },
    ]);
  });

  it("FN4005 reports a warning of one month against a 30-day SLA (a month can be 31 days)", () => {
    const source = funnelWith({
      clauses: ["-> won on signed", "sla 30 days -> lost", "warn 1 month notify sales"],
      terminals: "terminal lost { outcome lost }",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4005",
        message: "The warning (1 month) must come before the SLA (30 days); make it shorter.",
        range: "9:10-9:17",
      },
    ]);
  });

  it("FN4006 reports `outcome` on a non-terminal stage", () => {
    const source = funnelWith({ clauses: ["outcome won", "-> won on signed"] });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4006",
        message:
          "`outcome` belongs on a terminal stage, but `a` is a stage; declare it with `terminal`.",
        range: "7:5-7:16",
      },
    ]);
  });

  it("FN4007 reports two SLAs in one stage, pointing at the first", () => {
    const source = funnelWith({
      clauses: ["-> won on signed", "sla 30 days -> lost", "sla 60 days -> lost"],
      terminals: "terminal lost { outcome lost }",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4007",
        message: "Stage `a` has two `sla` clauses; a stage has at most one SLA.",
        range: "9:5-9:24",
      },
    ]);
    expect(relatedOf(source)).toEqual([
      { message: "The SLA is here.", file: "main.funnel", range: "8:5-8:24" },
    ]);
  });

  it("FN4008 reports a score that reads itself", () => {
    const source = funnelWith({
      declarations: [
        "events { signed }",
        "score lead_score {",
        "  +10 on signed",
        "  +5 when lead_score > 20",
        "}",
      ],
      clauses: "-> won when lead_score >= 100",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4008",
        message:
          "Score `lead_score` depends on itself (lead_score → lead_score); a score cannot use its own value.",
        range: "4:9-4:19",
      },
    ]);
    expect(relatedOf(source)).toEqual([
      { message: "`lead_score` uses `lead_score` here.", file: "main.funnel", range: "6:13-6:23" },
    ]);
  });

  it("FN4008 reports scores that depend on each other, with the chain", () => {
    const source = funnelWith({
      declarations: [
        "events { signed }",
        "score fit {",
        "  +10 on signed",
        "  +5 when engagement > 20",
        "}",
        "score engagement {",
        "  +1 when fit > 5",
        "}",
      ],
      clauses: "-> won when fit >= 100",
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4008",
        message:
          "Score `fit` depends on itself (fit → engagement → fit); a score cannot use its own value.",
        range: "4:9-4:12",
      },
    ]);
  });

  it("FN4009 warns about a stage without a definition", () => {
    const source = `funnel f {
  team sales
  events { signed }
  stage a {
    owner sales
    -> won on signed
  }
  terminal won { outcome won }
}
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4009",
        message:
          "Stage `a` has no `definition`; add the one sentence that everyone agrees this stage means.",
        range: "4:9-4:10",
        severity: "warning",
      },
    ]);
  });

  it("FN4010 warns about a stage without an owner", () => {
    const source = `funnel f {
  team sales
  events { signed }
  stage a {
    definition "A."
    -> won on signed
    sla 30 days -> won notify sales
  }
  terminal won { outcome won }
}
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4010",
        message: "Stage `a` has no `owner`; add `owner <team>` so someone is accountable for it.",
        range: "4:9-4:10",
        severity: "warning",
      },
    ]);
  });

  it("FN4011 warns about a stage no transition leads to", () => {
    const source = funnelWith({
      stages: [
        "detour parked {",
        '  definition "Parked."',
        "  owner sales",
        "  -> a on signed",
        "}",
      ],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4011",
        message:
          "Stage `parked` can never be reached from the initial stage `a`; no transition or SLA leads to it.",
        range: "9:10-9:16",
      },
    ]);
  });

  it("FN4012 warns about a non-terminal stage records can never leave", () => {
    const source = funnelWith({
      declarations: "events { signed stalled }",
      clauses: ["-> won on signed", "-> parked on stalled"],
      stages: ["detour parked {", '  definition "Parked."', "  owner sales", "}"],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4012",
        message:
          "Records in `parked` can never leave it: it has no transition, no SLA and no `from any` rule applies. Make it `terminal` or add a way out.",
        range: "10:10-10:16",
      },
    ]);
  });

  it("FN4013 warns about a transition that an earlier, wider one always pre-empts", () => {
    const source = funnelWith({
      declarations: [
        "fields { engaged: boolean }",
        "score lead_score {",
        "  +10 when engaged",
        "}",
      ],
      clauses: ["-> b when lead_score >= 50", "-> won when lead_score >= 100"],
      stages: [
        "stage b {",
        '  definition "B."',
        "  owner sales",
        "  -> won when lead_score >= 100",
        "}",
      ],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4013",
        message:
          "This transition to `won` can never fire: the earlier rule to `b` (line 10) always fires first. Reorder them or make the conditions exclusive.",
        range: "11:5-11:34",
      },
    ]);
    expect(relatedOf(source)).toEqual([
      {
        message: "This earlier rule always fires first.",
        file: "main.funnel",
        range: "10:5-10:31",
      },
    ]);
  });

  it("FN4014 warns about a condition whose parts contradict each other", () => {
    const source = funnelWith({
      declarations: ["fields { amount: number? }", "events { signed }"],
      clauses: ["-> won on signed", "-> won when amount > 100 and amount < 50"],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4014",
        message: "This condition can never be true (no value of `amount` passes all of its tests).",
        range: "9:17-9:45",
      },
    ]);
  });

  it("FN4015 warns about a funnel without a won terminal stage", () => {
    const source = `funnel f {
  team sales
  events { lost_deal }
  stage a {
    definition "A."
    owner sales
    -> lost on lost_deal
  }
  terminal lost { outcome lost }
}
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4015",
        message:
          "This funnel has no terminal stage with `outcome won`; add one so the funnel can measure revenue.",
        range: "1:8-1:9",
      },
    ]);
  });

  it("FN4015 warns when no path leads from the initial stage to the won stage", () => {
    const source = funnelWith({
      declarations: "events { lost_deal }",
      clauses: "-> lost on lost_deal",
      stages: "terminal lost { outcome lost }",
    });
    // The won stage is then unreachable as well, necessarily.
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4015",
        message:
          "No path leads from the initial stage `a` to a won outcome; records can never be closed as won.",
        range: "4:9-4:10",
      },
      {
        code: "FN4011",
        message:
          "Stage `won` can never be reached from the initial stage `a`; no transition or SLA leads to it.",
        range: "10:12-10:15",
      },
    ]);
  });

  it("FN4016 warns about a cycle that one event could run round", () => {
    const source = funnelWith({
      declarations: "events { signed ping }",
      clauses: ["-> b on ping", "-> won on signed"],
      stages: ["stage b {", '  definition "B."', "  owner sales", "  -> a on ping", "}"],
    });
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4016",
        message:
          "One `ping` event could move a record round the cycle `a` → `b` → `a`; the cascade stops when it would re-enter a stage, but this is probably a mistake.",
        range: "7:5-7:17",
      },
    ]);
    expect(relatedOf(source)).toEqual([
      { message: "`b` moves on to `a` here.", file: "main.funnel", range: "13:5-13:17" },
    ]);
  });

  it("FN4017 reports a funnel with detours and terminals but no `stage`", () => {
    const source = `funnel f {
  team sales
  events { signed }
  detour a {
    definition "A."
    owner sales
    -> won on signed
  }
  terminal won { outcome won }
}
`;
    expectDiagnostics(diagnose(source), [
      {
        code: "FN4017",
        message:
          "Funnel `f` has detours or terminals but no `stage`; the first `stage` is where every record starts.",
        range: "1:8-1:9",
      },
    ]);
  });
});

// ---------------------------------------------------------------- FN5xxx imports and project
describe("FN5xxx imports", () => {
  const funnelUsingSales = `funnel f {
  events { signed }
  stage a {
    definition "A."
    owner sales
    -> won on signed
  }
  terminal won { outcome won }
}
`;

  it("FN5001 reports an imported file that does not exist", () => {
    const files = {
      "main.funnel": funnelWith({ imports: 'import "./common.funnel"' }),
    };
    expectDiagnostics(diagnose(files), [
      {
        code: "FN5001",
        message:
          'Cannot find the imported file "./common.funnel"; paths are relative to this file.',
        range: "1:8-1:25",
        file: "main.funnel",
      },
    ]);
  });

  it("FN5002 reports an import that leaves the project root", () => {
    const files = {
      "main.funnel": funnelWith({ imports: 'import "../x.funnel"' }),
    };
    expectDiagnostics(diagnose(files), [
      {
        code: "FN5002",
        message:
          'Import "../x.funnel" leaves the project root; imports must stay inside the project (the folder of funnel.config.yaml, else the git repository, else the working directory).',
        range: "1:8-1:21",
        file: "main.funnel",
      },
    ]);
  });

  it("FN5003 reports an import cycle with the chain of files, in the file that closes it", () => {
    const files = {
      "main.funnel": `import "./a.funnel"\n${funnelUsingSales}`,
      "a.funnel": `import "./b.funnel"
funnel a {
  team sales
}
`,
      "b.funnel": `import "./a.funnel"
funnel b {
  fields { region: text? }
}
`,
    };
    expectDiagnostics(diagnose(files), [
      {
        code: "FN5003",
        message:
          "Import cycle: a.funnel → b.funnel → a.funnel; a file cannot import itself, directly or indirectly.",
        range: "1:8-1:20",
        file: "b.funnel",
      },
    ]);
  });

  it("FN5003 reports a file that imports itself", () => {
    const files = {
      "main.funnel": funnelWith({ imports: 'import "./main.funnel"' }),
    };
    expectDiagnostics(diagnose(files), [
      {
        code: "FN5003",
        message:
          "Import cycle: main.funnel → main.funnel; a file cannot import itself, directly or indirectly.",
        range: "1:8-1:23",
        file: "main.funnel",
      },
    ]);
  });

  it("FN5004 reports an imported file that declares stages", () => {
    const files = {
      "main.funnel": `import "./other.funnel"\n${funnelUsingSales}`,
      "other.funnel": `funnel other {
  team sales
  stage x {
    definition "X."
    owner sales
  }
}
`,
    };
    expectDiagnostics(diagnose(files), [
      {
        code: "FN5004",
        message:
          'The imported file "./other.funnel" declares stages or `from any` rules; only teams, fields, events and scores can be imported.',
        range: "1:8-1:24",
        file: "main.funnel",
      },
    ]);
  });

  it("FN5006 reports an entry file that does not exist", () => {
    expectDiagnostics(diagnose({ "main.funnel": funnelWith() }, ["missing.funnel"]), [
      {
        code: "FN5006",
        message: "Cannot read missing.funnel: no such file.",
        range: "1:1-1:1",
        file: "missing.funnel",
      },
    ]);
  });

  it("imports of shared declarations compile cleanly (control for the FN5xxx cases)", () => {
    const files = {
      "main.funnel": `import "./common.funnel"\n${funnelUsingSales}`,
      "common.funnel": `funnel common {
  team sales
}
`,
    };
    expectDiagnostics(diagnose(files), []);
  });
});

// ---------------------------------------------------------------- codes of the commands
/** One JSON line per event. */
const jsonl = (...events: object[]) => events.map((e) => JSON.stringify(e)).join("\n") + "\n";
const VISIT = { record: "a", at: "2026-05-01T09:00:00Z", type: "visit", data: { url: "/a" } };
const EVENTS = jsonl(VISIT);
const SCENARIOS = (expect: string) => `funnel: mini.funnel
scenarios:
  - name: one visit
    events:
      - { at: 2026-05-01T09:00:00Z, type: visit, data: { url: /a } }
    expect: ${expect}
`;
const HISTORY_HEADER = "record,from,to,at,cause,event,event_type,line,rule\n";

/** A funnel for the salesforce target: `lead` with `clause`, ending in `Closed Won` (`outcome`). */
const SALESFORCE = (clause: string, outcome = "won") =>
  `funnel sf {\n  team sales "Sales"\n  events {\n    signed\n  }\n` +
  `  stage lead "Lead" {\n    definition "A person."\n    owner sales\n    ${clause}\n` +
  `    -> closed on signed\n  }\n  terminal closed "Closed Won" { outcome ${outcome} }\n}\n`;

describe("FN5xxx project and FN6xxx data: codes of the commands", () => {
  const cases: { code: string; what: string; files: Record<string, string>; argv: string[] }[] = [
    {
      code: "FN5005",
      what: "a config with an unknown key",
      files: {
        "funnel.config.yaml": "inputs: [mini.funnel]\ntargetz: [json]\n",
        "mini.funnel": MINI,
      },
      argv: ["check"],
    },
    {
      code: "FN5006",
      what: "an input that does not exist",
      files: { "mini.funnel": MINI },
      argv: ["check", "nope.funnel"],
    },
    {
      code: "FN5007",
      what: "building a file of shared declarations only",
      files: { "common.funnel": "funnel common {\n  team sales\n}\n" },
      argv: ["build", "common.funnel", "--verbose", "-o", "out"],
    },
    {
      code: "FN5008",
      what: "a misspelt build target",
      files: { "mini.funnel": MINI },
      argv: ["build", "mini.funnel", "-t", "jsn"],
    },
    {
      code: "FN5009",
      what: "a funnel too large to draw",
      files: { "big.funnel": generateFunnel(MAX_DRAWN_STAGES + 1, 1) },
      argv: ["build", "big.funnel", "-t", "svg", "-o", "out"],
    },
    ...Object.entries(HUBSPOT_CASES).map(([code, text]) => ({
      code,
      what: "what the hubspot target cannot hold or fills in",
      files: { "x.funnel": text },
      argv: ["build", "x.funnel", "-t", "hubspot", "-o", "out", "--verbose"],
    })),
    {
      code: "FN5015",
      what: "a Salesforce lead status longer than 255 characters",
      files: { "sf.funnel": SALESFORCE(`map salesforce "${"x".repeat(256)}"`) },
      argv: ["build", "sf.funnel", "-t", "salesforce", "-o", "out"],
    },
    {
      code: "FN5016",
      what: "two stages to one Salesforce value, compared without case",
      files: { "sf.funnel": SALESFORCE('map salesforce "closed won"') },
      argv: ["build", "sf.funnel", "-t", "salesforce", "-o", "out"],
    },
    {
      code: "FN5017",
      what: "Salesforce values derived from stage titles",
      files: { "sf.funnel": SALESFORCE("") },
      argv: ["build", "sf.funnel", "-t", "salesforce", "-o", "out", "--verbose"],
    },
    {
      code: "FN5018",
      what: "no converted Salesforce lead status",
      files: { "sf.funnel": SALESFORCE("", "lost") },
      argv: ["build", "sf.funnel", "-t", "salesforce", "-o", "out"],
    },
    {
      code: "FN6001",
      what: "a scenario file that is not valid YAML",
      files: { "mini.funnel": MINI, "x.scenarios.yaml": "funnel: mini.funnel\nscenarios: [\n" },
      argv: ["test"],
    },
    {
      code: "FN6002",
      what: "running a funnel with errors",
      files: { "bad.funnel": "funnel bad {\n", "e.jsonl": EVENTS },
      argv: ["run", "bad.funnel", "--data", "e.jsonl", "--out", "out"],
    },
    {
      code: "FN6003",
      what: "a scenario that expects a stage the funnel does not have",
      files: { "mini.funnel": MINI, "x.scenarios.yaml": SCENARIOS("{ stage: wram }") },
      argv: ["test"],
    },
    {
      code: "FN6004",
      what: "no scenario files",
      files: { "mini.funnel": MINI },
      argv: ["test"],
    },
    {
      code: "FN6005",
      what: "a scenario that fails",
      files: { "mini.funnel": MINI, "x.scenarios.yaml": SCENARIOS("{ stage: hot }") },
      argv: ["test"],
    },
    {
      code: "FN6010",
      what: "an event of an unknown type",
      files: { "mini.funnel": MINI, "e.jsonl": jsonl(VISIT, { ...VISIT, type: "meeting" }) },
      argv: ["run", "mini.funnel", "--data", "e.jsonl", "--out", "out"],
    },
    {
      code: "FN6011",
      what: "an events line that is not JSON",
      files: { "mini.funnel": MINI, "e.jsonl": EVENTS + "{oops\n" },
      argv: ["run", "mini.funnel", "--data", "e.jsonl", "--out", "out"],
    },
    {
      code: "FN6012",
      what: "a CSV header with an unknown column",
      files: { "mini.funnel": MINI, "e.csv": "record,at,type,email\n" },
      argv: ["run", "mini.funnel", "--data", "e.csv", "--out", "out"],
    },
    {
      code: "FN6013",
      what: "an events file that does not exist",
      files: { "mini.funnel": MINI },
      argv: ["run", "mini.funnel", "--data", "nope.jsonl", "--out", "out"],
    },
    {
      code: "FN6014",
      what: "explaining a record the events do not mention",
      files: { "mini.funnel": MINI, "e.jsonl": EVENTS },
      argv: ["explain", "mini.funnel", "--data", "e.jsonl", "--record", "z"],
    },
    {
      code: "FN6015",
      what: "an --as-of that is no date",
      files: { "mini.funnel": MINI, "e.jsonl": EVENTS },
      argv: ["run", "mini.funnel", "--data", "e.jsonl", "--as-of", "soon", "--out", "out"],
    },
    {
      code: "FN6016",
      what: "an output folder that is a file",
      files: { "mini.funnel": MINI, "e.jsonl": EVENTS, taken: "" },
      argv: ["run", "mini.funnel", "--data", "e.jsonl", "--out", "taken/out"],
    },
    {
      code: "FN6017",
      what: "events of which none applies",
      files: { "mini.funnel": MINI, "e.jsonl": jsonl({ ...VISIT, type: "meeting" }) },
      argv: ["run", "mini.funnel", "--data", "e.jsonl", "--out", "out"],
    },
    {
      code: "FN6018",
      what: "an events file that is mostly not JSON lines",
      files: {
        "mini.funnel": MINI,
        "e.jsonl": "id,record,at,type\n1,a,2026-05-01T09:00:00Z,visit\n",
      },
      argv: ["run", "mini.funnel", "--data", "e.jsonl", "--out", "out"],
    },
    {
      code: "FN6030",
      what: "a report window that ends before it starts",
      files: { "mini.funnel": MINI, "e.jsonl": EVENTS },
      argv: [
        "report",
        "mini.funnel",
        "--data",
        "e.jsonl",
        "--from",
        "2026-02-01",
        "--to",
        "2026-01-01",
      ],
    },
    {
      code: "FN6031",
      what: "a stage history line that is not JSON",
      files: { "mini.funnel": MINI, "h.jsonl": "{oops\n" },
      argv: ["report", "mini.funnel", "--history", "h.jsonl"],
    },
    {
      code: "FN6032",
      what: "a conversion rate out of range",
      files: { "mini.funnel": MINI },
      argv: ["generate", "mini.funnel", "-n", "3", "--conversion", "2", "-o", "e.jsonl"],
    },
    {
      code: "FN6033",
      what: "a stage history CSV with another header",
      files: { "mini.funnel": MINI, "h.csv": "record,at,type\n" },
      argv: ["report", "mini.funnel", "--history", "h.csv"],
    },
  ];

  it.each(cases)("$code: $what", async ({ code, files, argv }) => {
    const { codes, output } = await funnel(files, ...argv);
    expect(codes, output).toContain(code);
  });

  it("a stage history with the right header is read (control for FN6033)", async () => {
    const { codes, output } = await funnel(
      { "mini.funnel": MINI, "h.csv": HISTORY_HEADER },
      "report",
      "mini.funnel",
      "--history",
      "h.csv",
    );
    expect(codes, output).not.toContain("FN6033");
  });
});

// ---------------------------------------------------------------- FN9xxx internal
describe("FN9xxx internal", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    lowering.broken = false;
  });

  it("FN9001 reports a target that throws as a bug in funnelc, naming the file", async () => {
    vi.spyOn(TARGETS.get("yaml")!, "emit").mockImplementation(() => {
      throw new Error("boom");
    });
    const { code, output, codes } = await funnel({ "mini.funnel": MINI }, "build", "-t", "yaml");
    expect(code).toBe(3);
    expect(codes).toEqual(["FN9001"]);
    expect(output).toContain(
      "mini.funnel - error FN9001: Internal compiler error while compiling this file: yaml target: boom. This is a bug in funnelc; please report it with the file.\n",
    );
  });

  const buildMini = () => funnel({ "mini.funnel": MINI }, "build", "-t", "json", "-o", "out");

  it("FN9002 reports IR that does not match its schema before anything is emitted", async () => {
    lowering.broken = true;
    const { code, output, codes, dir } = await buildMini();
    expect(code).toBe(3);
    expect(codes).toEqual(["FN9002"]);
    expect(output).toBe(
      "mini.funnel - error FN9002: Internal compiler error: the IR compiled from this file does not match schema/funnel-ir.schema.json at `/funnel/title`: required property is missing. This is a bug in funnelc; please report it with the file.\n\n" +
        "Found 1 error in 1 file.\nNothing was written.\n",
    );
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("the same funnel builds when lowering works (control for FN9002)", async () => {
    const { code, codes } = await buildMini();
    expect(code).toBe(0);
    expect(codes).toEqual([]);
  });
});

// ---------------------------------------------------------------- every code
describe("the registry", () => {
  // Runs after every test above (a file's tests run in order); alone, it has nothing to count.
  it("has no code that none of the inputs above produces", () => {
    const unproduced = Object.entries(diagnosticRegistry)
      .filter(([, definition]) => !produced.has(definition.code))
      .map(([name, definition]) => `${definition.code} ${name}`);
    expect(unproduced).toEqual([]);
  });
});
