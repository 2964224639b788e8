#!/usr/bin/env node
// The `funnel` binary: runs the bundled CLI (dist/cli.js, built by `npm run build`).
import { main } from "../dist/cli.js";

process.exitCode = await main(process.argv.slice(2));
