// When diagnostics are computed and sent: after a short quiet period (bursts of edits coalesce,
// and a pass that a newer edit overtakes is abandoned), in two phases (the file checks at once,
// the flow analyses after a further delay), and only for files whose diagnostics changed.
import { collectDiagnostics, toLspDiagnostic } from "./diagnostics.js";
import { MAX_DOCUMENT_SIZE, errorText, type Client, type Session } from "./session.js";
import { yieldToEventLoop } from "./workspace.js";

export interface DiagnosticsScheduler {
  /**
   * Schedules a pass after an edit, an open, a close or a change on disk.
   * @param file a file whose diagnostics must be sent even if unchanged (it was edited)
   */
  schedule(file?: string): void;
  /** How many files have diagnostics shown. */
  publishedFiles(): number;
}

/**
 * The diagnostics of a session's open documents, kept up to date on the client.
 * @param session the server's state (its workspace and settings are read at each pass)
 * @param client where diagnostics go, and failures are logged
 * @returns the scheduler
 */
export function createDiagnosticsScheduler(session: Session, client: Client): DiagnosticsScheduler {
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  let flowTimer: NodeJS.Timeout | undefined;
  /** Files whose diagnostics must be sent on the next pass even if unchanged (they were edited). */
  const mustPublish = new Set<string>();
  /** Edited files whose complete diagnostics (flow analyses included) are still to be sent. */
  const mustPublishFlow = new Set<string>();
  /** The last diagnostics sent per file, to skip sending the same again. */
  const published = new Map<string, string>();
  /** When the last first-phase pass ended (for the leading edge of the debounce). */
  let lastPass = 0;
  const logFailure = (error: unknown) => client.error(`Diagnostics failed: ${errorText(error)}`);

  function schedule(file?: string) {
    if (file !== undefined) mustPublish.add(file);
    generation++;
    const delay = session.settings.diagnosticsDelay;
    // The first edit after a quiet period is checked at once; edits that follow it within the
    // delay wait for the delay, so a burst is checked once more at its end.
    const quiet = timer === undefined && performance.now() - lastPass > delay;
    if (timer) clearTimeout(timer);
    if (flowTimer) clearTimeout(flowTimer);
    flowTimer = undefined;
    const mine = generation;
    timer = setTimeout(
      () => {
        timer = undefined;
        runDiagnostics(mine)
          .catch(logFailure)
          .finally(() => (lastPass = performance.now()));
      },
      quiet ? 0 : delay,
    );
  }

  /**
   * First pass: parse, bind and check what changed, and publish (with the last flow warnings
   * carried over the edits). The flow analyses follow after a quiet period, or at once when
   * flowDelay is 0. A pass that a newer edit overtakes is abandoned; the next one is scheduled.
   */
  async function runDiagnostics(mine: number) {
    // The session is read afresh after every pause: settings may change in between.
    for (const file of session.workspace.staleOpenDocuments()) {
      if (tooLarge(file)) continue;
      session.workspace.program(file);
      await yieldToEventLoop();
      if (mine !== generation) return;
    }
    if (session.settings.flowDelay === 0 && !(await runFlow(mine))) return;
    for (const file of mustPublish) mustPublishFlow.add(file);
    publish(mustPublish);
    const flowDelay = session.settings.flowDelay;
    if (flowDelay > 0 && session.workspace.flowPending().some((file) => !tooLarge(file))) {
      flowTimer = setTimeout(() => {
        flowTimer = undefined;
        runFlow(mine)
          .then((done) => done && publish(mustPublishFlow))
          .catch(logFailure);
      }, flowDelay);
    } else mustPublishFlow.clear();
  }

  /** Runs the flow analyses of the open documents; false when a newer edit overtook it. */
  async function runFlow(mine: number): Promise<boolean> {
    for (const file of session.workspace.flowPending()) {
      if (tooLarge(file)) continue;
      session.workspace.runFlow(file);
      await yieldToEventLoop();
      if (mine !== generation) return false;
    }
    return true;
  }

  function publish(always: Set<string>) {
    const { workspace } = session;
    const open = workspace.openDocuments().filter((file) => !tooLarge(file));
    const byFile = collectDiagnostics(workspace, open);
    const files = new Set([...byFile.keys(), ...published.keys(), ...always]);
    for (const file of [...files].sort()) {
      const diagnostics = (byFile.get(file) ?? []).map((d) => toLspDiagnostic(workspace, d));
      const json = JSON.stringify(diagnostics);
      if (!always.has(file) && (published.get(file) ?? "[]") === json) continue;
      const doc = workspace.document(file);
      client.sendDiagnostics({
        uri: workspace.uriOf(file),
        ...(doc ? { version: doc.version } : {}),
        diagnostics,
      });
      if (diagnostics.length) published.set(file, json);
      else published.delete(file);
    }
    always.clear();
  }

  function tooLarge(file: string): boolean {
    return (session.workspace.document(file)?.text.length ?? 0) > MAX_DOCUMENT_SIZE;
  }

  return { schedule, publishedFiles: () => published.size };
}
