package dev.lanes.cli;

import dev.lanes.analysis.WaveAnalysis;
import dev.lanes.analysis.Workspace;
import dev.lanes.dispatch.DispatchPlanner;
import dev.lanes.dispatch.DispatchSelection;
import dev.lanes.dispatch.DispatchService;
import dev.lanes.error.ExitCode;
import dev.lanes.plan.Plan;
import dev.lanes.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanes dispatch}: runs the workers of the next wave, or of the named lanes. */
@Command(
    name = "dispatch",
    header = "Run the workers of the next wave, or of the named lanes.",
    description = {
      "Run the workers of the next wave, or of the named lanes, each in its own git worktree",
      "under a lock over its scope. With --dry-run, show what would run and write nothing.",
      "Refuses with exit 2 on bad input and exit 4 when AGENTS.md fails the bootstrap check."
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 a worker or gate failed, 2 bad input, 3 a lock is held, 4 bootstrap check failed.",
      "Examples:",
      "  lanes dispatch --dry-run",
      "  lanes dispatch L-003 L-007 --agent codex --timeout 45m --dry-run"
    })
public final class DispatchCommand extends RepoCommand {
  @Parameters(
      paramLabel = "LANE",
      arity = "0..*",
      description = "Lanes to run (default: the next wave).")
  List<String> lanes = new ArrayList<>();

  @Option(names = "--parallel", paramLabel = "N", description = "Run at most N workers at once.")
  Integer parallel;

  @Mixin WorkerOptions worker;

  @Mixin DryRunOption dryRun;

  @Override
  public Integer call() {
    if (parallel != null && parallel < 1) {
      throw Remedies.badParallel(parallel);
    }
    worker.timeout();
    Loaded loaded = load();
    Workspace workspace = loaded.workspace().requireReadyToDispatch();
    Plan plan = workspace.requirePlan();
    Policy policy = workspace.policyOrEmpty();
    DispatchSelection selection =
        DispatchPlanner.select(
            workspace.root(),
            plan,
            policy,
            WaveAnalysis.analyze(plan, policy, loaded.trackedFiles()),
            lanes,
            worker.agent(),
            policy.target().orElse(loaded.branch()));
    int workers = parallel != null ? parallel : policy.maxParallel();
    if (dryRun.dryRun || selection.run().isEmpty()) {
      DryRunText.dispatch(out(), selection, workers, worker.timeout(policy));
      return ExitCode.OK.code();
    }
    LiveLines lines = new LiveLines(out(), LiveLines.terminal(), wiring.clock);
    var results =
        new DispatchService(wiring.dispatch(workspace.root(), policy), lines)
            .dispatch(selection, workers, worker.timeout(policy));
    lines.finish();
    return ResultText.print(out(), results);
  }
}
