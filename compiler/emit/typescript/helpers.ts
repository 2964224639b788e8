// The declarations a generated module carries besides its funnel's own code: funnelc's runtime
// (time, input values, comparisons, "did you mean", the path log, the API types), copied from the
// engine's sources into module-runtime.generated.ts, and a few helpers only modules need. A module
// includes only the ones it uses, with what they use in turn, in source order.
import { code, copiedSource, verbatim, type Code } from "../code.js";
import { MODULE_RUNTIME, type RuntimeName } from "./module-runtime.generated.js";

/** Helpers only generated modules need (their slots' read types, defaults, a message). */
type ModuleOnlyName = "Num" | "Text" | "Bool" | "orUnset" | "wrongType";

/** A declaration a generated module may carry. */
export type HelperName = RuntimeName | ModuleOnlyName;

interface ModuleOnlyHelper {
  uses: readonly HelperName[];
  code: Code;
}

const MODULE_ONLY: Record<ModuleOnlyName, ModuleOnlyHelper> = {
  Num: { uses: [], code: verbatim`type Num = number | undefined;` },
  Text: { uses: [], code: verbatim`type Text = string | undefined;` },
  Bool: { uses: [], code: verbatim`type Bool = boolean | undefined;` },
  orUnset: {
    uses: ["INVALID"],
    code: verbatim`
      /** A default or restored value: unset when it does not fit its type (never with valid IR). */
      function orUnset<T>(value: T | typeof INVALID): T | undefined {
        return value === INVALID ? undefined : value;
      }
    `,
  },
  wrongType: {
    uses: [],
    code: code`
      function wrongType(key: string, expected: string, raw: unknown): Rejection {
        return ["wrong_type",
          "\`" + key + "\` must be " + expected + ", not " + JSON.stringify(raw)];
      }
    `,
  },
};

const isModuleOnly = (helper: HelperName): helper is ModuleOnlyName => helper in MODULE_ONLY;

/** Every helper in declaration order: the module's own, then the runtime's in source order. */
const ORDER: readonly HelperName[] = [
  ...(Object.keys(MODULE_ONLY) as ModuleOnlyName[]),
  ...(Object.keys(MODULE_RUNTIME) as RuntimeName[]),
];

const usesOf = (helper: HelperName): readonly HelperName[] =>
  isModuleOnly(helper) ? MODULE_ONLY[helper].uses : MODULE_RUNTIME[helper].uses;

/**
 * A helper's declaration; `export`ed when asked (the API types a module offers).
 * @param helper its name
 * @param exported whether the module exports it
 */
function declaration(helper: HelperName, exported: boolean): Code {
  if (isModuleOnly(helper)) return MODULE_ONLY[helper].code;
  const lines = [...MODULE_RUNTIME[helper].lines];
  if (exported) {
    const start = lines.findIndex((line) => !/^(\/[/*]| \*)/.test(line));
    lines[start] = `export ${lines[start]}`;
  }
  return copiedSource(lines);
}

/**
 * The helpers in `used` and all they use.
 * @param used helper names
 * @returns the closure, as a set
 */
function withDependencies(used: Iterable<HelperName>): Set<HelperName> {
  const needed = new Set<HelperName>();
  const add = (helper: HelperName) => {
    if (needed.has(helper)) return;
    needed.add(helper);
    usesOf(helper).forEach(add);
  };
  for (const helper of used) add(helper);
  return needed;
}

/**
 * The declarations of helpers and everything they use, in declaration order; each source file's
 * after a comment that names it.
 * @param used the helpers the module's code names
 * @param options `exported`: export them (the API types); `omit`: helpers the module declares
 *   elsewhere (with all they use)
 * @returns the declarations
 */
export function helperDeclarations(
  used: Iterable<HelperName>,
  options: { exported?: boolean; omit?: Iterable<HelperName> } = {},
): Code {
  const declared = withDependencies(options.omit ?? []);
  const needed = withDependencies(used);
  const groups = new Map<string, Code[]>();
  for (const helper of ORDER) {
    if (!needed.has(helper) || declared.has(helper)) continue;
    const origin = isModuleOnly(helper)
      ? "// Helpers of generated modules."
      : `// From funnelc's ${MODULE_RUNTIME[helper].file}: the engine's own code.`;
    const group = groups.get(origin) ?? groups.set(origin, []).get(origin)!;
    group.push(declaration(helper, options.exported ?? false));
  }
  const text = [...groups].map(([origin, declarations]) => origin + "\n" + together(declarations));
  return copiedSource(text.length ? [text.join("\n\n")] : []);
}

/** Declarations one after another: a blank line between them, none between one-liners. */
function together(declarations: readonly Code[]): string {
  const oneLine = (declaration: Code) => !declaration.text.includes("\n");
  return declarations
    .map((declaration, i) => {
      const previous = declarations[i - 1];
      if (!previous) return declaration.text;
      return (oneLine(previous) && oneLine(declaration) ? "\n" : "\n\n") + declaration.text;
    })
    .join("");
}
