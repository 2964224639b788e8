// `funnel generate <funnel> --records N --seed S [--out file] [--format jsonl|csv] [--profile
// profile.yaml]`: writes report/generate.ts's event log to a file or stdout, streamed with
// backpressure (memory stays flat whatever N). Reads and checks the profile and options.
import { createWriteStream, openSync, readFileSync } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import type { FunnelIR } from "../../core/ir/types.js";
import { meanDurationMs, normalizeUnit } from "../../core/durations.js";
import {
  DEFAULT_STAGE_PROFILE,
  generateEventLines,
  type GenerateOptions,
  type StageProfile,
} from "../../report/generate.js";
import { isDate } from "../../core/time.js";
import { EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { displayPath, formatProblem, loadRunnableFunnel, problem } from "../data/funnel.js";
import { startProgress } from "../data/progress.js";
import { formatOfPath } from "../data/event-source.js";
import { reportUnwritable } from "../output-path.js";

export interface GenerateCommandOptions {
  records: number;
  seed?: number;
  out?: string;
  format?: "jsonl" | "csv";
  profile?: string;
  conversion?: string;
  delay?: string;
  stall?: string;
  start?: string;
  span?: string;
  ids?: boolean;
  progress?: boolean;
}

class ProfileError extends Error {}

/**
 * A mean delay as written on the command line or in a profile.
 * @param text `3 days`, `12 hours`, `1.5 weeks` (any unit of the language, singular or plural)
 * @returns its length in ms (months and years at their mean length), NaN when it is not one
 */
export function parseDelay(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text);
  const unit = m ? normalizeUnit(m[2].toLowerCase()) : undefined;
  if (!m || !unit) return NaN;
  const amount = Number(m[1]);
  if (!(amount > 0)) return NaN;
  return meanDurationMs(amount, unit);
}

function share(option: string, value: unknown): number {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : NaN;
  if (!(n >= 0 && n <= 1))
    throw new ProfileError(`${option}|a share between 0 and 1, like 0.4|${JSON.stringify(value)}`);
  return n;
}
function delay(option: string, value: unknown): number {
  const ms = typeof value === "string" ? parseDelay(value) : NaN;
  if (!Number.isFinite(ms))
    throw new ProfileError(
      `${option}|a duration like "3 days" or "12 hours"|${JSON.stringify(value)}`,
    );
  return ms;
}
function date(option: string, value: unknown): number {
  // isDate, not Date.parse alone: that takes 2025-02-30 for 2 March.
  const ms = typeof value === "string" && isDate(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (!Number.isFinite(ms))
    throw new ProfileError(`${option}|a date like 2025-01-01|${JSON.stringify(value)}`);
  return ms;
}

const PROFILE_KEYS = ["conversion", "delay", "stall", "detour", "start", "span", "stages"];
const STAGE_KEYS = ["conversion", "delay", "stall", "detour"];

/** The profile file's settings, checked against the funnel's stages. */
function readProfile(
  text: string,
  ir: FunnelIR,
): {
  defaults: Partial<StageProfile>;
  stages: Record<string, Partial<StageProfile>>;
  start?: number;
  span?: number;
} {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new ProfileError((error as Error).message.split("\n")[0]);
  }
  if (value === null || value === undefined) return { defaults: {}, stages: {} };
  if (typeof value !== "object" || Array.isArray(value))
    throw new ProfileError("it must be a mapping (`key: value` lines)");
  const root = value as Record<string, unknown>;
  for (const key of Object.keys(root))
    if (!PROFILE_KEYS.includes(key))
      throw new ProfileError(`unknown key \`${key}\`; keys are ${PROFILE_KEYS.join(", ")}`);
  const stageSettings = (where: string, v: Record<string, unknown>): Partial<StageProfile> => {
    const out: Partial<StageProfile> = {};
    for (const key of Object.keys(v))
      if (!STAGE_KEYS.includes(key))
        throw new ProfileError(
          `unknown key \`${key}\` in ${where}; keys are ${STAGE_KEYS.join(", ")}`,
        );
    if (v.conversion !== undefined) out.conversion = share(`${where}.conversion`, v.conversion);
    if (v.stall !== undefined) out.stall = share(`${where}.stall`, v.stall);
    if (v.detour !== undefined) out.detour = share(`${where}.detour`, v.detour);
    if (v.delay !== undefined) out.delay = delay(`${where}.delay`, v.delay);
    return out;
  };
  const { stages: rawStages, start, span, ...defaults } = root;
  const stages: Record<string, Partial<StageProfile>> = {};
  if (rawStages !== undefined) {
    if (typeof rawStages !== "object" || rawStages === null || Array.isArray(rawStages))
      throw new ProfileError("`stages` must map stage names to settings");
    for (const [name, settings] of Object.entries(rawStages)) {
      if (!ir.stages.some((s) => s.name === name))
        throw new ProfileError(
          `\`stages\` names \`${name}\`, which the funnel does not have; its stages are ` +
            `${ir.stages.map((s) => s.name).join(", ")}`,
        );
      if (typeof settings !== "object" || settings === null || Array.isArray(settings))
        throw new ProfileError(`\`stages.${name}\` must be a mapping`);
      stages[name] = stageSettings(`stages.${name}`, settings as Record<string, unknown>);
    }
  }
  return {
    defaults: stageSettings("the profile", defaults),
    stages,
    start:
      start === undefined
        ? undefined
        : date(
            "start",
            typeof start === "object" && start instanceof Date
              ? start.toISOString().slice(0, 10)
              : start,
          ),
    span: span === undefined ? undefined : delay("span", span),
  };
}

