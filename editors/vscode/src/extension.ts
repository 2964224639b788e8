// The VS Code side of the Funnel extension: starts the bundled language server (dist/server.js)
// over Node IPC and restarts it on request. All language knowledge lives in the server.
import * as vscode from "vscode";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/**
 * Called by VS Code when a `.funnel` file opens.
 * @param context the extension's context, which owns every disposable registered here
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel("Funnel Language Server");
  const watchers = [
    vscode.workspace.createFileSystemWatcher("**/*.funnel"),
    // The project's inputs, root and targets live here; a change can change every diagnostic.
    vscode.workspace.createFileSystemWatcher("**/funnel.config.yaml"),
  ];
  context.subscriptions.push(outputChannel, ...watchers);
  context.subscriptions.push(
    vscode.commands.registerCommand("funnel.restartServer", async () => {
      // Restarting a client that failed to start throws; start a fresh one instead.
      if (client?.isRunning()) await client.restart();
      else await startClient(context, outputChannel, watchers);
    }),
  );
  await startClient(context, outputChannel, watchers);
}

async function startClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.OutputChannel,
  watchers: vscode.FileSystemWatcher[],
): Promise<void> {
  if (client) {
    await client.dispose().catch(() => undefined);
    client = undefined;
  }
  const module = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    // --inspect lets a developer attach a debugger to the server while the extension runs.
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: ["--nolazy", "--inspect=6009"] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "funnel" }],
    synchronize: { fileEvents: watchers },
    outputChannel,
    // The first diagnostics already use the user's settings; later changes reach the server through
    // workspace/configuration, which it asks for after each didChangeConfiguration.
    initializationOptions: { funnel: currentSettings() },
  };
  // The id `funnel` makes the client read the `funnel.trace.server` setting.
  client = new LanguageClient("funnel", "Funnel Language Server", serverOptions, clientOptions);
  await client.start();
}

/**
 * The `funnel` settings the server reads (package.json contributes them; lsp/settings.ts reads
 * them).
 */
function currentSettings(): Record<string, unknown> {
  const configuration = vscode.workspace.getConfiguration("funnel");
  return {
    diagnostics: configuration.get("diagnostics"),
    inlayHints: configuration.get("inlayHints"),
    format: configuration.get("format"),
  };
}

/** Called by VS Code on shutdown: stops the server so it never outlives the window. */
export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.dispose();
}
