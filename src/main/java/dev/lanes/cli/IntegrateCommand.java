package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.error.ExitCode;
import dev.lanes.integrate.IntegrateReport;
import dev.lanes.integrate.Integrator;
import dev.lanes.integrate.LaneOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lanes integrate}: lands the handed-off lanes on the target branch through the gates. */
@Command(
    name = "integrate",
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
      DryRunText.integrate(out(), integrator.preview(target));
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
}
