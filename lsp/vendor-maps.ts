// Completion and hover for `map SYSTEM [OBJECT] "value" [probability N%] [forecast CATEGORY]`
// (spec §9.6), from the one table of known systems in core/vendors.ts: systems after `map`, a
// system's objects, HubSpot lifecycle stages inside the value, `probability`/`forecast` where the
// object has them, forecast categories.
import type { IToken } from "chevrotain";
import { CompletionItemKind, MarkupKind, type CompletionItem } from "vscode-languageserver/node.js";
import type * as A from "../grammar/ast.js";
import * as T from "../grammar/tokens.js";
import {
  FORECAST_CATEGORIES,
  isNumericStageId,
  mapObjectName,
  VENDOR_SYSTEMS,
  vendorObject,
  vendorSystem,
  type VendorValue,
} from "../core/vendors.js";
import { KEYWORD_DOCS, keywordsAt } from "./keywords.js";

const isName = (token: IToken | undefined) =>
  token !== undefined &&
  (token.tokenType === T.Identifier || Boolean(token.tokenType.CATEGORIES?.includes(T.Name)));
const isString = (token: IToken | undefined) =>
  token !== undefined &&
  (token.tokenType === T.StringLiteral || token.tokenType === T.TripleString);

/**
 * Completion inside a `map` clause, when the tokens before the cursor end in one.
 * @param tokens the tokens of the enclosing block up to the word being typed
 * @param text the text from the first token's block start to the word being typed
 * @returns the items, or undefined when the cursor is not in a map clause
 */
export function mapCompletions(tokens: IToken[], text: string): CompletionItem[] | undefined {
  let at = tokens.length - 1;
  while (at >= 0 && tokens[at].tokenType !== T.MapKw) at--;
  if (at < 0 || tokens.length - at > 7) return undefined;
  // A finished clause followed by a new line is the start of the next clause.
  if (text.slice(tokens[tokens.length - 1].startOffset).includes("\n")) return undefined;
  const tail = tokens.slice(at + 1);
  const [system, second] = tail;
  if (tail.length === 0) return systemItems();
  if (!isName(system)) return undefined;
  const known = vendorSystem(system.image);
  if (tail.length === 1) return known ? objectItems(known.name) : [];
  const object = isName(second) ? second.image : undefined;
  const valueAt = object === undefined ? 1 : 2;
  const value = tail[valueAt];
  if (!value) return [];
  if (value.tokenType === T.UnterminatedString && valueAt === tail.length - 1)
    return valueItems(system.image, object);
  if (!isString(value)) return undefined;
  const rest = tail.slice(valueAt + 1).map((t) => t.tokenType);
  const target = vendorObject(system.image, mapObjectName(system.image, object));
  // Unknown systems are not checked, so nothing is refused there.
  const allowed = !known || target?.pipeline === true;
  const last = rest[rest.length - 1];
  if (rest.length === 0) return allowed ? keywordItems(keywordsAt("afterMapValue")) : [];
  if (last === T.Forecast) return categoryItems();
  if (last === T.Probability) return [];
  if (last === T.PercentLiteral && rest.length === 2)
    return allowed ? keywordItems(keywordsAt("afterMapProbability")) : [];
  return undefined;
}

function keywordItems(words: readonly string[]): CompletionItem[] {
  return words.map((word) => ({
    label: word,
    kind: CompletionItemKind.Keyword,
    documentation: { kind: MarkupKind.Markdown, value: KEYWORD_DOCS[word] ?? "" },
  }));
}

function systemItems(): CompletionItem[] {
  return VENDOR_SYSTEMS.map((system) => ({
    label: system.name,
    kind: CompletionItemKind.Module,
    detail: `${system.title} (objects: ${system.objects.map((o) => o.name).join(", ")})`,
  }));
}

function objectItems(system: string): CompletionItem[] {
  const known = vendorSystem(system)!;
  return known.objects.map((object) => ({
    label: object.name,
    kind: CompletionItemKind.Class,
    detail:
      `${known.title}: ${object.describes}` +
      (object.name === known.defaultObject ? " (the default)" : ""),
  }));
}

function valueItems(system: string, object: string | undefined): CompletionItem[] {
  const values = vendorObject(system, mapObjectName(system, object))?.values ?? [];
  return values.map((value) => ({
    label: value.name,
    kind: CompletionItemKind.EnumMember,
    detail: value.describes,
  }));
}

function categoryItems(): CompletionItem[] {
  return FORECAST_CATEGORIES.map((category) => ({
    label: category.name,
    kind: CompletionItemKind.EnumMember,
    detail: `forecast category: ${category.describes}`,
  }));
}

/**
 * What a map means, for hover: the system and object, and what its value, probability and
 * forecast say there.
 * @param node the map clause under the cursor
 * @returns Markdown
 */
export function mapMarkdown(node: A.MapNode): string {
  const system = vendorSystem(node.system.name);
  const objectName = mapObjectName(node.system.name, node.object?.name);
  const object = vendorObject(node.system.name, objectName);
  const code = (text: string) => "`" + text.replace(/`/g, "'") + "`";
  const lines: string[] = [];
  if (!system) {
    lines.push(
      `**map** ${code(node.system.name)}${objectName ? " " + code(objectName) : ""}: ` +
        "a system funnelc does not check; the value is carried into the IR as written.",
    );
  } else if (!object) {
    lines.push(`**map** ${system.title}: ${code(objectName ?? "")} is not one of its objects.`);
  } else {
    const isDefault = node.object === undefined ? " (the default object)" : "";
    lines.push(`**map** ${system.title} ${code(object.name)}${isDefault}: ${object.describes}.`);
  }
  const value = node.value.value;
  const meaning = describeValue(object?.values, value, object?.numericIds === true);
  lines.push(`Value ${code(JSON.stringify(value))}${meaning ? ": " + meaning : ""}.`);
  if (node.probability) lines.push(`Win probability ${node.probability.raw}.`);
  if (node.forecast) {
    const category = FORECAST_CATEGORIES.find((c) => c.name === node.forecast!.name);
    lines.push(
      `Forecast category ${code(node.forecast.name)}` +
        (category ? `: ${category.describes}.` : "."),
    );
  }
  return lines.join("\n\n");
}

function describeValue(
  values: readonly VendorValue[] | undefined,
  value: string,
  numericIds: boolean,
): string | undefined {
  if (!values) return undefined;
  const known = values.find((v) => v.name === value);
  if (known) return known.describes;
  if (numericIds && isNumericStageId(value)) return "the id of a custom stage";
  return "not one of the system's values";
}
