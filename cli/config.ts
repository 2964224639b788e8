// funnel.config.yaml: found by walking up from the working directory, parsed with `yaml`,
// validated against schema/funnel-config.schema.json; problems become FN5005 diagnostics
// pointing at the offending key (YAML syntax errors worded by yaml-errors.ts).
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv2020Module from "ajv/dist/2020.js";
import { isMap, isScalar, parseDocument, type Document } from "yaml";
import { createDiagnostic, type Diagnostic, type Span } from "../core/diagnostics/diagnostic.js";
import schema from "../schema/funnel-config.schema.json" with { type: "json" };
import { suggestName } from "../core/suggest.js";
import { describeYamlError } from "./yaml-errors.js";
import { listOf } from "./words.js";

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
  /** Where each entry of `inputs` is written, for problems with that input. */
  inputSpans?: Span[];
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

type AjvLike = {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: AjvError[] | null };
};
interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
  /**
   * With `verbose`: the schema object holding the failed keyword (its `properties` are the allowed
   * keys).
   */
  parentSchema?: { properties?: Record<string, unknown> };
}
let validator: ReturnType<AjvLike["compile"]> | undefined;
function getValidator() {
  const Ajv = ((Ajv2020Module as unknown as { default?: unknown }).default ??
    Ajv2020Module) as new (o: object) => AjvLike;
  validator ??= new Ajv({ allErrors: true, strict: true, verbose: true }).compile(schema);
  return validator;
}

/**
 * A oneOf reports the errors of every branch. Keep those of the branch the value's type fits
 * (a map of targets gets the map's errors, not "must be a list"), and the oneOf's own summary
 * only when no branch says anything more precise.
 */
function relevantErrors(errors: AjvError[]): AjvError[] {
  const drop = new Set<AjvError>();
  for (const oneOf of errors.filter((e) => e.keyword === "oneOf")) {
    const prefix = oneOf.schemaPath + "/";
    const branchOf = (e: AjvError) =>
      e.schemaPath.startsWith(prefix) ? e.schemaPath.slice(prefix.length).split("/")[0] : undefined;
    const here = errors.filter(
      (e) => e !== oneOf && e.instancePath === oneOf.instancePath && branchOf(e) !== undefined,
    );
    const wrongType = new Set(
      here
        .filter((e) => e.keyword === "type" && e.schemaPath === `${prefix}${branchOf(e)}/type`)
        .map(branchOf),
    );
    for (const e of here) if (wrongType.has(branchOf(e))) drop.add(e);
    const deeper = errors.some((e) => e.instancePath.startsWith(oneOf.instancePath + "/"));
    if (deeper || here.some((e) => !drop.has(e))) drop.add(oneOf);
  }
  return errors.filter((e) => !drop.has(e));
}

interface Problem {
  problem: string;
  /** A likely meant key, for "did you mean". */
  suggestion?: string;
}

/** An unknown key, with the keys allowed where it stands, or a "did you mean" for a likely typo. */
function describeUnknownKey(error: AjvError, segments: (string | number)[]): Problem {
  const key = String(error.params.additionalProperty);
  const allowed = Object.keys(error.parentSchema?.properties ?? {});
  const suggestion = suggestName(key, allowed);
  const or = (list: string) =>
    suggestion ? { problem: list.replace(/;.*$/, ""), suggestion } : { problem: list };
  if (segments.length === 1 && segments[0] === "targets")
    return or(`unknown target \`${key}\` in \`targets\`; targets are ${listOf(allowed)}`);
  if (segments.length === 2 && segments[0] === "targets") {
    const target = String(segments[1]);
    if (!allowed.length)
      return {
        problem:
          `the ${target} target takes no options, so \`${key}\` means nothing to it; ` +
          `write \`${target}: {}\``,
      };
    return or(
      `unknown option \`${key}\` of the ${target} target; ${
        allowed.length === 1
          ? `its only option is ${allowed[0]}`
          : `its options are ${listOf(allowed)}`
      }`,
    );
  }
  return or(`unknown key \`${key}\`; allowed keys are ${listOf(allowed)}`);
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

function describeError(error: AjvError, segments: (string | number)[]): Problem {
  if (error.keyword === "additionalProperties") return describeUnknownKey(error, segments);
  return { problem: describeSchemaError(error) };
}

function describeSchemaError(error: AjvError): string {
  const where = error.instancePath
    ? `\`${error.instancePath.slice(1).replace(/\//g, ".")}\``
    : "the file";
  switch (error.keyword) {
    case "enum":
      return `${where} must be one of ${(error.params.allowedValues as string[]).join(", ")}`;
    case "type":
      return `${where} must be ${
        error.params.type === "array"
          ? "a list"
          : error.params.type === "object"
            ? "a map of keys"
            : `a ${String(error.params.type)}`
      }`;
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
    const { problem, span } = describeYamlError(error, text);
    loaded.diagnostics.push(
      createDiagnostic("invalid-config", { format: { file, problem }, file, span }),
    );
  }
  if (loaded.diagnostics.length) return loaded;
  const data = doc.toJS() ?? {};
  const validate = getValidator();
  if (!validate(data)) {
    for (const error of relevantErrors(validate.errors ?? [])) {
      const segments = error.instancePath
        .split("/")
        .slice(1)
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, "/").replace(/~0/g, "~")));
      const key =
        error.keyword === "additionalProperties"
          ? String(error.params.additionalProperty)
          : undefined;
      const { problem, suggestion } = describeError(error, segments);
      const span = spanOfPath(doc, segments, key);
      loaded.diagnostics.push(
        suggestion
          ? createDiagnostic("invalid-config", {
              messageId: "didYouMean",
              format: { file, problem, suggestion },
              file,
              span,
              suggestion,
            })
          : createDiagnostic("invalid-config", { format: { file, problem }, file, span }),
      );
    }
    return loaded;
  }
  loaded.config = data as FunnelConfig;
  loaded.inputSpans = loaded.config.inputs?.map((_, i) => spanOfPath(doc, ["inputs", i]));
  return loaded;
}
