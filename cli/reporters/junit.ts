// JUnit XML for CI (`funnel test --reporter junit`): one <testsuite> per scenario file, one
// <testcase> per scenario. Text is escaped for XML, and characters XML 1.0 cannot hold at all
// (control characters, lone surrogates) are replaced, so any scenario name gives a valid file.

export interface JunitCase {
  name: string;
  classname: string;
  file?: string;
  line?: number;
  /** Seconds. */
  time?: number;
  failure?: { message: string; type: string; text: string };
  error?: { message: string; type: string; text: string };
}

export interface JunitSuite {
  name: string;
  file?: string;
  cases: JunitCase[];
  properties?: Record<string, string>;
  systemOut?: string;
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for an XML attribute or element: `& < > " '` escaped, impossible characters as U+FFFD. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#13;");
}

const attrs = (values: Record<string, string | number | undefined>) =>
  Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) => ` ${k}="${escapeXml(String(v)).replace(/\n/g, "&#10;").replace(/\t/g, "&#9;")}"`,
    )
    .join("");

export function formatJunit(name: string, suites: JunitSuite[]): string {
  const count = (suite: JunitSuite, what: "failure" | "error") =>
    suite.cases.filter((c) => c[what]).length;
  const total = (what: "failure" | "error") => suites.reduce((n, s) => n + count(s, what), 0);
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites${attrs({ name, tests, failures: total("failure"), errors: total("error") })}>`,
  );
  for (const suite of suites) {
    out.push(
      `  <testsuite${attrs({
        name: suite.name,
        tests: suite.cases.length,
        failures: count(suite, "failure"),
        errors: count(suite, "error"),
        skipped: 0,
        file: suite.file,
      })}>`,
    );
    if (suite.properties && Object.keys(suite.properties).length) {
      out.push("    <properties>");
      for (const [key, value] of Object.entries(suite.properties))
        out.push(`      <property${attrs({ name: key, value })}/>`);
      out.push("    </properties>");
    }
    for (const c of suite.cases) {
      const open = `    <testcase${attrs({
        name: c.name,
        classname: c.classname,
        file: c.file,
        line: c.line,
        time: c.time?.toFixed(3),
      })}`;
      const problem = c.failure
        ? (["failure", c.failure] as const)
        : c.error
          ? (["error", c.error] as const)
          : undefined;
      if (!problem) {
        out.push(open + "/>");
        continue;
      }
      const [tag, p] = problem;
      out.push(open + ">");
      out.push(
        `      <${tag}${attrs({ message: p.message, type: p.type })}>${escapeXml(p.text)}</${tag}>`,
      );
      out.push("    </testcase>");
    }
    if (suite.systemOut) out.push(`    <system-out>${escapeXml(suite.systemOut)}</system-out>`);
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return out.join("\n") + "\n";
}
