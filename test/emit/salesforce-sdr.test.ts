// The salesforce target's folder as Salesforce's own library reads it
// (@salesforce/source-deploy-retrieve, what `sf project deploy` runs): every file resolves to a
// component of the right type, package.xml names exactly those components, and the folder
// converts to Metadata API format. In-process, on a temporary folder; no org needed.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  ComponentSet,
  MetadataConverter,
  MetadataResolver,
} from "@salesforce/source-deploy-retrieve";
import { afterAll, describe, expect, it } from "vitest";
import { createNodeHost } from "../../compiler/host.js";
import { compile } from "../../compiler/program.js";
import { emitSalesforce } from "../../compiler/emit/salesforce.js";
import { writeOutputFiles } from "../../compiler/emit/write.js";
import type { FunnelIR } from "../../core/ir/types.js";
import { hostileIr } from "./hostile.js";
import { checkXml, decodeXml } from "./xml.js";

const temp = mkdtempSync(path.join(tmpdir(), "funnel-sfdx-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function irOf(entry: string): FunnelIR {
  return compile(createNodeHost("."), [entry]).programs[0].ir!;
}

/** The hostile funnel with hostile values mapped to both objects. */
function hostileMapped(): FunnelIR {
  const ir = hostileIr();
  const loc = ir.funnel.loc;
  const map = (object: string, value: string, probability: number | null = null) => ({
    system: "salesforce",
    object,
    value,
    probability,
    forecast: probability === null ? null : "best_case",
    loc,
  });
  for (const stage of ir.stages) {
    if (stage.name === "start") stage.maps = [map("lead_status", `A & B <c> "d" 'e' ]]> --`)];
    if (stage.name === "middle")
      stage.maps = [map("opportunity_stage", "Proposal <script>alert(1)</script> &amp;", 33.4)];
  }
  return ir;
}

/** Writes the folder of a funnel and returns its root. */
function write(ir: FunnelIR, name: string): string {
  const files = emitSalesforce(ir, name);
  writeOutputFiles(temp, files);
  return path.join(temp, `${name}.salesforce`);
}

/** Every file under a folder, relative to it, `/` separators. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** The members package.xml names, as `Type:member`. */
function manifestMembers(xml: string): string[] {
  const members: string[] = [];
  for (const [, types] of xml.matchAll(/<types>([\s\S]*?)<\/types>/g)) {
    const type = decodeXml(/<name>([^<]*)<\/name>/.exec(types)![1]);
    for (const [, member] of types.matchAll(/<members>([^<]*)<\/members>/g))
      members.push(`${type}:${decodeXml(member)}`);
  }
  return members.sort();
}

const TYPES: Record<string, string> = {
  standardValueSets: "StandardValueSet",
  pathAssistants: "PathAssistant",
};

const CASES: [name: string, ir: () => FunnelIR, expected: string[]][] = [
  [
    "revenue-cycle",
    () => irOf("examples/revenue-cycle.funnel"),
    [
      "PathAssistant:Lead_Path",
      "PathAssistant:Opportunity_Path",
      "StandardValueSet:LeadStatus",
      "StandardValueSet:OpportunityStage",
    ],
  ],
  [
    "lead-to-revenue",
    () => irOf("examples/lead-to-revenue.funnel"),
    ["PathAssistant:Lead_Path", "StandardValueSet:LeadStatus"],
  ],
  [
    "hostile",
    hostileMapped,
    [
      "PathAssistant:Lead_Path",
      "PathAssistant:Opportunity_Path",
      "StandardValueSet:LeadStatus",
      "StandardValueSet:OpportunityStage",
    ],
  ],
];

describe("salesforce target: source-deploy-retrieve reads the folder", () => {
  for (const [name, ir, expected] of CASES) {
    it(`${name}: every file is a component of its type, package.xml names them all`, async () => {
      const root = write(ir(), name);
      const source = path.join(root, "force-app");
      const resolver = new MetadataResolver();
      const xmlFiles = filesUnder(source);
      expect(xmlFiles.length).toBe(expected.length);
      for (const file of xmlFiles) {
        const components = resolver.getComponentsFromPath(path.join(source, file));
        expect(components, file).toHaveLength(1);
        const folder = file.split("/").at(-2)!;
        expect(components[0].type.name, file).toBe(TYPES[folder]);
        expect(`${file.split("/").at(-1)!.split(".")[0]}`).toBe(components[0].fullName);
        expect(checkXml(readFileSync(path.join(source, file), "utf8")), file).toEqual([]);
      }
      const set = ComponentSet.fromSource(source);
      const resolved = set
        .getSourceComponents()
        .toArray()
        .map((c) => `${c.type.name}:${c.fullName}`)
        .sort();
      expect(resolved).toEqual(expected);
      const manifest = readFileSync(path.join(root, "manifest/package.xml"), "utf8");
      expect(checkXml(manifest)).toEqual([]);
      expect(manifestMembers(manifest)).toEqual(expected);
      const fromManifest = await ComponentSet.fromManifest({
        manifestPath: path.join(root, "manifest/package.xml"),
        resolveSourcePaths: [source],
      });
      expect(fromManifest.getSourceComponents().toArray()).toHaveLength(expected.length);
      const project = JSON.parse(readFileSync(path.join(root, "sfdx-project.json"), "utf8"));
      expect(project.packageDirectories).toEqual([{ path: "force-app", default: true }]);
    });

    it(`${name}: converts to Metadata API format without error`, async () => {
      const root = path.join(temp, `${name}.salesforce`);
      const outputDirectory = path.join(temp, `${name}.mdapi`);
      const set = ComponentSet.fromSource(path.join(root, "force-app"));
      // The version sf takes from sfdx-project.json; without it SDR asks the network for one.
      const project = JSON.parse(readFileSync(path.join(root, "sfdx-project.json"), "utf8"));
      set.sourceApiVersion = project.sourceApiVersion;
      const result = await new MetadataConverter().convert(set, "metadata", {
        type: "directory",
        outputDirectory,
        genUniqueDir: false,
      });
      expect(result.packagePath).toBe(outputDirectory);
      const converted = filesUnder(outputDirectory);
      expect(converted).toContain("package.xml");
      const packageXml = readFileSync(path.join(outputDirectory, "package.xml"), "utf8");
      expect(manifestMembers(packageXml)).toEqual(expected);
      expect(packageXml).toContain(`<version>${project.sourceApiVersion}</version>`);
      for (const member of expected) {
        const [type, fullName] = member.split(":");
        const folder = Object.keys(TYPES).find((k) => TYPES[k] === type)!;
        const suffix = type === "PathAssistant" ? "pathAssistant" : "standardValueSet";
        expect(converted).toContain(`${folder}/${fullName}.${suffix}`);
      }
    });
  }

  it("hostile: values and guidance read back as written (XML-escaped, guidance HTML-escaped)", () => {
    const root = path.join(temp, "hostile.salesforce/force-app/main/default");
    const lead = readFileSync(
      path.join(root, "standardValueSets/LeadStatus.standardValueSet-meta.xml"),
      "utf8",
    );
    const values = [...lead.matchAll(/<fullName>([^<]*)<\/fullName>/g)].map((m) => decodeXml(m[1]));
    expect(values[0]).toBe(`A & B <c> "d" 'e' ]]> --`);
    const opportunity = readFileSync(
      path.join(root, "standardValueSets/OpportunityStage.standardValueSet-meta.xml"),
      "utf8",
    );
    expect(opportunity).toContain(
      "<fullName>Proposal &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;</fullName>",
    );
    expect(opportunity).toContain("<probability>33</probability>");
    expect(opportunity).toContain("<forecastCategory>BestCase</forecastCategory>");
    const leadPath = readFileSync(
      path.join(root, "pathAssistants/Lead_Path.pathAssistant-meta.xml"),
      "utf8",
    );
    const info = decodeXml(/<info>([^<]*)<\/info>/.exec(leadPath)![1]);
    // The guidance is HTML: the definition's markup is text in it, never an element.
    expect(info).toBe(
      "<p>Def with | pipe, &quot;quotes&quot;, \\ backslash, &lt;script&gt;alert(1)&lt;/script&gt;" +
        ", `ticks`, new line, --&gt;, ], ;</p>",
    );
  });
});
