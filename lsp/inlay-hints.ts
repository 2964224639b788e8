// Inlay hints: each success-path stage's position (`1/7`), computed by the compiler's rules
// (the `stage` kind, in written order), shown after the stage's name.
import { InlayHintKind, type InlayHint, type Range } from "vscode-languageserver/node.js";
import type { Workspace } from "./workspace.js";

export function inlayHints(workspace: Workspace, file: string, range: Range): InlayHint[] {
  const program = workspace.program(file);
  const symbols = program.symbols;
  if (!symbols) return [];
  const start = workspace.offsetOf(file, range.start);
  const end = workspace.offsetOf(file, range.end);
  const path = symbols.stageList.filter((s) => s.node.stageKind === "stage");
  const hints: InlayHint[] = [];
  path.forEach((stage, i) => {
    if (stage.file !== file) return;
    const at = stage.node.name.end;
    if (at < start || at > end) return;
    hints.push({
      position: workspace.rangeOf(file, { start: at, end: at }).start,
      label: `${i + 1}/${path.length}`,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip:
        `Step ${i + 1} of ${path.length} on the success path (the \`stage\` declarations, ` +
        `in written order).`,
    });
  });
  return hints;
}
