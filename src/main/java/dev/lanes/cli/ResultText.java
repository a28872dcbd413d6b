package dev.lanes.cli;

import dev.lanes.dispatch.LaneResult;
import dev.lanes.dispatch.LaneState;
import dev.lanes.error.ExitCode;
import java.io.PrintWriter;
import java.util.List;

/** The closing summary of a dispatch or resume, and its exit code. */
final class ResultText {
  private ResultText() {}

  /** Prints one line per lane; exit 1 when any lane failed, else 0 (blocked lanes wait on you). */
  static int print(PrintWriter out, List<LaneResult> results) {
    out.println();
    for (LaneResult r : results) {
      out.printf("%s attempt %d: %s%n", r.lane(), r.attempt(), r.summary());
      if (!r.possibleEscapes().isEmpty()) {
        out.printf(
            "  warning: files of your checkout changed during the run (possible escape): %s%n",
            String.join(", ", r.possibleEscapes()));
      }
      if (r.state() == LaneState.BLOCKED) {
        out.println("  waiting for you: " + Remedies.approveThenResume(r.lane()));
      }
    }
    out.println("The ledger holds the details: ledger/<lane>/. Board: `lanes status`.");
    boolean failed = results.stream().anyMatch(r -> r.state() == LaneState.FAILED);
    return (failed ? ExitCode.WORK_FAILED : ExitCode.OK).code();
  }
}
