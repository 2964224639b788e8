// The server's settings (section `funnel` of the client's configuration, or initializationOptions).

export interface ServerSettings {
  /**
   * Milliseconds of quiet after an edit before diagnostics are recomputed (bursts of edits
   * coalesce).
   */
  diagnosticsDelay: number;
  /**
   * Milliseconds after the first publish before the flow analyses (whole-graph warnings) run
   * and the complete diagnostics are published again; 0 runs them at once, in one publish.
   */
  flowDelay: number;
  /** Show each success-path stage's position as an inlay hint. */
  stagePositionHints: boolean;
  /** Line width the formatter aims for. */
  printWidth: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  diagnosticsDelay: 10,
  flowDelay: 200,
  stagePositionHints: true,
  printWidth: 100,
};

/** Reads settings from a client's `funnel` section, ignoring anything malformed. */
export function readSettings(section: unknown): ServerSettings {
  const s = (typeof section === "object" && section !== null ? section : {}) as Record<
    string,
    unknown
  >;
  const nested = (key: string) =>
    typeof s[key] === "object" && s[key] !== null ? (s[key] as Record<string, unknown>) : {};
  const number = (value: unknown, fallback: number, min: number, max: number) =>
    typeof value === "number" && Number.isFinite(value)
      ? Math.min(max, Math.max(min, value))
      : fallback;
  return {
    diagnosticsDelay: number(
      nested("diagnostics").delay,
      DEFAULT_SETTINGS.diagnosticsDelay,
      0,
      5_000,
    ),
    flowDelay: number(nested("diagnostics").flowDelay, DEFAULT_SETTINGS.flowDelay, 0, 10_000),
    stagePositionHints:
      typeof nested("inlayHints").stagePositions === "boolean"
        ? (nested("inlayHints").stagePositions as boolean)
        : DEFAULT_SETTINGS.stagePositionHints,
    printWidth: number(nested("format").printWidth, DEFAULT_SETTINGS.printWidth, 20, 400),
  };
}
