// The pipeline bodies against their consumer, HubSpot's own client (@hubspot/api-client): the
// golden body type-checks as its `PipelineInput` (with no key that type lacks), and the client's
// serializer, which builds the request it sends, keeps every emitted body as it is.
import type {
  PipelineInput,
  PipelineStageInput,
} from "@hubspot/api-client/lib/codegen/crm/pipelines/index.js";
import { ObjectSerializer } from "@hubspot/api-client/lib/codegen/crm/pipelines/models/ObjectSerializer.js";
import { describe, expect, it } from "vitest";
import { createNodeHost } from "../../compiler/host.js";
import { hubspotEmitter } from "../../compiler/emit/hubspot/hubspot.js";
import { compile } from "../../compiler/program.js";
import deal from "./golden/hubspot/revenue-cycle.hubspot/pipelines/deal.json" with { type: "json" };
import { hubspotFunnel } from "./hubspot-funnels.js";
import { project } from "../helpers/cli.js";

// Checked by `tsc` (npm run typecheck): a wrong type or a missing key fails the build.
const typed: PipelineInput = deal;
type NoExtraKeys<T, Of> = Exclude<keyof T, keyof Of> extends never ? true : false;
const pipelineKeys: NoExtraKeys<typeof deal, PipelineInput> = true;
const stageKeys: NoExtraKeys<(typeof deal.stages)[number], PipelineStageInput> = true;

function pipelineBodies(dir: string, entry: string): [string, PipelineInput][] {
  const program = compile(createNodeHost(dir), [entry]).programs[0];
  expect(program.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return hubspotEmitter
    .emit(program.ir!, { baseName: "x" })
    .filter((f) => f.path.includes("/pipelines/"))
    .map((f) => [f.path, JSON.parse(f.contents) as PipelineInput]);
}

describe("hubspot pipeline bodies and @hubspot/api-client", () => {
  it("the golden deal body is a PipelineInput", () => {
    expect([pipelineKeys, stageKeys]).toEqual([true, true]);
    expect(typed.stages.map((s) => s.metadata)).toEqual([
      { probability: "0.3", isClosed: "false" },
      { probability: "1.0", isClosed: "true" },
      { probability: "0.0", isClosed: "true" },
    ]);
  });

  it("survives the client's serializer unchanged: deal and lead pipelines, hostile text", () => {
    const dir = project({
      "x.funnel": hubspotFunnel(
        'map hubspot lead "Working \\"hot\\" <b>|</b>"\n' +
          '    map hubspot deal "Proposal \\\\ ` --> ]" probability 15%',
        'Evil | \\"Deals\\" <script>',
      ),
    });
    const bodies = [
      ...pipelineBodies(".", "examples/revenue-cycle.funnel"),
      ...pipelineBodies(dir, "x.funnel"),
    ];
    expect(bodies.map(([path]) => path)).toEqual([
      "x.hubspot/pipelines/deal.json",
      "x.hubspot/pipelines/deal.json",
      "x.hubspot/pipelines/lead.json",
    ]);
    for (const [path, body] of bodies) {
      expect(ObjectSerializer.serialize(body, "PipelineInput", ""), path).toEqual(body);
      for (const stage of body.stages) {
        const probability = stage.metadata?.probability;
        if (probability !== undefined) expect(Number(probability)).toBeGreaterThanOrEqual(0);
        if (probability !== undefined) expect(Number(probability)).toBeLessThanOrEqual(1);
        expect(["true", "false"]).toContain(stage.metadata?.isClosed);
      }
    }
    expect(bodies[1][1].label).toBe('Evil | "Deals" <script>');
    expect(bodies[1][1].stages[0]).toEqual({
      label: "Proposal \\ ` --> ]",
      displayOrder: 0,
      metadata: { probability: "0.15", isClosed: "false" },
    });
    expect(bodies[2][1].stages).toEqual([
      { label: 'Working "hot" <b>|</b>', displayOrder: 0, metadata: { isClosed: "false" } },
    ]);
  });
});
