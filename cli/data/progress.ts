// The progress bar `funnel run`, `report` and `generate` draw on a terminal (cli-progress, on
// stderr, cleared at the end); nothing when output is piped, in CI or in tests.
import cliProgress from "cli-progress";
import type { CliIo } from "../io.js";

export interface Progress {
  update(done: number, items: number): void;
  stop(): void;
}

/**
 * A bar over `total` units (bytes read or records written), or a no-op.
 * @param label what is running ("Reporting", "Generating")
 * @param unit what `items` counts ("lines", "rows", "records")
 */
export function startProgress(
  io: CliIo,
  enabled: boolean | undefined,
  label: string,
  total: number,
  unit: string,
): Progress {
  if (!(enabled ?? Boolean(io.interactive))) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {items} {unit} | ETA {eta_formatted}`,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0, { items: 0, unit });
  return {
    update: (done, items) => bar.update(Math.min(done, total), { items }),
    stop: () => bar.stop(),
  };
}
