// Writes editors/vscode/syntaxes/funnel.tmLanguage.json from grammar/tokens.ts (npm run
// gen:vscode).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderTextMateGrammar } from "./textmate-grammar.mjs";

const target = fileURLToPath(new URL("../syntaxes/funnel.tmLanguage.json", import.meta.url));
writeFileSync(target, renderTextMateGrammar());
console.log(`Wrote ${target}`);
