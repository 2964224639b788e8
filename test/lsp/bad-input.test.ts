// Bad input never ends the session: malformed JSON-RPC, unknown documents, positions past the
// end, a 5 MB file, binary content, 1,000 rapid edits and a file deleted while open each get an
// error or an empty answer, and the server keeps serving without holding on to what it saw.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { unlinkSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "./fixtures.js";
import { startServer, type LspClient } from "./client.js";

let client: LspClient;

interface Stats {
  openDocuments: number;
  cachedFiles: number;
  programs: number;
  publishedFiles: number;
  syncedDocuments: number;
  heapUsed: number;
}

beforeAll(async () => {
  client = await startServer();
});
afterAll(() => client.stop());

/** The server still answers a real request correctly. */
async function stillServing() {
  await client.open("alive.funnel", DEMO, 1);
  const hover = await client.request<{ contents: { value: string } }>("textDocument/hover", {
    textDocument: { uri: client.uri("alive.funnel") },
    position: { line: 2, character: 8 },
  });
  expect(hover.contents.value).toBe("**team** `sales` — Sales");
  await client.close("alive.funnel");
  expect(client.process.exitCode).toBeNull();
}

const everyRequest = (uri: string, position: unknown) =>
  [
    ["textDocument/hover", { textDocument: { uri }, position }],
    ["textDocument/completion", { textDocument: { uri }, position }],
    ["textDocument/definition", { textDocument: { uri }, position }],
    [
      "textDocument/references",
      { textDocument: { uri }, position, context: { includeDeclaration: true } },
    ],
    ["textDocument/documentHighlight", { textDocument: { uri }, position }],
    ["textDocument/prepareRename", { textDocument: { uri }, position }],
    ["textDocument/rename", { textDocument: { uri }, position, newName: "x" }],
    ["textDocument/documentSymbol", { textDocument: { uri } }],
    ["textDocument/foldingRange", { textDocument: { uri } }],
    ["textDocument/selectionRange", { textDocument: { uri }, positions: [position] }],
    ["textDocument/semanticTokens/full", { textDocument: { uri } }],
    [
      "textDocument/codeAction",
      {
        textDocument: { uri },
        range: { start: position, end: position },
        context: { diagnostics: [] },
      },
    ],
    [
      "textDocument/formatting",
      { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } },
    ],
    [
      "textDocument/rangeFormatting",
      {
        textDocument: { uri },
        range: { start: position, end: position },
        options: { tabSize: 2, insertSpaces: true },
      },
    ],
    [
      "textDocument/inlayHint",
      { textDocument: { uri }, range: { start: position, end: position } },
    ],
  ] as const;

describe("malformed JSON-RPC", () => {
  it("survives bodies that are not JSON, not messages, or garbage without a header", async () => {
    const stdin = client.process.stdin!;
    const raw = (body: string) =>
      stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    raw("{not json");
    raw("[1,2,3]");
    raw('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":42}}');
    raw('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{}}');
    stdin.write("garbage without a header\r\n\r\n");
    // vscode-jsonrpc's reader drops the bad header block and resumes with the next data that
    // arrives; messages already buffered behind the garbage wait for it. Keep asking until
    // answered.
    let answered = false;
    while (!answered) {
      answered = await Promise.race([
        client.request("funnel/stats", {}).then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 200)),
      ]);
    }
    await stillServing();
  });

  it("answers unknown methods and invalid parameters with errors", async () => {
    await expect(client.request("funnel/noSuchMethod", {})).rejects.toMatchObject({ code: -32601 });
    await expect(client.request("textDocument/hover", {})).rejects.toMatchObject({
      code: -32602,
      message: "textDocument.uri must be a string.",
    });
    await client.open("params.funnel", DEMO, 1);
    await expect(
      client.request("textDocument/hover", { textDocument: { uri: client.uri("params.funnel") } }),
    ).rejects.toMatchObject({
      code: -32602,
      message: "position must have a numeric line and character.",
    });
    await expect(
      client.request("textDocument/rename", {
        textDocument: { uri: client.uri("params.funnel") },
        position: { line: 2, character: 8 },
        newName: 7,
      }),
    ).rejects.toMatchObject({ code: -32602 });
    await client.close("params.funnel");
    await stillServing();
  });
});

