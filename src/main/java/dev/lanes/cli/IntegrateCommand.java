package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.error.ExitCode;
import dev.lanes.integrate.IntegratePreview;
import dev.lanes.integrate.IntegrateReport;
import dev.lanes.integrate.Integrator;
import dev.lanes.integrate.LaneOutcome;
import dev.lanes.integrate.QueueItem;
import dev.lanes.policy.Gate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lanes integrate}: lands the handed-off lanes on the target branch through the gates. */
@Command(
    name = "integrate",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    header = "Land handed-off lanes one patch at a time through the gates.",
    description = {
      "Land the handed-off lanes one patch at a time in the integration worktree",
      ".lanes/integration: patch gates after each patch, wave gates after each wave,",
      "then move the target branch to the gated result. A lane that conflicts or",
      "fails a gate is dropped and reopened with the failure in its ledger."
    },
    footer = {
      "",
      "Exit codes: 0 every queued lane landed, 1 a lane was reopened or refused, the",
      "target is red or your checkout is in the way, 2 bad input (also: AGENTS.md's",
      "gates differ from those committed on the target), 3 another integrate runs,",
      "4 bootstrap check failed.",
      "Examples:",
      "  lanes integrate --dry-run",
      "  lanes integrate"
    })
public final class IntegrateCommand extends RepoCommand {
  @Mixin DryRunOption dryRun;

  @Override
  public Integer call() {
    Loaded loaded = load();
    Workspace workspace = loaded.workspace().requireReadyToDispatch();
    String target = workspace.policyOrEmpty().target().orElse(loaded.branch());
    if (target.equals("HEAD")) {
      throw Remedies.noTarget();
    }
    Integrator integrator =
        new Integrator(
            wiring.integrate(
                workspace.root(),
                workspace.policyOrEmpty(),
                line -> {
                  out().println(line);
                  out().flush();
                }));
    if (dryRun.dryRun) {
      print(integrator.preview(target));
      return ExitCode.OK.code();
    }
    IntegrateReport report = integrator.run(target);
    for (LaneOutcome lane : report.lanes()) {
      out().printf("%s attempt %d: %s%n", lane.lane(), lane.attempt(), lane.summary());
    }
    if (!report.from().equals(report.to())) {
      out().printf("%s: %s -> %s%n", target, report.from().orElse(""), report.to().orElse(""));
    }
    return (report.allLanded() ? ExitCode.OK : ExitCode.WORK_FAILED).code();
  }

  private void print(IntegratePreview p) {
    if (p.queue().isEmpty()) {
      out().println("Nothing to integrate: no lane is handed off.");
      return;
    }
    out()
        .printf(
            "Would integrate %d lanes onto %s at %s in .lanes/integration (dry run: nothing"
                + " written).%n",
            p.queue().size(), p.target(), p.tip());
    out().println("First the patch gates on the tip of " + p.target() + ", then per lane:");
    for (QueueItem item : p.queue()) {
      out()
          .printf(
              "%n%s (wave %d, attempt %d, agent %s)%n",
              item.lane(), item.wave(), item.attempt(), item.agent());
      out()
          .printf(
              "  patch: %s%n  files: %s%n", item.patch(), String.join(", ", p.files().get(item)));
    }
    out().println();
    out().println("patch gates after each lane: " + gates(p.patchGates()));
    out().println("wave gates after each wave:  " + gates(p.waveGates()));
  }

  private static String gates(List<Gate> gates) {
    return gates.isEmpty()
        ? "none"
        : String.join(
            "; ",
            gates.stream().map(g -> g.number() + " " + g.name() + ": " + g.command()).toList());
  }
}
