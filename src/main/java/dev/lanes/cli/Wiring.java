package dev.lanes.cli;

import dev.lanes.dispatch.DispatchContext;
import dev.lanes.dispatch.LaneActions;
import dev.lanes.gates.GateLadder;
import dev.lanes.gates.MemoryGateCache;
import dev.lanes.git.CliCall;
import dev.lanes.git.GitCli;
import dev.lanes.git.PatchCapture;
import dev.lanes.git.SharedState;
import dev.lanes.git.StagingWorktree;
import dev.lanes.git.Worktrees;
import dev.lanes.integrate.IntegrateContext;
import dev.lanes.policy.Policy;
import dev.lanes.process.ProcMachineLoad;
import dev.lanes.process.ShellProcessRunner;
import dev.lanes.store.PlanStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The composition root: the one place that picks the real adapters (the git executable, shell
 * processes, PLAN.md's store, the system clock) and wires them into the use cases commands run.
 */
final class Wiring {
  final GitCli git;
  final Worktrees worktrees;
  final Clock clock = Clock.systemUTC();
  private final ShellProcessRunner runner = new ShellProcessRunner();

  /** The real adapters; every git call is reported to {@code gitCalls}. */
  Wiring(Consumer<CliCall> gitCalls) {
    this.git = new GitCli(gitCalls);
    this.worktrees = new Worktrees(git);
  }

  DispatchContext dispatch(Path root, Policy policy) {
    return new DispatchContext(
        root,
        policy,
        new PlanStore(root, clock),
        worktrees,
        new PatchCapture(git),
        new SharedState(git, root),
        runner,
        new GateLadder(runner, policy.retries()),
        new ProcMachineLoad(),
        clock,
        System.getenv(),
        owner());
  }

  IntegrateContext integrate(Path root, Policy policy, Consumer<String> progress) {
    return new IntegrateContext(
        root,
        policy,
        new PlanStore(root, clock),
        new StagingWorktree(root, git, worktrees),
        runner,
        new MemoryGateCache(),
        clock,
        System.getenv(),
        progress);
  }

  LaneActions laneActions(Path root) {
    return new LaneActions(root, new PlanStore(root, clock), clock);
  }

  /** {@code pid@host}, as the Locks table's owner column shows it. */
  static String owner() {
    return ProcessHandle.current().pid() + "@" + hostName();
  }

  /**
   * The machine's name as {@code hostname} prints it, read from the kernel on Linux: the resolver
   * may add a domain, or hang when the name does not resolve, and every owner written to the Locks
   * table must compare equal to the name a later liveness check reads.
   */
  static String hostName() {
    try {
      String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      if (!kernel.isEmpty()) {
        return kernel;
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: ask the resolver.
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
