// The `salesforce` target: an SFDX source folder `<name>.salesforce/` with the Lead status and
// Opportunity stage standard value sets, a sales path per object with each stage's definition as
// its guidance, `sfdx-project.json` and `manifest/package.xml`, ready for `sf project deploy`.
import type { FunnelIR } from "../../core/ir/types.js";
import type { OutputFile, SyncEmitter } from "./emitter.js";
import { escapeHtml } from "./html.js";
import {
  salesforceModel,
  type LeadStatusValue,
  type OpportunityStageValue,
  type PicklistValue,
} from "./salesforce-model.js";
import { checkSalesforce } from "./salesforce-check.js";
import { escapeXml, XML_PROLOG } from "./xml.js";

/** The Metadata API version the folder is written for (sfdx-project.json and package.xml). */
export const SALESFORCE_API_VERSION = "62.0";

const NAMESPACE = "http://soap.sforce.com/2006/04/metadata";
const SOURCE = "force-app/main/default";

/** A value set, its object and picklist field, and the path over it. */
interface ValueSetFile {
  /** The standard value set's name (its file name and its `members` in package.xml). */
  name: "LeadStatus" | "OpportunityStage";
  entity: "Lead" | "Opportunity";
  field: "Status" | "StageName";
  values: PicklistValue[];
  /** The elements each value has beyond fullName, default and label, in the API's order. */
  extra(value: PicklistValue): [element: string, text: string][];
}

/** An XML element on one line, its text escaped; `indent` is the nesting depth. */
function element(indent: number, name: string, text: string): string {
  return `${"    ".repeat(indent)}<${name}>${escapeXml(text)}</${name}>`;
}

function renderValueSet(set: ValueSetFile): string {
  const lines = [XML_PROLOG, `<StandardValueSet xmlns="${NAMESPACE}">`];
  lines.push(element(1, "sorted", "false"));
  for (const value of set.values) {
    lines.push(
      "    <standardValue>",
      element(2, "fullName", value.value),
      element(2, "default", String(value.isDefault)),
      element(2, "label", value.value),
      ...set.extra(value).map(([name, text]) => element(2, name, text)),
      "    </standardValue>",
    );
  }
  lines.push("</StandardValueSet>", "");
  return lines.join("\n");
}

/** The path's name (the file's base name and its `members` in package.xml). */
function pathName(set: ValueSetFile): string {
  return `${set.entity}_Path`;
}

/** Guidance for success is rich text: the definition as HTML paragraphs, then XML-escaped. */
function guidance(definition: string): string {
  return definition
    .split(/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join("");
}

function renderPath(set: ValueSetFile): string {
  const lines = [XML_PROLOG, `<PathAssistant xmlns="${NAMESPACE}">`];
  lines.push(
    element(1, "active", "true"),
    element(1, "entityName", set.entity),
    element(1, "fieldName", set.field),
    element(1, "masterLabel", `${set.entity} Path`),
  );
  for (const value of set.values) {
    lines.push("    <pathAssistantSteps>");
    const info = value.stage.definition ? guidance(value.stage.definition) : "";
    if (info) lines.push(element(2, "info", info));
    lines.push(element(2, "picklistValueName", value.value), "    </pathAssistantSteps>");
  }
  lines.push(element(1, "recordTypeName", "__MASTER__"), "</PathAssistant>", "");
  return lines.join("\n");
}

function renderPackage(sets: ValueSetFile[]): string {
  const types = (name: string, members: string[]) => [
    "    <types>",
    ...members.map((m) => element(2, "members", m)),
    element(2, "name", name),
    "    </types>",
  ];
  return [
    XML_PROLOG,
    `<Package xmlns="${NAMESPACE}">`,
    ...types("PathAssistant", sets.map(pathName)),
    ...types(
      "StandardValueSet",
      sets.map((s) => s.name),
    ),
    element(1, "version", SALESFORCE_API_VERSION),
    "</Package>",
    "",
  ].join("\n");
}

function renderProject(ir: FunnelIR): string {
  const project = {
    packageDirectories: [{ path: "force-app", default: true }],
    name: ir.funnel.name,
    namespace: "",
    sourceApiVersion: SALESFORCE_API_VERSION,
  };
  return JSON.stringify(project, null, 2) + "\n";
}

/** The value sets the funnel has values for, Lead first. */
function valueSets(ir: FunnelIR): ValueSetFile[] {
  const model = salesforceModel(ir);
  const sets: ValueSetFile[] = [];
  if (model.leadStatuses.length)
    sets.push({
      name: "LeadStatus",
      entity: "Lead",
      field: "Status",
      values: model.leadStatuses,
      extra: (v) => [["converted", String((v as LeadStatusValue).converted)]],
    });
  if (model.opportunityStages.length)
    sets.push({
      name: "OpportunityStage",
      entity: "Opportunity",
      field: "StageName",
      values: model.opportunityStages,
      extra: (value) => {
        const v = value as OpportunityStageValue;
        return [
          ["closed", String(v.closed)],
          ...(v.forecastCategory
            ? [["forecastCategory", v.forecastCategory] as [string, string]]
            : []),
          ...(v.probability !== null
            ? [["probability", String(Math.round(v.probability))] as [string, string]]
            : []),
          ["won", String(v.won)],
        ];
      },
    });
  return sets;
}

/**
 * Emits the SFDX source folder of a funnel.
 * @param ir a compiled funnel
 * @param baseName the output's base name: the folder is `<baseName>.salesforce/`
 * @returns sfdx-project.json, manifest/package.xml, the standard value sets and the paths
 */
export function emitSalesforce(ir: FunnelIR, baseName: string): OutputFile[] {
  const root = `${baseName}.salesforce`;
  const sets = valueSets(ir);
  return [
    { path: `${root}/sfdx-project.json`, contents: renderProject(ir) },
    { path: `${root}/manifest/package.xml`, contents: renderPackage(sets) },
    ...sets.map((set) => ({
      path: `${root}/${SOURCE}/standardValueSets/${set.name}.standardValueSet-meta.xml`,
      contents: renderValueSet(set),
    })),
    ...sets.map((set) => ({
      path: `${root}/${SOURCE}/pathAssistants/${pathName(set)}.pathAssistant-meta.xml`,
      contents: renderPath(set),
    })),
  ];
}

export const salesforceEmitter: SyncEmitter = {
  target: "salesforce",
  description:
    "an SFDX source folder: Lead status and Opportunity stage value sets and sales paths",
  emit: (ir, { baseName }) => emitSalesforce(ir, baseName),
  diagnose: (ir) => checkSalesforce(ir),
  mapsSystem: "salesforce",
};
