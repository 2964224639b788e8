// A scenario file (spec §8) as the runtime checks it: the scenarios with every value's place in its
// file, so that a failed expectation points at the line that states it. cli/data/scenario-file.ts
// reads the YAML into this shape.
import type { Diagnostic, Span } from "../core/diagnostics/diagnostic.js";

export interface Located<T> {
  value: T;
  span: Span;
}

export interface ScenarioEvent {
  /** 1-based position in the scenario's `events`. */
  index: number;
  /** The event as the engine gets it (`record` filled in, a numeric `id` as text). */
  value: Record<string, unknown>;
  span: Span;
}

export interface FieldExpectation {
  name: Located<string>;
  /** As written: text, number, boolean or null (unset). */
  value: unknown;
  span: Span;
}

export interface Expectations {
  span: Span;
  stage?: Located<string>;
  path?: Located<Located<string>[]>;
  fields?: FieldExpectation[];
  slaBreaches?: Located<Located<string>[]>;
}

export interface Scenario {
  name: string;
  nameSpan: Span;
  /** The record events default to and `expect` checks. */
  record: string;
  events: ScenarioEvent[];
  asOf?: Located<string>;
  expect: Expectations;
}

export interface ScenarioFile {
  /** Absolute path. */
  path: string;
  /** Path as shown, and as diagnostics name the file. */
  shown: string;
  text: string;
  funnel?: Located<string>;
  scenarios: Scenario[];
  diagnostics: Diagnostic[];
}