const FORMAT_WORDS = { jsonl: "JSON lines", csv: "CSV" } as const;

/**
 * The format to write: --format, else the one --out's extension names (as `run` and `report` will
 * read it back). A name that names no format, or another one than --format, is refused: the file
 * could not be read back by its name.
 */
function outputFormat(
  io: CliIo,
  options: GenerateCommandOptions,
): "jsonl" | "csv" | { exitCode: number } {
  if (options.out === undefined) return options.format ?? "jsonl";
  const shown = displayPath(io.cwd, path.resolve(io.cwd, options.out));
  const named = formatOfPath(options.out);
  if (!options.format && !named) {
    io.stdout(
      formatProblem(
        io,
        problem("invalid-generate-profile", { messageId: "outputName", format: { path: shown } }),
      ),
    );
    return { exitCode: EXIT_USAGE };
  }
  if (options.format && named && named !== options.format) {
    const renamed = shown.replace(/\.[^./]*$/, `.${options.format}`);
    io.stdout(
      formatProblem(
        io,
        problem("invalid-generate-profile", {
          messageId: "outputMismatch",
          format: {
            format: options.format,
            writes: FORMAT_WORDS[options.format],
            path: shown,
            names: FORMAT_WORDS[named],
            renamed,
          },
        }),
      ),
    );
    return { exitCode: EXIT_USAGE };
  }
  return options.format ?? named!;
}

