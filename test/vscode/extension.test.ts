// The extension's client (editors/vscode/src/extension.ts) against stand-ins for the VS Code API
// and vscode-languageclient: what it starts, with which options, and how it restarts and stops.
import { beforeEach, describe, expect, it, vi } from "vitest";

const calls = vi.hoisted(() => ({
  clients: [] as FakeClient[],
  commands: new Map<string, () => Promise<void>>(),
  watchers: [] as string[],
  channels: [] as string[],
  failStart: false,
}));

interface FakeClient {
  id: string;
  name: string;
  serverOptions: unknown;
  clientOptions: Record<string, unknown>;
  running: boolean;
  started: number;
  restarted: number;
  disposed: number;
}

vi.mock("vscode", () => ({
  window: {
    createOutputChannel: (name: string) => {
      calls.channels.push(name);
      return { name, dispose: () => undefined };
    },
  },
  commands: {
    registerCommand: (id: string, run: () => Promise<void>) => {
      calls.commands.set(id, run);
      return { dispose: () => calls.commands.delete(id) };
    },
  },
  workspace: {
    createFileSystemWatcher: (glob: string) => {
      calls.watchers.push(glob);
      return { glob, dispose: () => undefined };
    },
    getConfiguration: (section: string) => ({
      get: (key: string) =>
        ({
          diagnostics: { delay: 250 },
          inlayHints: { stagePositions: false },
          format: { printWidth: 80 },
        })[key] ?? `${section}.${key}`,
    }),
  },
}));

vi.mock("vscode-languageclient/node", () => ({
  TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 },
  LanguageClient: class {
    record: FakeClient;
    constructor(
      id: string,
      name: string,
      serverOptions: unknown,
      clientOptions: Record<string, unknown>,
    ) {
      this.record = {
        id,
        name,
        serverOptions,
        clientOptions,
        running: false,
        started: 0,
        restarted: 0,
        disposed: 0,
      };
      calls.clients.push(this.record);
    }
    async start() {
      this.record.started++;
      if (calls.failStart) throw new Error("server did not start");
      this.record.running = true;
    }
    isRunning() {
      return this.record.running;
    }
    async restart() {
      this.record.restarted++;
    }
    async dispose() {
      this.record.disposed++;
      this.record.running = false;
    }
  },
}));

const { activate, deactivate } = await import("../../editors/vscode/src/extension.js");

function fakeContext() {
  const subscriptions: { dispose(): unknown }[] = [];
  return {
    subscriptions,
    asAbsolutePath: (relative: string) => `/extensions/funnel/${relative}`,
  } as unknown as Parameters<typeof activate>[0] & { subscriptions: { dispose(): unknown }[] };
}

beforeEach(async () => {
  await deactivate();
  calls.clients.length = 0;
  calls.commands.clear();
  calls.watchers.length = 0;
  calls.channels.length = 0;
  calls.failStart = false;
});

describe("activate", () => {
  it("starts the bundled server over Node IPC for funnel documents, with the user's settings", async () => {
    const context = fakeContext();
    await activate(context);
    expect(calls.clients).toHaveLength(1);
    const [client] = calls.clients;
    expect(client).toMatchObject({
      id: "funnel",
      name: "Funnel Language Server",
      started: 1,
      running: true,
    });
    expect(client.serverOptions).toEqual({
      run: { module: "/extensions/funnel/dist/server.js", transport: 1 },
      debug: {
        module: "/extensions/funnel/dist/server.js",
        transport: 1,
        options: { execArgv: ["--nolazy", "--inspect=6009"] },
      },
    });
    expect(client.clientOptions).toMatchObject({
      documentSelector: [{ language: "funnel" }],
      initializationOptions: {
        funnel: {
          diagnostics: { delay: 250 },
          inlayHints: { stagePositions: false },
          format: { printWidth: 80 },
        },
      },
      outputChannel: { name: "Funnel Language Server" },
    });
  });

  it("watches .funnel files and funnel.config.yaml and forwards their changes to the server", async () => {
    const context = fakeContext();
    await activate(context);
    expect(calls.watchers).toEqual(["**/*.funnel", "**/funnel.config.yaml"]);
    const fileEvents = (
      calls.clients[0].clientOptions.synchronize as { fileEvents: { glob: string }[] }
    ).fileEvents;
    expect(fileEvents.map((w) => w.glob)).toEqual(["**/*.funnel", "**/funnel.config.yaml"]);
  });

  it("registers the output channel, the command and the watchers for disposal with the extension", async () => {
    const context = fakeContext();
    await activate(context);
    expect(calls.channels).toEqual(["Funnel Language Server"]);
    expect([...calls.commands.keys()]).toEqual(["funnel.restartServer"]);
    expect(context.subscriptions).toHaveLength(4);
  });
});

describe("funnel.restartServer", () => {
  it("restarts a running server", async () => {
    await activate(fakeContext());
    await calls.commands.get("funnel.restartServer")!();
    expect(calls.clients).toHaveLength(1);
    expect(calls.clients[0].restarted).toBe(1);
  });

  it("starts a fresh client when the server failed to start", async () => {
    calls.failStart = true;
    await expect(activate(fakeContext())).rejects.toThrow("server did not start");
    calls.failStart = false;
    await calls.commands.get("funnel.restartServer")!();
    expect(calls.clients).toHaveLength(2);
    expect(calls.clients[0]).toMatchObject({ disposed: 1, restarted: 0 });
    expect(calls.clients[1]).toMatchObject({ started: 1, running: true });
    // The watchers outlive clients: created once and handed to the fresh client too.
    expect(calls.watchers).toEqual(["**/*.funnel", "**/funnel.config.yaml"]);
    const fileEvents = (client: FakeClient) =>
      (client.clientOptions.synchronize as { fileEvents: unknown[] }).fileEvents;
    expect(fileEvents(calls.clients[1])).toEqual(fileEvents(calls.clients[0]));
    expect(fileEvents(calls.clients[1])[0]).toBe(fileEvents(calls.clients[0])[0]);
  });
});

describe("deactivate", () => {
  it("stops the server so it never outlives the window", async () => {
    await activate(fakeContext());
    await deactivate();
    expect(calls.clients[0]).toMatchObject({ disposed: 1, running: false });
    // A second deactivate has nothing left to stop.
    await deactivate();
    expect(calls.clients[0].disposed).toBe(1);
  });
});
