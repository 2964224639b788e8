// Multi-file workspaces: diagnostics across imports, references and renames that reach files
// not open, workspace symbols, and files that change, appear or disappear on disk.
import { unlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CancellationTokenSource } from "vscode-languageserver-protocol/node";
import { ALSO_USES_COMMON, COMMON, USES_COMMON } from "./fixtures.js";
import { startServer, type LspClient } from "./client.js";

let client: LspClient;

beforeAll(async () => {
  client = await startServer({
    files: {
      "common.funnel": COMMON,
      "first.funnel": USES_COMMON,
      "nested/second.funnel": ALSO_USES_COMMON.replace("./common.funnel", "../common.funnel"),
    },
  });
  await client.open("first.funnel", USES_COMMON);
  await client.diagnostics("first.funnel", 1);
});
afterAll(() => client.stop());

function pos(text: string, needle: string, offset = 0) {
  const before = text.slice(0, text.indexOf(needle) + offset).split("\n");
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe("imports", () => {
  it("goes to a definition in the imported file, and to the file from the import", async () => {
    const uri = client.uri("first.funnel");
    expect(
      await client.request("textDocument/definition", {
        textDocument: { uri },
        position: pos(USES_COMMON, "owner sales", 7),
      }),
    ).toEqual([
      {
        uri: client.uri("common.funnel"),
        range: { start: pos(COMMON, "sales"), end: pos(COMMON, "sales", 5) },
      },
    ]);
    expect(
      await client.request("textDocument/definition", {
        textDocument: { uri },
        position: pos(USES_COMMON, "common.funnel"),
      }),
    ).toEqual([
      {
        uri: client.uri("common.funnel"),
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
    ]);
  });

  it("finds references in every funnel that imports the declaration, open or not", async () => {
    const refs = await client.request<{ uri: string; range: { start: unknown } }[]>(
      "textDocument/references",
      {
        textDocument: { uri: client.uri("first.funnel") },
        position: pos(USES_COMMON, "owner sales", 7),
        context: { includeDeclaration: true },
      },
    );
    const second = ALSO_USES_COMMON.replace("./common.funnel", "../common.funnel");
    expect(refs.map((r) => [path.basename(r.uri), r.range.start])).toEqual([
      ["common.funnel", pos(COMMON, "sales")],
      ["first.funnel", pos(USES_COMMON, "owner sales", 6)],
      ["second.funnel", pos(second, "owner sales", 6)],
    ]);
  });

  it("renames across imports", async () => {
    const edit = await client.request<{
      changes: Record<string, { range: { start: unknown }; newText: string }[]>;
    }>("textDocument/rename", {
      textDocument: { uri: client.uri("first.funnel") },
      position: pos(USES_COMMON, "email is set", 2),
      newName: "work_email",
    });
    expect(
      Object.fromEntries(
        Object.entries(edit.changes).map(([uri, edits]) => [
          path.relative(client.root, new URL(uri).pathname),
          edits.map((e) => [e.range.start, e.newText]),
        ]),
      ),
    ).toEqual({
      "common.funnel": [[pos(COMMON, "email"), "work_email"]],
      "first.funnel": [[pos(USES_COMMON, "email is set"), "work_email"]],
    });
  });

  it("renames an event field across imports", async () => {
    const edit = await client.request<{ changes: Record<string, { range: { start: unknown } }[]> }>(
      "textDocument/rename",
      {
        textDocument: { uri: client.uri("first.funnel") },
        position: pos(USES_COMMON, "event.form", 7),
        newName: "form_name",
      },
    );
    expect(
      Object.fromEntries(
        Object.entries(edit.changes).map(([uri, edits]) => [
          path.basename(uri),
          edits.map((e) => e.range.start),
        ]),
      ),
    ).toEqual({
      "common.funnel": [pos(COMMON, "form: text")],
      "first.funnel": [pos(USES_COMMON, "event.form", 6)],
    });
  });

  it("lists workspace symbols from files that are not open", async () => {
    const symbols = await client.request<
      { name: string; location: { uri: string }; containerName: string }[]
    >("workspace/symbol", { query: "qual" });
    expect(symbols.map((s) => [s.name, path.basename(s.location.uri), s.containerName])).toEqual([
      ["qualified", "common.funnel", "common"],
    ]);
    const all = await client.request<{ name: string }[]>("workspace/symbol", { query: "" });
    expect(all.map((s) => s.name)).toEqual([
      "sales",
      "email",
      "qualified",
      "form_submitted",
      "form",
      "lead",
      "won",
      "start",
      "done",
    ]);
  });

  it("shows an error in an imported file there, and clears it when the import is fixed", async () => {
    await client.open("common.funnel", COMMON, 1);
    await client.diagnostics("common.funnel", 1);
    const broken = COMMON.replace("email: text?", "email: txt?");
    await client.change("common.funnel", broken, 2);
    const inCommon = await client.diagnostics("common.funnel", 2);
    expect(inCommon.diagnostics.map((d) => [d.code, d.message, d.range.start])).toEqual([
      ["FN2009", "Unknown type `txt`; did you mean `text`?", pos(broken, "txt")],
    ]);
    // The importing funnel is rechecked too (its diagnostics, still none, are not sent again).
    await client.change("common.funnel", COMMON.replace('  team sales "Sales"\n', ""), 3);
    const missingTeam = await client.diagnostics("first.funnel", 1);
    expect(missingTeam.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["FN2005", "Unknown team `sales`; declare it with `team sales`."],
    ]);
    await client.change("common.funnel", COMMON, 4);
    expect((await client.diagnostics("first.funnel", 1)).diagnostics).toEqual([]);
    expect((await client.diagnostics("common.funnel", 4)).diagnostics).toEqual([]);
    await client.close("common.funnel");
  });

  it("publishes an error in an imported file that is not open under that file", async () => {
    const broken = COMMON.replace("email: text?", "email: txt?");
    client.write("shared/broken.funnel", broken);
    const text = USES_COMMON.replace("./common.funnel", "./shared/broken.funnel");
    await client.open("uses-broken.funnel", text, 1);
    expect((await client.diagnostics("uses-broken.funnel", 1)).diagnostics).toEqual([]);
    const inImported = await client.diagnostics("shared/broken.funnel");
    expect(inImported.version).toBeUndefined();
    expect(inImported.diagnostics.map((d) => [d.code, d.range.start])).toEqual([
      ["FN2009", pos(broken, "txt")],
    ]);
    await client.close("uses-broken.funnel");
    expect((await client.diagnostics("shared/broken.funnel")).diagnostics).toEqual([]);
  });

  it("reports a missing import at the import, and recovers when the file appears", async () => {
    const text =
      'import "./later.funnel"\n' + USES_COMMON.replace('import "./common.funnel"\n', "");
    await client.open("third.funnel", text, 1);
    const before = await client.diagnostics("third.funnel", 1);
    // Only the import: the names it would declare are not also reported as unknown.
    expect(before.diagnostics.map((d) => d.code)).toEqual(["FN5001"]);
    writeFileSync(path.join(client.root, "later.funnel"), COMMON);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: client.uri("later.funnel"), type: 1 }],
    });
    await client.change("third.funnel", text, 2);
    expect((await client.diagnostics("third.funnel", 2)).diagnostics).toEqual([]);
    unlinkSync(path.join(client.root, "later.funnel"));
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: client.uri("later.funnel"), type: 3 }],
    });
    const after = await client.diagnostics("third.funnel", 2);
    expect(after.diagnostics.map((d) => d.code)).toEqual(["FN5001"]);
    await client.close("third.funnel");
  });
});