export async function runGenerate(
  io: CliIo,
  funnelArg: string,
  options: GenerateCommandOptions,
): Promise<number> {
  const format = outputFormat(io, options);
  if (typeof format !== "string") return format.exitCode;
  const loaded = loadRunnableFunnel(io, funnelArg);
  if ("exitCode" in loaded) return loaded.exitCode;
  const ir = loaded.ir;
  let settings: GenerateOptions;
  try {
    const profile = options.profile
      ? readProfileFile(io, options.profile, ir)
      : { defaults: {}, stages: {} as Record<string, Partial<StageProfile>> };
    const defaults: StageProfile = { ...DEFAULT_STAGE_PROFILE, ...profile.defaults };
    if (options.conversion !== undefined)
      defaults.conversion = share("--conversion", options.conversion);
    if (options.stall !== undefined) defaults.stall = share("--stall", options.stall);
    if (options.delay !== undefined) defaults.delay = delay("--delay", options.delay);
    settings = {
      records: options.records,
      seed: options.seed ?? 1,
      defaults,
      stages: profile.stages,
      start:
        options.start !== undefined
          ? date("--start", options.start)
          : (profile.start ?? Date.UTC(2025, 0, 1)),
      span:
        options.span !== undefined
          ? delay("--span", options.span)
          : (profile.span ?? 365 * 86_400_000),
      ids: Boolean(options.ids),
      format,
    };
  } catch (error) {
    if (!(error instanceof ProfileError) && !(error instanceof ProfileFileError)) throw error;
    if (error instanceof ProfileFileError) {
      io.stdout(formatProblem(io, error.diagnostic, error.where));
      return EXIT_USAGE;
    }
    const [option, expected, value] = error.message.split("|");
    io.stdout(
      formatProblem(
        io,
        problem("invalid-generate-profile", {
          messageId: "option",
          format: { option, expected, value },
        }),
      ),
    );
    return EXIT_USAGE;
  }

  const target = options.out ? path.resolve(io.cwd, options.out) : undefined;
  // Opened here, synchronously: a path that cannot be written is reported before any work.
  let fd: number | undefined;
  if (target) {
    try {
      fd = openSync(target, "w");
    } catch (error) {
      return reportUnwritable(io, target, error);
    }
  }
  const stream = target ? createWriteStream(target, { fd }) : undefined;
  let failure: NodeJS.ErrnoException | undefined;
  stream?.on("error", (error) => (failure ??= error));
  const bar = startProgress(
    io,
    target ? options.progress : false,
    "Generating",
    settings.records,
    "records",
  );
  settings.onProgress = (done) => bar.update(done, done);
  let lines = 0;
  let buffer = "";
  const flush = async () => {
    if (failure) throw failure;
    if (!buffer) return;
    if (stream) {
      if (!stream.write(buffer)) await once(stream, "drain");
    } else io.stdout(buffer);
    buffer = "";
  };
  try {
    for (const line of generateEventLines(ir, settings)) {
      buffer += line;
      lines++;
      if (buffer.length >= 1 << 16) await flush();
    }
    await flush();
    if (stream) {
      stream.end();
      await finished(stream);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    bar.stop();
    // A write failing mid-way (a full disk): the same message as a path that cannot be opened.
    return reportUnwritable(io, target ?? "stdout", error);
  } finally {
    bar.stop();
  }
  if (target) {
    const events = format === "csv" ? lines - 1 : lines;
    io.stderr(
      `Wrote ${events} events of ${settings.records} records (seed ${settings.seed}) to ` +
        `${displayPath(io.cwd, target)}.\n`,
    );
  }
  return EXIT_OK;
}

class ProfileFileError extends Error {
  constructor(
    readonly diagnostic: ReturnType<typeof problem>,
    readonly where: string,
  ) {
    super(diagnostic.message);
  }
}

function readProfileFile(io: CliIo, file: string, ir: FunnelIR): ReturnType<typeof readProfile> {
  const absolute = path.resolve(io.cwd, file);
  const shown = displayPath(io.cwd, absolute);
  let text: string;
  try {
    text = readFileSync(absolute, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ProfileFileError(
      problem("data-not-readable", {
        format: { path: shown, reason: code === "ENOENT" ? "no such file" : String(code) },
      }),
      shown,
    );
  }
  try {
    return readProfile(text, ir);
  } catch (error) {
    if (!(error instanceof ProfileError)) throw error;
    const text = error.message.includes("|")
      ? (([o, e, v]) => `${o} must be ${e}, not ${v}`)(error.message.split("|"))
      : error.message;
    throw new ProfileFileError(
      problem("invalid-generate-profile", { format: { path: shown, problem: text } }),
      shown,
    );
  }
}
