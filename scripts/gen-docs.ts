// npm run gen: writes the generated documentation. The rendering lives in the compiler
// (core/diagnostics/docs.ts) so that a test can check the file on disk is up to date.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderDiagnosticsDoc } from "../core/diagnostics/docs.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "docs", "diagnostics.md");
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, renderDiagnosticsDoc());
console.log(`wrote ${path.relative(root, target)}`);
