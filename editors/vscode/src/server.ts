// Entry of dist/server.js, the language server bundled into the extension: the same server as
// `funnel lsp`, over Node IPC when VS Code starts it (or stdio for tests and other editors).
import { startLanguageServer } from "../../../lsp/start.js";

startLanguageServer(process.argv.includes("--stdio") ? "stdio" : "node-ipc");
