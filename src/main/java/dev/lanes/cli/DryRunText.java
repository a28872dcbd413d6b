package dev.lanes.cli;

import dev.lanes.dispatch.DispatchItem;
import dev.lanes.dispatch.DispatchSelection;
import dev.lanes.integrate.IntegratePreview;
import dev.lanes.integrate.QueueItem;
import dev.lanes.policy.Durations;
import dev.lanes.policy.Gate;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What {@code dispatch --dry-run} and {@code integrate --dry-run} show: the plan, not run. */
final class DryRunText {
  private DryRunText() {}

  static void dispatch(
      PrintWriter out, DispatchSelection selection, int workers, Optional<Duration> limit) {
    if (selection.run().isEmpty() && selection.waiting().isEmpty()) {
      out.println("Nothing to dispatch: no lane is planned or reopened.");
      return;
    }
    out.printf(
        "Would dispatch %s from the tip of %s, at most %d at once%s (dry run: nothing written).%n",
        selection.wave() > 0 ? "wave " + selection.wave() : "the named lanes",
        selection.baseBranch(),
        workers,
        limit.map(d -> ", each ended after " + Durations.format(d)).orElse(""));
    for (DispatchItem item : selection.run()) {
      lane(out, item.lane(), item.wave(), item.attempt(), item.agent());
      out.printf("  worktree: %s%n  branch:   %s%n", item.worktree(), item.branch());
      out.printf("  scope:    %s%n", ScopeText.of(item.scope()));
      out.printf("  prompt:   %s%n  command:  %s%n", item.promptFile(), item.command());
    }
    if (!selection.waiting().isEmpty()) {
      out.println();
      selection.waiting().forEach(w -> out.println("waiting: " + w));
    }
  }

  static void integrate(PrintWriter out, IntegratePreview p) {
    if (p.queue().isEmpty()) {
      out.println("Nothing to integrate: no lane is handed off.");
      return;
    }
    out.printf(
        "Would integrate %d lanes onto %s at %s in .lanes/integration (dry run: nothing"
            + " written).%n",
        p.queue().size(), p.target(), p.tip());
    out.println("First the patch gates on the tip of " + p.target() + ", then per lane:");
    for (QueueItem item : p.queue()) {
      lane(out, item.lane(), item.wave(), item.attempt(), item.agent());
      out.printf(
          "  patch: %s%n  files: %s%n", item.patch(), String.join(", ", p.files().get(item)));
    }
    out.println();
    out.println("patch gates after each lane: " + gates(p.patchGates()));
    out.println("wave gates after each wave:  " + gates(p.waveGates()));
  }

  private static void lane(PrintWriter out, Object lane, int wave, int attempt, String agent) {
    out.printf("%n%s (wave %d, attempt %d, agent %s)%n", lane, wave, attempt, agent);
  }

  private static String gates(List<Gate> gates) {
    return gates.isEmpty()
        ? "none"
        : String.join(
            "; ",
            gates.stream().map(g -> g.number() + " " + g.name() + ": " + g.command()).toList());
  }
}
