package dev.lanes.gates;

import dev.lanes.policy.Gate;
import dev.lanes.policy.GateStage;
import dev.lanes.port.ProcessOutcome;
import dev.lanes.port.ProcessRunner;
import dev.lanes.port.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the gate ladder of one stage: the gates whose {@code when} holds the stage, in ascending
 * number, each through {@code sh -c} in the checked folder, stopping at the first that fails or
 * times out.
 *
 * <p>A gate whose command uses a placeholder with no value (no touched file is in a build module,
 * say) is skipped and recorded as skipped, and the ladder goes on. Gates after a failure are not
 * run and do not appear in the result, so the result lists exactly what happened. Gate {@code N}
 * writes its output to {@code <logDir>/<stage>-gate-<N>.log}, for example {@code patch-gate-2.log}.
 *
 * <p>A gate that fails is run again, up to {@code retries} times (the policy's {@code retries:}):
 * one that then passes is flaky, not red, and the result says so. With a tree id, a gate whose
 * command already passed or failed on that tree in this run is not run again and its stored
 * outcome, earlier log path included, is reused; a timeout is never stored, because it says more
 * about the machine's load than about the tree, and a retry always runs.
 */
public final class GateLadder {
  private final ProcessRunner runner;
  private final int retries;
  private final MemoryGateCache cache;

  /** A ladder that retries a failed gate up to {@code retries} times (none with 0). */
  public GateLadder(ProcessRunner runner, int retries) {
    this(runner, retries, new MemoryGateCache());
  }

  /** As {@link #GateLadder(ProcessRunner, int)}, consulting and filling {@code cache} by tree. */
  public GateLadder(ProcessRunner runner, int retries, MemoryGateCache cache) {
    this.runner = runner;
    this.retries = retries;
    this.cache = cache;
  }

  /**
   * Runs the gates of {@code stage} in {@code dir} with exactly the environment {@code env},
   * filling placeholders from {@code ctx} and writing logs under {@code logDir}.
   */
  public LadderResult run(
      List<Gate> gates,
      GateStage stage,
      Path dir,
      Map<String, String> env,
      GateContext ctx,
      Path logDir) {
    return run(gates, stage, dir, env, ctx, logDir, Optional.empty());
  }

  /**
   * Like {@link #run(List, GateStage, Path, Map, GateContext, Path)} on the tree {@code treeId}
   * (the git tree of {@code dir}'s content), reusing and storing outcomes in the cache.
   */
  public LadderResult run(
      List<Gate> gates,
      GateStage stage,
      Path dir,
      Map<String, String> env,
      GateContext ctx,
      Path logDir,
      String treeId) {
    return run(gates, stage, dir, env, ctx, logDir, Optional.of(treeId));
  }

  private LadderResult run(
      List<Gate> gates,
      GateStage stage,
      Path dir,
      Map<String, String> env,
      GateContext ctx,
      Path logDir,
      Optional<String> treeId) {
    List<Gate> ladder =
        gates.stream()
            .filter(g -> g.runsAt(stage))
            .sorted(Comparator.comparingInt(Gate::number))
            .toList();
    List<GateOutcome> outcomes = new ArrayList<>();
    List<String> flaky = new ArrayList<>();
    for (Gate gate : ladder) {
      Path log = logDir.resolve(stage.word() + "-gate-" + gate.number() + ".log");
      Optional<String> command = Placeholders.render(gate.command(), ctx, dir);
      if (command.isEmpty()) {
        outcomes.add(GateOutcome.skipped(gate, log));
        continue;
      }
      Optional<GateOutcome> cached = treeId.flatMap(tree -> cache.find(tree, gate, command.get()));
      GateOutcome outcome = cached.orElseGet(() -> runOne(gate, command.get(), dir, env, log));
      for (int retry = 1; retry <= retries && outcome.status().isFailure(); retry++) {
        GateOutcome again = runOne(gate, command.get(), dir, env, log);
        if (!again.status().isFailure()) {
          flaky.add(flaky(outcome, retry, treeId));
        }
        outcome = again;
      }
      if (treeId.isPresent() && outcome.status() != GateStatus.TIMED_OUT) {
        cache.put(treeId.get(), outcome);
      }
      outcomes.add(outcome);
      if (outcome.status().isFailure()) {
        break;
      }
    }
    return new LadderResult(stage, outcomes, flaky);
  }

  private static String flaky(GateOutcome failed, int retry, Optional<String> treeId) {
    String tree = treeId.map(t -> " " + t.substring(0, Math.min(10, t.length()))).orElse("");
    return "gate %d (%s) %s, then passed on retry %d of the unchanged tree%s: flaky, not blamed"
        .formatted(failed.gate().number(), failed.gate().name(), failed.failure(), retry, tree);
  }

  private GateOutcome runOne(
      Gate gate, String command, Path dir, Map<String, String> env, Path log) {
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the gate log folder " + log.getParent(), e);
    }
    ProcessSpec spec =
        new ProcessSpec(command, dir, Map.copyOf(env), Optional.of(gate.timeout()), log);
    ProcessOutcome p = runner.run(spec, line -> {});
    GateStatus status =
        p.timedOut()
            ? GateStatus.TIMED_OUT
            : p.exitCode() == 0 ? GateStatus.PASSED : GateStatus.FAILED;
    return new GateOutcome(gate, status, command, p.exitCode(), p.elapsed(), p.outputTail(), log);
  }
}