describe("unknown documents and positions", () => {
  it("gives empty answers for a document that was never opened and does not exist", async () => {
    const uri = client.uri("never-there.funnel");
    const results = [];
    for (const [method, params] of everyRequest(uri, { line: 0, character: 0 }))
      results.push([method, await client.request(method, params)]);
    expect(
      results.filter(
        ([, r]) =>
          r !== null &&
          !(
            typeof r === "object" &&
            "data" in (r as object) &&
            (r as { data: unknown[] }).data.length === 0
          ),
      ),
    ).toEqual([]);
    expect(
      await client.request("textDocument/hover", {
        textDocument: { uri: "untitled:Untitled-1" },
        position: { line: 0, character: 0 },
      }),
    ).toBeNull();
  });

  it("clamps positions past the end of a line or the file", async () => {
    await client.open("short.funnel", DEMO, 1);
    await client.diagnostics("short.funnel", 1);
    const uri = client.uri("short.funnel");
    for (const position of [
      { line: 10_000, character: 10_000 },
      { line: 2, character: 500 },
      { line: -4, character: -9 },
    ]) {
      for (const [method, params] of everyRequest(uri, position)) {
        await expect(
          client.request(method, params),
          `${method} at ${JSON.stringify(position)}`,
        ).resolves.not.toBeUndefined();
      }
    }
    // Past the end of line 2 (`  team sales "Sales"`) is its end: no name there.
    expect(
      await client.request("textDocument/hover", {
        textDocument: { uri },
        position: { line: 2, character: 500 },
      }),
    ).toBeNull();
    await client.close("short.funnel");
  });
});

describe("never fails on its own input", () => {
  it("answers every request at any position of any edited funnel", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: DEMO.length }),
        fc.nat({ max: 40 }),
        fc.string({ maxLength: 12 }),
        fc.integer({ min: -2, max: 40 }),
        fc.integer({ min: -2, max: 120 }),
        fc.nat({ max: 14 }),
        async (at, cut, insert, line, character, which) => {
          const name = `fuzz/${n++}.funnel`;
          await client.open(name, DEMO.slice(0, at) + insert + DEMO.slice(at + cut), 1);
          await client.diagnostics(name, 1);
          const [method, params] = everyRequest(client.uri(name), { line, character })[which];
          // Well-formed requests on any text: an answer (possibly empty), never an error.
          await client.request(method, params);
          await client.close(name);
          await client.diagnostics(name);
        },
      ),
      { numRuns: 60 },
    );
    await stillServing();
  });
});

describe("large, binary and fast-changing files", () => {
  it("checks a 5 MB file and keeps answering", async () => {
    const padding = "/* " + "x".repeat(5 * 1024 * 1024) + " */\n";
    const text = DEMO.replace("  team sales", padding + "  team sales");
    await client.open("big.funnel", text, 1);
    const published = await client.diagnostics("big.funnel", 1);
    expect(published.diagnostics.map((d) => d.code)).toEqual(["FN2008"]);
    const hover = await client.request<{ contents: { value: string } }>("textDocument/hover", {
      textDocument: { uri: client.uri("big.funnel") },
      position: { line: 3, character: 8 },
    });
    expect(hover.contents.value).toBe("**team** `sales` — Sales");
    await client.close("big.funnel");
    await stillServing();
  });

  it("reports 5 MB of binary content as not Funnel source", async () => {
    const text = randomBytes(5 * 1024 * 1024).toString("latin1");
    await client.open("binary.funnel", text, 1);
    const published = await client.diagnostics("binary.funnel", 1);
    expect(published.diagnostics.length).toBeGreaterThan(0);
    expect(
      published.diagnostics.every(
        (d) =>
          d.code === "FN1002" || d.code === "FN1010" || d.code === "FN1003" || d.code === "FN1004",
      ),
    ).toBe(true);
    expect(published.diagnostics[published.diagnostics.length - 1].code).toBe("FN1010");
    for (const [method, params] of everyRequest(client.uri("binary.funnel"), {
      line: 3,
      character: 3,
    }))
      await client.request(method, params);
    await client.close("binary.funnel");
    await stillServing();
  });

  it("coalesces 1,000 rapid edits into few checks and ends on the right text", async () => {
    await client.open("typing.funnel", DEMO, 1);
    await client.diagnostics("typing.funnel", 1);
    const before = await client.request<{ compilations: number }>("funnel/stats", {});
    // Type `// ` and then 997 characters of a comment at the start of line 1, one edit each.
    const typed = "// " + "abcdefghij".repeat(100).slice(0, 997);
    for (let i = 0; i < typed.length; i++) {
      void client.edit(
        "typing.funnel",
        i + 2,
        { start: { line: 1, character: i }, end: { line: 1, character: i } },
        typed[i],
      );
    }
    const final = await client.diagnostics("typing.funnel", 1001);
    // The whole funnel header is now commented out: one missing-funnel error at line 2.
    expect(final.diagnostics.map((d) => d.code)[0]).toBe("FN1009");
    const after = await client.request<{ compilations: number }>("funnel/stats", {});
    expect(after.compilations - before.compilations).toBeLessThan(100);
    const symbols = await client.request<unknown[]>("textDocument/documentSymbol", {
      textDocument: { uri: client.uri("typing.funnel") },
    });
    expect(symbols).toEqual([]);
    await client.close("typing.funnel");
  });
});

