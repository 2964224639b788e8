// The prettier plugin for `.funnel` files: the language, the parser and the printer.
import type { Plugin, SupportLanguage, SupportOptions } from "prettier";
import {
  canAttachComment,
  getVisitorKeys,
  handleComments,
  hasPrettierIgnore,
  isBlockComment,
  printComment,
} from "./comments.js";
import { funnelParser, type PrintedNode } from "./parser.js";
import { printFunnel } from "./printer.js";

export const languages: SupportLanguage[] = [
  {
    name: "funnel",
    parsers: ["funnel"],
    extensions: [".funnel"],
    vscodeLanguageIds: ["funnel"],
  },
];

export const parsers = { funnel: funnelParser };

export const printers = {
  "funnel-ast": {
    print: printFunnel,
    getVisitorKeys,
    canAttachComment,
    isBlockComment,
    printComment,
    handleComments,
    hasPrettierIgnore,
  },
};

/** The formatter has no options of its own: printWidth, tabWidth and useTabs are prettier's. */
export const options: SupportOptions = {};

/**
 * Funnel lines hold sentences (definitions, titles): 100 columns, like the project's TypeScript.
 */
export const defaultOptions = { printWidth: 100, tabWidth: 2, useTabs: false };

const plugin = {
  languages,
  parsers,
  printers,
  options,
  defaultOptions,
} as unknown as Plugin<PrintedNode>;
export default plugin;
