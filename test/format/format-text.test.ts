// formatText, the entry point the CLI and the language server share: options, line ends, BOM, and
// refusing files with errors.
import { describe, expect, it } from "vitest";
import { formatText } from "../../format/format.js";
import { FunnelSyntaxError } from "../../format/parser.js";
import { quoteString } from "../../format/strings.js";

const SOURCE = `funnel f {\n  team ops\n  fields { x: number? }\n  stage a { owner ops -> b when x > 1 and x < 10 and x != 5 }\n  terminal b { outcome won }\n}\n`;

async function rejection(text: string): Promise<FunnelSyntaxError> {
  const error = await formatText(text).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FunnelSyntaxError);
  return error as FunnelSyntaxError;
}

describe("formatText", () => {
  it("indents two spaces by default, or tabWidth spaces, or tabs", async () => {
    expect(await formatText(SOURCE)).toContain("\n  fields {\n    x: number?\n  }\n");
    expect(await formatText(SOURCE, { tabWidth: 4 })).toContain(
      "\n    fields {\n        x: number?\n    }\n",
    );
    expect(await formatText(SOURCE, { useTabs: true })).toContain(
      "\n\tfields {\n\t\tx: number?\n\t}\n",
    );
  });

  it("breaks a condition only when it does not fit in printWidth", async () => {
    expect(await formatText(SOURCE)).toContain("    -> b when x > 1 and x < 10 and x != 5\n");
    expect(await formatText(SOURCE, { printWidth: 30 })).toContain(
      "    -> b when x > 1\n      and x < 10\n      and x != 5\n",
    );
  });

  it("writes LF line ends and keeps a byte-order mark", async () => {
    const crlf = "\uFEFF" + SOURCE.replace(/\n/g, "\r\n");
    const formatted = await formatText(crlf);
    expect(formatted.startsWith("\uFEFFfunnel f {\n")).toBe(true);
    expect(formatted).not.toContain("\r");
  });

  it("ends the file with exactly one line break", async () => {
    expect(await formatText("funnel f {}")).toBe("funnel f {}\n");
    expect(await formatText("\n\nfunnel f {}\n\n\n")).toBe("funnel f {}\n");
  });

  it("rejects a file with a syntax error, naming the first error's line and column", async () => {
    const error = await rejection(`funnel f {\n  stage a {\n    -> \n  }\n}\n`);
    expect(error.diagnostic.code).toBe("FN1001");
    expect(error.loc.start).toEqual({ line: 4, column: 3 });
    expect(error.message).toContain("FN1001");
  });

  it("rejects files with lexical errors and files without a funnel", async () => {
    expect((await rejection(`funnel f { description "open }\n`)).diagnostic.code).toBe("FN1003");
    expect((await rejection("")).diagnostic.code).toBe("FN1009");
    expect((await rejection(" \n\n")).diagnostic.code).toBe("FN1009");
    expect((await rejection(`funnel f { team and }\n`)).diagnostic.severity).toBe("error");
  });
});

describe("quoteString", () => {
  it("uses the fewest escapes", () => {
    expect(quoteString('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteString("a\\b")).toBe('"a\\\\b"');
    expect(quoteString("line\nbreak\ttab")).toBe('"line\\nbreak\\ttab"');
    expect(quoteString("café 😀")).toBe('"café 😀"');
  });

  it("writes other control characters, separators and lone surrogates as \\u{…}", () => {
    expect(quoteString("\u0007\u007f\u0085")).toBe('"\\u{7}\\u{7F}\\u{85}"');
    expect(quoteString("\u2028\u2029")).toBe('"\\u{2028}\\u{2029}"');
    expect(quoteString("\ud800")).toBe('"\\u{D800}"');
  });
});