describe("cancellation", () => {
  it("stops a workspace-wide request when the client cancels it, and keeps serving", async () => {
    const other = await startServer({
      files: Object.fromEntries(
        Array.from({ length: 20 }, (_, i) => [
          `many/f${i}.funnel`,
          USES_COMMON.replace("./common.funnel", "../common.funnel").replace("first", `f${i}`),
        ]).concat([["common.funnel", COMMON]]),
      ),
    });
    try {
      await other.open("main.funnel", USES_COMMON, 1);
      await other.diagnostics("main.funnel", 1);
      const source = new CancellationTokenSource();
      const pending = other.connection.sendRequest(
        "textDocument/references",
        {
          textDocument: { uri: other.uri("main.funnel") },
          position: pos(USES_COMMON, "owner sales", 7),
          context: { includeDeclaration: true },
        },
        source.token,
      );
      source.cancel();
      await expect(pending).rejects.toMatchObject({ code: -32800 });
      const refs = await other.request<unknown[]>("textDocument/references", {
        textDocument: { uri: other.uri("main.funnel") },
        position: pos(USES_COMMON, "owner sales", 7),
        context: { includeDeclaration: true },
      });
      // common.funnel's declaration, main.funnel's owner, and one owner in each of the 20 files.
      expect(refs).toHaveLength(22);
    } finally {
      await other.stop();
    }
  });
});
