// `funnel lsp --stdio | --node-ipc`: runs the Funnel language server (lsp/) for editors.
import { startLanguageServer } from "../../lsp/start.js";

/** Starts the server on the chosen transport; it runs until the client sends `exit`. */
export function runLsp(transport: "stdio" | "node-ipc"): void {
  startLanguageServer(transport);
}
