// Flags set at bundle time. The grammar's self-checks (chevrotain validations, ~150 ms each for
// lexer and parser) run in tests and development; the bundled CLI skips them to start fast.
declare const __FUNNEL_BUNDLED__: boolean | undefined;

export const SKIP_GRAMMAR_VALIDATIONS: boolean =
  typeof __FUNNEL_BUNDLED__ !== "undefined" && __FUNNEL_BUNDLED__;
