// IR validation: checks a value against schema/funnel-ir.schema.json (the published shape of
// FunnelIR) and reports each problem as a JSON Pointer to the bad place plus a short message;
// `funnel build` checks every compiled IR this way before it emits anything (FN9002).
import Ajv2020 from "ajv/dist/2020.js";
import type { ErrorObject, Options, ValidateFunction } from "ajv/dist/2020.js";
import schema from "../../schema/funnel-ir.schema.json" with { type: "json" };
import { createDiagnostic, type Diagnostic } from "../../core/diagnostics/diagnostic.js";
import { matchesSchema } from "./schema-walk.js";

/** One problem: `path` is a JSON Pointer into the validated value (`""` is the value itself). */
export interface IrValidationError {
  path: string;
  message: string;
}

export interface IrValidationResult {
  valid: boolean;
  errors: IrValidationError[];
}

interface AjvLike {
  compile(schema: object): ValidateFunction;
  getSchema(keyRef: string): ValidateFunction | undefined;
}

// ajv is CommonJS: depending on the loader the default import is the class or its module object.
const AjvClass: new (options: Options) => AjvLike = (Ajv2020 as any).default ?? Ajv2020;

type SchemaNode = { [key: string]: unknown };

interface Validator {
  ajv: AjvLike;
  validate: ValidateFunction;
  /** JSON Pointer (in the schema document) of every schema object, to re-check a `oneOf` branch. */
  pointers: Map<object, string>;
}

let validator: Validator | undefined;

/** Compiles the schema on first use. */
function getValidator(): Validator {
  if (!validator) {
    const ajv = new AjvClass({ allErrors: true, strict: true, verbose: true });
    const validate = ajv.compile(schema);
    const pointers = new Map<object, string>();
    const walk = (node: unknown, pointer: string) => {
      if (node === null || typeof node !== "object") return;
      pointers.set(node, pointer);
      for (const [key, value] of Object.entries(node))
        walk(value, `${pointer}/${escapePointer(key)}`);
    };
    walk(schema, "");
    validator = { ajv, validate, pointers };
  }
  return validator;
}

/**
 * Validates a value against the IR schema.
 * @param ir a parsed IR (for example the JSON that `funnel build` wrote)
 * @returns `valid`, and every problem found (empty when valid), each with the JSON Pointer of the
 *   bad place
 */
export function validateIr(ir: unknown): IrValidationResult {
  const { validate } = getValidator();
  if (validate(ir)) return { valid: true, errors: [] };
  const seen = new Set<string>();
  const errors = explain(validate.errors ?? [], "", 0).filter((e) => {
    const key = `${e.path}\0${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { valid: false, errors };
}

/**
 * Checks compiled IR against its schema before anything is emitted from it: IR that does not
 * match is a bug in the compiler (FN9002), never a problem of the user's file.
 * @param ir the IR compiled from `file`
 * @param file project path of the funnel's entry file
 * @returns FN9002 naming the first problem, or undefined when the IR is valid
 */
export function checkCompiledIr(ir: unknown, file: string): Diagnostic | undefined {
  // The quick walk passes every correct IR without compiling the schema; ajv decides the rest.
  if (matchesSchema(ir, schema) === true) return undefined;
  const { valid, errors } = validateIr(ir);
  if (valid) return undefined;
  const [first] = errors;
  const others = errors.length - 1;
  const more = others > 0 ? ` (and ${others} more problem${others === 1 ? "" : "s"})` : "";
  return createDiagnostic("ir-schema-violation", {
    format: { path: first?.path || "/", problem: first?.message ?? "is not valid", more },
    file,
    span: { start: 0, end: 0 },
    // The IR has no place in the file's text: name the file, print no position.
    unlocated: true,
  });
}

/**
 * Turns ajv errors into IR errors. A failed `oneOf` (ExprIR, OperandIR, TypeIR, nullable values)
 * would report the failure of every branch; instead the branch the value was meant to be (by its
 * `op` or `kind`, its JSON type, or its keys) is checked alone and only its errors are reported.
 */
function explain(errors: ErrorObject[], prefix: string, depth: number): IrValidationError[] {
  const oneOfs = errors.filter((e) => e.keyword === "oneOf");
  const outer = new Map<string, ErrorObject>();
  for (const e of oneOfs) {
    if (depth < 64 && !oneOfs.some((o) => isStrictlyUnder(e.instancePath, o.instancePath)))
      outer.set(e.instancePath, e);
  }
  const out: IrValidationError[] = [];
  for (const e of errors) {
    if ([...outer.keys()].some((p) => e.instancePath === p || isStrictlyUnder(e.instancePath, p)))
      continue;
    const described = describe(e, prefix);
    if (described) out.push(described);
  }
  for (const e of outer.values()) out.push(...explainOneOf(e, prefix, depth));
  return out;
}

function explainOneOf(error: ErrorObject, prefix: string, depth: number): IrValidationError[] {
  const { ajv, pointers } = getValidator();
  const parent = error.parentSchema as SchemaNode | undefined;
  const pointer = parent && pointers.get(parent);
  const branches = parent?.oneOf as SchemaNode[] | undefined;
  const path = prefix + error.instancePath;
  if (!branches || pointer === undefined)
    return [{ path, message: error.message ?? "is not valid" }];
  const data: unknown = error.data;

  let candidates = branches.map((_, i) => i).filter((i) => acceptsType(typesOf(branches[i]), data));
  if (candidates.length === 0) {
    const types = [...new Set(branches.flatMap((b) => [...(typesOf(b) ?? [])]))];
    return [{ path, message: `must be ${listOr(types.map(article))}` }];
  }
  if (candidates.length > 1 && isPlainObject(data)) {
    const record = data as Record<string, unknown>;
    const key = ["op", "kind"].find((k) =>
      candidates.some((i) => discriminatorValues(branches[i], k)),
    );
    if (key) {
      const allowed = candidates.flatMap((i) => discriminatorValues(branches[i], key) ?? []);
      const matching = candidates.filter((i) =>
        discriminatorValues(branches[i], key)?.includes(record[key]),
      );
      if (matching.length === 0) {
        if (!(key in record))
          return [{ path: `${path}/${key}`, message: "required property is missing" }];
        return [
          {
            path: `${path}/${key}`,
            message: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`,
          },
        ];
      }
      candidates = matching;
    } else {
      const present = (i: number) =>
        ((resolve(branches[i]).required as string[] | undefined) ?? []).filter((k) => k in record)
          .length;
      const best = Math.max(...candidates.map(present));
      if (best === 0) {
        const titles = candidates.map((i) => describeBranch(branches[i]));
        return [{ path, message: `must be one of: ${titles.join("; ")}` }];
      }
      candidates = candidates.filter((i) => present(i) === best);
    }
  }
  const check = ajv.getSchema(`${schema.$id}#${pointer}/oneOf/${candidates[0]}`);
  if (!check) return [{ path, message: error.message ?? "is not valid" }];
  if (check(data)) return [{ path, message: "matches more than one alternative" }];
  return explain(check.errors ?? [], path, depth + 1);
}

