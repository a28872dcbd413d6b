package dev.lanes.cli;

import dev.lanes.analysis.WaveAnalysis;
import dev.lanes.analysis.WavePlan;
import dev.lanes.analysis.Workspace;
import dev.lanes.dispatch.DispatchItem;
import dev.lanes.dispatch.DispatchPlanner;
import dev.lanes.dispatch.DispatchSelection;
import dev.lanes.dispatch.DispatchService;
import dev.lanes.dispatch.LaneResult;
import dev.lanes.error.BadInputException;
import dev.lanes.plan.Plan;
import dev.lanes.policy.Durations;
import dev.lanes.policy.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanes dispatch}: runs the workers of the next wave, or of the named lanes. */
@Command(
    name = "dispatch",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
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
public final class DispatchCommand extends RepoCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "LANE",
      arity = "0..*",
      description = "Lanes to run (default: the next wave).")
  List<String> lanes = new ArrayList<>();

  @Option(names = "--parallel", paramLabel = "N", description = "Run at most N workers at once.")
  Integer parallel;

  @Option(names = "--agent", paramLabel = "NAME", description = "Use this agent for every lane.")
  String agent;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "End a worker after this long (e.g. 45m).")
  String timeout;

  @Option(names = "--dry-run", description = "Show what would run; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    if (parallel != null && parallel < 1) {
      throw BadInputException.usage(
          "--parallel takes a whole number of at least 1, not " + parallel);
    }
    Optional<Duration> limit = durationOption("--timeout", timeout);
    Loaded loaded = load();
    Workspace workspace = loaded.workspace().requireReadyToDispatch();
    Plan plan = workspace.requirePlan();
    Policy policy = workspace.policyOrEmpty();
    WavePlan waves = WaveAnalysis.analyze(plan, policy, loaded.trackedFiles());
    String base = policy.target().orElse(loaded.branch());
    DispatchSelection selection =
        DispatchPlanner.select(
            workspace.root(), plan, policy, waves, lanes, Optional.ofNullable(agent), base);
    if (dryRun) {
      printDryRun(selection, policy, limit.or(() -> policy.duration("timeout")));
      return 0;
    }
    if (selection.run().isEmpty()) {
      printDryRun(selection, policy, limit);
      return 0;
    }
    int workers = parallel != null ? parallel : policy.maxParallel();
    LiveLines lines = new LiveLines(out(), LiveLines.terminal(), java.time.Clock.systemUTC());
    List<LaneResult> results =
        new DispatchService(DispatchWiring.context(workspace.root(), policy), lines)
            .dispatch(selection, workers, limit.or(() -> policy.duration("timeout")));
    lines.finish();
    return ResultText.print(out(), results);
  }

  private void printDryRun(DispatchSelection selection, Policy policy, Optional<Duration> limit) {
    if (selection.run().isEmpty() && selection.waiting().isEmpty()) {
      out().println("Nothing to dispatch: no lane is planned or reopened.");
      return;
    }
    int workers = parallel != null ? parallel : policy.maxParallel();
    out()
        .printf(
            "Would dispatch %s from the tip of %s, at most %d at once%s (dry run: nothing written).%n",
            selection.wave() > 0 ? "wave " + selection.wave() : "the named lanes",
            selection.baseBranch(),
            workers,
            limit.map(d -> ", each ended after " + Durations.format(d)).orElse(""));
    for (DispatchItem item : selection.run()) {
      out().println();
      out()
          .printf(
              "%s (wave %d, attempt %d, agent %s)%n",
              item.lane(), item.wave(), item.attempt(), item.agent());
      out().printf("  worktree: %s%n", item.worktree());
      out().printf("  branch:   %s%n", item.branch());
      out().printf("  scope:    %s%n", ScopeText.of(item.scope()));
      out().printf("  prompt:   %s%n", item.promptFile());
      out().printf("  command:  %s%n", item.command());
    }
    if (!selection.waiting().isEmpty()) {
      out().println();
      selection.waiting().forEach(w -> out().println("waiting: " + w));
    }
  }
}
