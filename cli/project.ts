// What a command works on: the project root, the config (if any) and the input files.
import { existsSync } from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "../core/diagnostics/diagnostic.js";
import { findConfig, loadConfig, type LoadedConfig } from "./config.js";
import { findInputs } from "./inputs.js";
import { toProjectPath } from "../compiler/host.js";

export interface Project {
  /**
   * Absolute project root: the config's folder, else the git repository's, else the working
   * directory.
   */
  root: string;
  config?: LoadedConfig;
  /** Project paths of the .funnel files to compile. */
  files: string[];
  /** Problems with the config or the inputs (usage errors). */
  diagnostics: Diagnostic[];
  /** Texts of non-funnel files diagnostics point into (the config). */
  extraSources: Map<string, string>;
}

/**
 * Resolves the files a command should compile.
 * @param cwd the working directory
 * @param args paths, folders or globs from the command line; empty means "use the config"
 */
export function resolveProject(cwd: string, args: string[]): Project {
  const configPath = findConfig(cwd);
  const config = configPath ? loadConfig(configPath) : undefined;
  const extraSources = new Map<string, string>();
  if (config) extraSources.set(config.file, config.text);
  const base = config?.root ?? repositoryRoot(cwd) ?? path.resolve(cwd);
  const project: Project = {
    root: base,
    config,
    files: [],
    diagnostics: [...(config?.diagnostics ?? [])],
    extraSources,
  };
  if (config && config.diagnostics.length) return project;
  const fromConfig = !args.length && config?.config?.inputs !== undefined;
  const [patterns, from] = args.length ? [args, cwd] : [config?.config?.inputs ?? ["."], base];
  // Entries of the config's `inputs` are problems at their line of the config file.
  const inputs = findInputs(patterns, from, {
    cwd,
    locate: fromConfig
      ? (i) => config?.inputSpans?.[i] && { file: config.file, span: config.inputSpans[i] }
      : undefined,
  });
  project.diagnostics.push(...inputs.diagnostics);
  // The root must contain every input, or their imports could not be checked against it.
  project.root = inputs.files.reduce(
    (root, file) => commonAncestor(root, path.dirname(file)),
    base,
  );
  project.files = inputs.files.map((file) => toProjectPath(project.root, file)).sort();
  return project;
}

/**
 * Without a config, the enclosing git repository is the project: a funnel in a subfolder may
 * import `../shared/common.funnel` whichever folder the command runs in.
 */
function repositoryRoot(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, ".git"))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function commonAncestor(a: string, b: string): string {
  const left = a.split(path.sep);
  const right = b.split(path.sep);
  let i = 0;
  while (i < left.length && i < right.length && left[i] === right[i]) i++;
  return left.slice(0, i).join(path.sep) || path.sep;
}
