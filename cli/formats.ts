// Output format names of the CLI, apart from the commands so that parsing arguments (and
// `--help`, `--version`) loads no compiler code: the commands are imported when they run.
export type OutputFormat = "pretty" | "json" | "sarif" | "github";
export const OUTPUT_FORMATS: OutputFormat[] = ["pretty", "json", "sarif", "github"];

export type TestFormat = "pretty" | "json" | "junit";
export const TEST_FORMATS: TestFormat[] = ["pretty", "json", "junit"];
