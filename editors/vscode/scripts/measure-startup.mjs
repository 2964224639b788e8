// Measures how long the bundled server (dist/server.js, built first with npm run build:vscode)
// takes from process start to its answer to `initialize`, against a bare `node` start measured
// in the same run as the reference. Usage: node editors/vscode/scripts/measure-startup.mjs [runs]
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} = require("vscode-jsonrpc/node");
const server = fileURLToPath(new URL("../dist/server.js", import.meta.url));
const runs = Number(process.argv[2] ?? 15);

function bareNode() {
  const start = performance.now();
  return new Promise((resolve) =>
    spawn(process.execPath, ["-e", ""]).on("exit", () => resolve(performance.now() - start)),
  );
}

async function serverInitialize() {
  const start = performance.now();
  const child = spawn(process.execPath, [server, "--stdio"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  connection.listen();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
  });
  const elapsed = performance.now() - start;
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  await new Promise((resolve) => child.on("exit", resolve));
  connection.dispose();
  return elapsed;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const reference = [];
const measured = [];
// Interleaved, so load on the machine affects both alike.
for (let i = 0; i < runs; i++) {
  reference.push(await bareNode());
  measured.push(await serverInitialize());
}
const [ref, srv] = [median(reference), median(measured)];
console.log(`bare node start:                   median ${ref.toFixed(0)} ms (${runs} runs)`);
console.log(
  `dist/server.js start → initialize: median ${srv.toFixed(0)} ms (${runs} runs), ` +
    `${(srv / ref).toFixed(2)}× a bare node start`,
);
