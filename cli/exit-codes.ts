// Exit codes of the `funnel` command, documented in the README's CLI reference.
export const EXIT_OK = 0;
/** The input has errors (or warnings, with --strict). */
export const EXIT_DIAGNOSTICS = 1;
/** The command line itself is wrong (unknown option, missing argument, bad config file). */
export const EXIT_USAGE = 2;
/** funnelc failed: a bug, reported as FN9xxx. */
export const EXIT_INTERNAL = 3;
