// funnel.config.yaml: found by walking up from the working directory, parsed with `yaml`,
// validated against schema/funnel-config.schema.json; problems become FN5005 diagnostics
// pointing at the offending key.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv2020Module from "ajv/dist/2020.js";
import { isMap, isScalar, parseDocument, type Document } from "yaml";
import { createDiagnostic, type Diagnostic, type Span } from "../compiler/diagnostics/diagnostic.js";
import schema from "../schema/funnel-config.schema.json" with { type: "json" };

export const CONFIG_FILE = "funnel.config.yaml";

export interface FunnelConfig {
  inputs?: string[];
  outDir?: string;
  targets?: string[] | Record<string, Record<string, unknown>>;
  strict?: boolean;
}

export interface LoadedConfig {
  /** Absolute folder of the config file: the project root. */
  root: string;
  /** Project path of the config file (its name). */
  file: string;
  text: string;
  config?: FunnelConfig;
  diagnostics: Diagnostic[];
}

/** The nearest funnel.config.yaml at or above `cwd`, if any. */
export function findConfig(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

type AjvLike = { compile(schema: object): ((data: unknown) => boolean) & { errors?: AjvError[] | null } };
interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}
let validator: ReturnType<AjvLike["compile"]> | undefined;
function getValidator() {
  const Ajv = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as new (o: object) => AjvLike;
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(schema);
  return validator;
}

function spanOfPath(doc: Document, segments: (string | number)[], key?: string): Span {
  type Ranged = { range?: [number, number, number] } | null | undefined;
  const node = (segments.length ? doc.getIn(segments, true) : doc.contents) as Ranged;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    const range = (pair?.key as Ranged)?.range;
    if (range) return { start: range[0], end: range[1] };
  }
  const range = node?.range ?? (doc.contents as Ranged)?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

function describeError(error: AjvError): string {
  const where = error.instancePath ? `\`${error.instancePath.slice(1).replace(/\//g, ".")}\`` : "the file";
  switch (error.keyword) {
    case "additionalProperties":
      return `unknown key \`${String(error.params.additionalProperty)}\`; allowed keys are inputs, outDir, targets and strict`;
    case "enum":
      return `${where} must be one of ${(error.params.allowedValues as string[]).join(", ")}`;
    case "type":
      return `${where} must be ${error.params.type === "array" ? "a list" : error.params.type === "object" ? "a map of keys" : `a ${String(error.params.type)}`}`;
    case "oneOf":
      return `${where} must be a list of target names or a map from target name to options`;
    default:
      return `${where} ${error.message ?? "is invalid"}`;
  }
}

/**
 * Reads and validates a config file.
 * @param configPath absolute path of funnel.config.yaml
 */
export function loadConfig(configPath: string): LoadedConfig {
  const root = path.dirname(configPath);
  const file = CONFIG_FILE;
  const text = readFileSync(configPath, "utf8");
  const loaded: LoadedConfig = { root, file, text, diagnostics: [] };
  const doc = parseDocument(text, { prettyErrors: false });
  for (const error of doc.errors) {
    loaded.diagnostics.push(createDiagnostic("invalid-config", { format: { file, problem: error.message.split("\n")[0].replace(/\.$/, "") }, file, span: { start: error.pos[0], end: error.pos[1] } }));
  }
  if (loaded.diagnostics.length) return loaded;
  const data = doc.toJS() ?? {};
  const validate = getValidator();
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    // A oneOf reports every branch's errors: keep the deeper ones when there are any (they name
    // the bad item), otherwise the oneOf's own summary.
    const oneOfPaths = errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath);
    const kept = errors.filter((e) => {
      if (!oneOfPaths.includes(e.instancePath)) return true;
      const deeper = errors.some((x) => x.instancePath.startsWith(e.instancePath + "/"));
      return e.keyword === "oneOf" && !deeper;
    });
    for (const error of kept) {
      const segments = error.instancePath.split("/").slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, "/").replace(/~0/g, "~")));
      const key = error.keyword === "additionalProperties" ? String(error.params.additionalProperty) : undefined;
      loaded.diagnostics.push(createDiagnostic("invalid-config", { format: { file, problem: describeError(error) }, file, span: spanOfPath(doc, segments, key) }));
    }
    return loaded;
  }
  loaded.config = data as FunnelConfig;
  return loaded;
}
