// What generated modules take from funnelc's runtime: the roots from which
// scripts/gen-module-runtime.ts copies declarations, with all they use, into
// module-runtime.generated.ts. Names only and no imports, so the generator can read this file
// whatever state the table is in.

/** What apply(), state() and the rejection messages use in every module. */
export const EVERY_MODULE_USES = [
  "parseInstant",
  "formatInstant",
  "isUnsetInput",
  "PathLog",
  "isObject",
  "firstUnknownKey",
  "unknownKeyMessage",
  "missingRecordMessage",
  "badTimestampMessage",
  "eventShapeProblem",
  "unknownTypeMessage",
  "unknownFieldMessage",
] as const;

/** The runtime's functions, values and classes that the module's own code calls. */
export const RUNTIME_CODE = [
  ...EVERY_MODULE_USES,
  "isDate",
  "addMonths",
  "INVALID",
  "asNumber",
  "asBoolean",
  "asText",
  "asEnum",
  "asDate",
  "asDateTime",
  "compareValues",
  "inValues",
  "containsText",
  "suggestName",
] as const;

/** The engine's API types every module exports as they are (the generic ones get narrowed). */
export const API_TYPES = [
  "SourceLocation",
  "RejectReason",
  "CauseOf",
  "OutcomeOf",
  "ApplyResultOf",
  "Counters",
  "RecordViewOf",
  "FunnelSnapshot",
  "RunnerOf",
] as const;
