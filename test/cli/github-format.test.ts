// `--format github`: GitHub Actions workflow commands, one per diagnostic, with GitHub's escaping.
import { describe, expect, it } from "vitest";
import { createDiagnostic } from "../../core/diagnostics/diagnostic.js";
import { formatGithubDiagnostic } from "../../cli/reporters/github.js";
import { project, run } from "../helpers/cli.js";

// One error (the typo `sqll`) and one warning (stage `a` has no definition).
const TYPO =
  "funnel f {\n  team sales\n  events {\n    signup { }\n  }\n  stage a {\n    owner sales\n    -> sqll on signup\n  }\n" +
  '  stage sql {\n    definition "Qualified."\n    owner sales\n  }\n}\n';

describe("funnel check --format github", () => {
  it("prints one workflow command per diagnostic on stdout and the summary on stderr", async () => {
    const dir = project({ "f.funnel": TYPO });
    const { code, stdout, stderr } = await run(dir, "check", "--format", "github", "f.funnel");
    expect(code).toBe(1);
    expect(stdout).toBe(
      "::warning file=f.funnel,line=6,col=9,endLine=6,endColumn=10,title=FN4009::Stage `a` has " +
        "no `definition`; add the one sentence that everyone agrees this stage means.\n" +
        "::error file=f.funnel,line=8,col=8,endLine=8,endColumn=12,title=FN2002::Unknown stage " +
        "`sqll`; did you mean `sql`?\n",
    );
    expect(stderr).toBe("Found 1 error and 1 warning in 1 file.\n");
  });

  it("escapes `%`, `,` and `:` in the file property", async () => {
    const dir = project({ "a,b:c%.funnel": TYPO });
    const { stdout } = await run(dir, "check", "-f", "github", "a,b:c%.funnel");
    expect(stdout).toContain(
      "::error file=a%2Cb%3Ac%25.funnel,line=8,col=8,endLine=8,endColumn=12,title=FN2002::",
    );
  });

  it("is the build's format too: commands on stdout, the rest on stderr, exit 1", async () => {
    const dir = project({ "f.funnel": TYPO });
    const { code, stdout, stderr } = await run(dir, "build", "-f", "github", "f.funnel");
    expect(code).toBe(1);
    expect(
      stdout
        .split("\n")
        .filter(Boolean)
        .every((l) => l.startsWith("::")),
    ).toBe(true);
    expect(stderr).toBe("Found 1 error and 1 warning in 1 file.\nNothing was written.\n");
  });

  it("prints a problem of the command line without file or line", async () => {
    const dir = project({ "f.funnel": TYPO });
    const { code, stdout } = await run(dir, "build", "-f", "github", "-t", "nope", "f.funnel");
    expect(code).toBe(2);
    expect(stdout).toMatch(/^::error title=FN5008::Unknown target `nope`; [^\n]*\n$/);
  });

  it("is listed in --help", async () => {
    expect((await run(".", "check", "--help")).stdout).toMatch(/"sarif",\s+"github"/);
  });
});

describe("formatGithubDiagnostic", () => {
  it("escapes the message as data and the file as a property", () => {
    const d = createDiagnostic("unknown-stage", {
      format: { name: "x%y\r\nz" },
      file: "a,b:c%\nd.funnel",
      span: { start: 0, end: 1 },
    });
    expect(formatGithubDiagnostic(d, new Map([["a,b:c%\nd.funnel", "ab\n"]]))).toBe(
      "::error file=a%2Cb%3Ac%25%0Ad.funnel,line=1,col=1,endLine=1,endColumn=2,title=FN2002::" +
        "Unknown stage `x%25y%0D%0Az`.\n",
    );
  });
});
