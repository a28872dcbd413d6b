package dev.lanes.cli;

import dev.lanes.dispatch.DispatchContext;
import dev.lanes.gates.FileGateCache;
import dev.lanes.gates.GateLadder;
import dev.lanes.git.GitCli;
import dev.lanes.git.PatchCapture;
import dev.lanes.git.Worktrees;
import dev.lanes.policy.Policy;
import dev.lanes.process.ProcMachineLoad;
import dev.lanes.process.ShellProcessRunner;
import dev.lanes.store.PlanStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;

/** Builds the dispatch use case from the real adapters: git, processes, files, the clock. */
final class DispatchWiring {
  private DispatchWiring() {}

  static DispatchContext context(Path root, Policy policy) {
    GitCli git = GitCli.system();
    Clock clock = Clock.systemUTC();
    ShellProcessRunner runner = new ShellProcessRunner();
    return new DispatchContext(
        root,
        policy,
        new PlanStore(root, clock),
        git,
        new Worktrees(git),
        new PatchCapture(git),
        runner,
        new GateLadder(runner, new FileGateCache(root.resolve(".lanes/state/gate-cache.txt"))),
        new ProcMachineLoad(),
        clock,
        System.getenv(),
        owner());
  }

  /** {@code pid@host}, as the Locks table's owner column shows it. */
  static String owner() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return ProcessHandle.current().pid() + "@" + host;
  }
}
