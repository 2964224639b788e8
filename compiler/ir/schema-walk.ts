// A quick test of a value against a JSON schema (draft 2020-12) by walking the schema itself: no
// code is generated, so checking one IR takes about a millisecond, where compiling the IR schema
// with ajv costs more than a whole `funnel build`. Only the keywords the IR schema uses are known;
// anything else makes the answer "cannot tell", and ajv (validate.ts) decides.

type SchemaNode = { readonly [keyword: string]: unknown };

/** Keywords that say nothing about validity. */
const ANNOTATIONS = new Set(["$schema", "$id", "$defs", "$comment", "title", "description"]);

/** Thrown on a keyword (or a form of one) this walk does not know. */
class UnknownKeyword extends Error {}

/**
 * Tests a value against a schema.
 * @param value the value (JSON data)
 * @param schema the schema document; `$ref`s point into it (`#/…`)
 * @returns whether the value matches, or undefined when the schema uses a keyword not known here
 */
export function matchesSchema(value: unknown, schema: object): boolean | undefined {
  try {
    return matches(value, schema as SchemaNode, schema as SchemaNode);
  } catch (error) {
    if (error instanceof UnknownKeyword) return undefined;
    throw error;
  }
}

function matches(value: unknown, node: SchemaNode | boolean, root: SchemaNode): boolean {
  if (typeof node === "boolean") return node;
  for (const [keyword, argument] of Object.entries(node)) {
    if (ANNOTATIONS.has(keyword) || keyword === "then") continue;
    if (!keywordHolds(keyword, argument, value, node, root)) return false;
  }
  return true;
}

function keywordHolds(
  keyword: string,
  argument: unknown,
  value: unknown,
  node: SchemaNode,
  root: SchemaNode,
): boolean {
  switch (keyword) {
    case "$ref":
      return matches(value, resolveRef(String(argument), root), root);
    case "type":
      return (Array.isArray(argument) ? argument : [argument]).some((t) => hasType(value, t));
    case "const":
      return deepEqual(value, argument);
    case "enum":
      return (argument as unknown[]).some((allowed) => deepEqual(value, allowed));
    case "allOf":
      return (argument as SchemaNode[]).every((branch) => matches(value, branch, root));
    case "oneOf":
      return (
        (argument as SchemaNode[]).filter((branch) => matches(value, branch, root)).length === 1
      );
    case "if":
      if ("else" in node) throw new UnknownKeyword("else");
      return (
        !matches(value, argument as SchemaNode, root) ||
        node.then === undefined ||
        matches(value, node.then as SchemaNode, root)
      );
    default:
      return isObject(value)
        ? objectKeywordHolds(keyword, argument, value, node, root)
        : Array.isArray(value)
          ? arrayKeywordHolds(keyword, argument, value, root)
          : scalarKeywordHolds(keyword, argument, value);
  }
}

function objectKeywordHolds(
  keyword: string,
  argument: unknown,
  value: Record<string, unknown>,
  node: SchemaNode,
  root: SchemaNode,
): boolean {
  switch (keyword) {
    case "required":
      return (argument as string[]).every((key) => Object.hasOwn(value, key));
    case "properties":
      return Object.entries(argument as Record<string, SchemaNode>).every(
        ([key, schema]) => !Object.hasOwn(value, key) || matches(value[key], schema, root),
      );
    case "additionalProperties": {
      const declared = (node.properties ?? {}) as Record<string, unknown>;
      if (node.patternProperties !== undefined) throw new UnknownKeyword(keyword);
      return Object.keys(value).every(
        (key) => Object.hasOwn(declared, key) || matches(value[key], argument as SchemaNode, root),
      );
    }
    case "propertyNames":
      return Object.keys(value).every((key) => matches(key, argument as SchemaNode, root));
    default:
      return ignoredByType(keyword);
  }
}

function arrayKeywordHolds(
  keyword: string,
  argument: unknown,
  value: unknown[],
  root: SchemaNode,
): boolean {
  switch (keyword) {
    case "items":
      return value.every((item) => matches(item, argument as SchemaNode, root));
    case "minItems":
      return value.length >= (argument as number);
    case "uniqueItems":
      return (
        !argument || value.every((item, i) => value.findIndex((o) => deepEqual(o, item)) === i)
      );
    default:
      return ignoredByType(keyword);
  }
}

function scalarKeywordHolds(keyword: string, argument: unknown, value: unknown): boolean {
  if (typeof value === "string") {
    // Lengths count code points and patterns are Unicode, as in ajv.
    if (keyword === "minLength") return [...value].length >= (argument as number);
    if (keyword === "pattern") return patternOf(argument as string).test(value);
  }
  if (typeof value === "number") {
    if (keyword === "minimum") return value >= (argument as number);
    if (keyword === "maximum") return value <= (argument as number);
    if (keyword === "exclusiveMinimum") return value > (argument as number);
  }
  return ignoredByType(keyword);
}

const patterns = new Map<string, RegExp>();

function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) {
    pattern = new RegExp(source, "u");
    patterns.set(source, pattern);
  }
  return pattern;
}

/** Keywords known here that apply to values of another type only hold trivially. */
const TYPED_KEYWORDS = new Set([
  "required",
  "properties",
  "additionalProperties",
  "propertyNames",
  "items",
  "minItems",
  "uniqueItems",
  "minLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
]);

function ignoredByType(keyword: string): boolean {
  if (!TYPED_KEYWORDS.has(keyword)) throw new UnknownKeyword(keyword);
  return true;
}

function resolveRef(ref: string, root: SchemaNode): SchemaNode {
  if (!ref.startsWith("#")) throw new UnknownKeyword("$ref");
  let target: unknown = root;
  for (const part of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
    target = (target as Record<string, unknown> | undefined)?.[key];
  }
  if (target === undefined) throw new UnknownKeyword("$ref");
  return target as SchemaNode;
}

function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "boolean":
    case "string":
      return typeof value === type;
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isInteger(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    default:
      throw new UnknownKeyword("type");
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
    );
  }
  return false;
}