describe("a UTF-8 byte order mark", () => {
  it("keeps diagnostics on the editor's columns: the mark is the first character of line 0 in the buffer", async () => {
    // An unused team on line 0, an unknown stage further down.
    const text = DEMO.slice(DEMO.indexOf("\n") + 1)
      .replace('funnel demo "Demo" {', 'funnel demo "Demo" { team spare "Spare"')
      .replace("-> won when qualified", "-> wonn when qualified");
    await client.open("plain.funnel", text, 1);
    await client.open("bom.funnel", "\uFEFF" + text, 1);
    const plain = (await client.diagnostics("plain.funnel", 1)).diagnostics;
    const bom = (await client.diagnostics("bom.funnel", 1)).diagnostics;
    const shifted = plain.map((d) => {
      const move = (p: { line: number; character: number }) =>
        p.line === 0 ? { line: 0, character: p.character + 1 } : p;
      return [d.code, { start: move(d.range.start), end: move(d.range.end) }];
    });
    expect(
      plain.filter((d) => d.range.start.line === 0).map((d) => [d.code, d.range.start.character]),
    ).toEqual([["FN2008", 26]]);
    expect(bom.map((d) => [d.code, d.range])).toEqual(shifted);
    await client.close("plain.funnel");
    await client.close("bom.funnel");
  });
});

describe("files that go away", () => {
  it("keeps serving an open document whose file was deleted, and forgets it once closed", async () => {
    client.write("doomed.funnel", DEMO);
    await client.open("doomed.funnel", DEMO, 1);
    await client.diagnostics("doomed.funnel", 1);
    unlinkSync(path.join(client.root, "doomed.funnel"));
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: client.uri("doomed.funnel"), type: 3 }],
    });
    const hover = await client.request<{ contents: { value: string } }>("textDocument/hover", {
      textDocument: { uri: client.uri("doomed.funnel") },
      position: { line: 2, character: 8 },
    });
    expect(hover.contents.value).toBe("**team** `sales` — Sales");
    await client.close("doomed.funnel");
    expect((await client.diagnostics("doomed.funnel")).diagnostics).toEqual([]);
    expect(
      await client.request("textDocument/hover", {
        textDocument: { uri: client.uri("doomed.funnel") },
        position: { line: 2, character: 8 },
      }),
    ).toBeNull();
  });

  it("holds nothing for closed documents after a long session", async () => {
    const baseline = await client.request<Stats>("funnel/stats", {});
    const round = async (n: number) => {
      for (let i = 0; i < 50; i++) {
        const name = `session/${n}-${i}.funnel`;
        await client.open(name, DEMO.replace("demo", `demo_${i}`), 1);
        await client.edit(
          name,
          2,
          { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          "// edited\n",
        );
        await client.diagnostics(name, 2);
        await client.request("textDocument/hover", {
          textDocument: { uri: client.uri(name) },
          position: { line: 3, character: 8 },
        });
        await client.close(name);
        await client.diagnostics(name);
      }
      return client.request<Stats>("funnel/stats", {});
    };
    await round(1);
    const second = await round(2);
    const third = await round(3);
    for (const stats of [second, third]) {
      expect({
        open: stats.openDocuments,
        cached: stats.cachedFiles,
        programs: stats.programs,
        published: stats.publishedFiles,
        synced: stats.syncedDocuments,
      }).toEqual({
        open: baseline.openDocuments,
        cached: baseline.cachedFiles,
        programs: baseline.programs,
        published: baseline.publishedFiles,
        synced: baseline.syncedDocuments,
      });
    }
    // Heap between the second and third round of identical work: no steady growth (generous bound
    // for GC timing).
    expect(third.heapUsed - second.heapUsed).toBeLessThan(40 * 1024 * 1024);
  });
});
