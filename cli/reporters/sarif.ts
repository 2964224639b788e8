// SARIF 2.1.0 output (`--format sarif`) for GitHub code scanning and other CI annotators.
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import { diagnosticRegistry, type DiagnosticName } from "../../core/diagnostics/registry.js";
import { DIAGNOSTICS_DOC_URL, diagnosticDocUrl } from "../../core/diagnostics/docs.js";
import { COMPILER_VERSION } from "../../compiler/version.js";
import { locate, type SourceTexts } from "./locate.js";

const LEVEL = { error: "error", warning: "warning", info: "note", hint: "note" } as const;

export function formatSarif(diagnostics: Diagnostic[], sources: SourceTexts): string {
  const names = [...new Set(diagnostics.map((d) => d.name))].sort((a, b) =>
    diagnosticRegistry[a].code.localeCompare(diagnosticRegistry[b].code),
  );
  const ruleIndex = new Map<DiagnosticName, number>(names.map((n, i) => [n, i]));
  const region = (file: string, span: Diagnostic["span"]) => {
    const r = locate(sources, file, span);
    return {
      startLine: r.start.line,
      startColumn: r.start.column,
      endLine: r.end.line,
      endColumn: r.end.column,
    };
  };
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "funnelc",
            version: COMPILER_VERSION,
            informationUri: DIAGNOSTICS_DOC_URL,
            rules: names.map((name) => {
              const def = diagnosticRegistry[name];
              return {
                id: def.code,
                name,
                shortDescription: { text: def.docs.summary },
                help: { text: def.docs.fix },
                helpUri: diagnosticDocUrl(def.code),
                defaultConfiguration: { level: LEVEL[def.severity] },
              };
            }),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: ruleIndex.get(d.name),
          level: LEVEL[d.severity],
          message: { text: d.message },
          // A problem without a place has no region; one without a file (the command line) no
          // location.
          locations: d.unlocated
            ? d.file
              ? [{ physicalLocation: { artifactLocation: { uri: d.file } } }]
              : []
            : [
                {
                  physicalLocation: {
                    artifactLocation: { uri: d.file },
                    region: region(d.file, d.span),
                  },
                },
              ],
          ...(d.related?.length
            ? {
                relatedLocations: d.related.map((r, i) => ({
                  id: i + 1,
                  message: { text: r.message },
                  physicalLocation: {
                    artifactLocation: { uri: r.file },
                    region: region(r.file, r.span),
                  },
                })),
              }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