/** One ajv error as an IR error, or undefined for errors that only summarise others. */
function describe(e: ErrorObject, prefix: string): IrValidationError | undefined {
  const path = prefix + e.instancePath;
  const params = e.params as Record<string, unknown>;
  if (e.propertyName !== undefined)
    return {
      path: `${path}/${escapePointer(e.propertyName)}`,
      message: `key ${e.message ?? "is not valid"}`,
    };
  switch (e.keyword) {
    case "if":
    case "propertyNames":
      return undefined;
    case "required":
      return {
        path: `${path}/${escapePointer(String(params.missingProperty))}`,
        message: "required property is missing",
      };
    case "additionalProperties":
      return {
        path: `${path}/${escapePointer(String(params.additionalProperty))}`,
        message: "unknown property: the IR has no such key here",
      };
    case "enum":
      return {
        path,
        message: `must be one of ${(params.allowedValues as unknown[])
          .map((v) => JSON.stringify(v))
          .join(", ")}`,
      };
    case "const":
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case "type": {
      const types = Array.isArray(params.type)
        ? (params.type as string[])
        : String(params.type).split(",");
      return { path, message: `must be ${listOr(types.map(article))}` };
    }
    default:
      return { path, message: e.message ?? `fails ${e.keyword}` };
  }
}

/** The schema a `$ref` (to this document) points at; the node itself otherwise. */
function resolve(node: SchemaNode): SchemaNode {
  let current = node;
  for (
    let i = 0;
    i < 16 && typeof current.$ref === "string" && current.$ref.startsWith("#/");
    i++
  ) {
    let target: unknown = schema;
    for (const part of current.$ref.slice(2).split("/"))
      target = (target as SchemaNode)[unescapePointer(part)];
    current = target as SchemaNode;
  }
  return current;
}

/** JSON types a schema accepts, or undefined when it does not say. */
function typesOf(node: SchemaNode): Set<string> | undefined {
  const target = resolve(node);
  if (typeof target.type === "string") return new Set([target.type]);
  if (Array.isArray(target.type)) return new Set(target.type as string[]);
  if (target.const !== undefined || Array.isArray(target.enum)) {
    const values = target.const !== undefined ? [target.const] : (target.enum as unknown[]);
    return new Set(values.map(jsonType));
  }
  if (Array.isArray(target.oneOf)) {
    const all = new Set<string>();
    for (const branch of target.oneOf as SchemaNode[]) {
      const types = typesOf(branch);
      if (!types) return undefined;
      types.forEach((t) => all.add(t));
    }
    return all;
  }
  return undefined;
}

function acceptsType(types: Set<string> | undefined, data: unknown): boolean {
  if (!types) return true;
  const type = jsonType(data);
  return types.has(type) || (type === "integer" && types.has("number"));
}

function discriminatorValues(branch: SchemaNode, key: string): unknown[] | undefined {
  const property = (resolve(branch).properties as Record<string, SchemaNode> | undefined)?.[key];
  if (!property) return undefined;
  if (property.const !== undefined) return [property.const];
  return Array.isArray(property.enum) ? (property.enum as unknown[]) : undefined;
}

function describeBranch(branch: SchemaNode): string {
  const target = resolve(branch);
  const keys = (target.required as string[] | undefined) ?? [];
  return `${String(target.title ?? "object")} {${keys.join(", ")}}`;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function article(type: string): string {
  if (type === "null") return "null";
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function listOr(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? "valid")
    : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function isStrictlyUnder(path: string, ancestor: string): boolean {
  return path.startsWith(ancestor + "/");
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function unescapePointer(part: string): string {
  return part.replace(/~1/g, "/").replace(/~0/g, "~");
}
