package dev.lanes.cli;

import dev.lanes.dispatch.DispatchContext;
import dev.lanes.gates.GateLadder;
import dev.lanes.git.GitCli;
import dev.lanes.git.PatchCapture;
import dev.lanes.git.Worktrees;
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
        new GateLadder(runner, policy.retries()),
        new ProcMachineLoad(),
        clock,
        System.getenv(),
        owner());
  }

  /** {@code pid@host}, as the Locks table's owner column shows it. */
  static String owner() {
    return ProcessHandle.current().pid() + "@" + hostName();
  }

  /**
   * The machine's name. On Linux read from the kernel, as {@code hostname} prints it: {@code
   * InetAddress.getLocalHost()} also resolves the name to an address, which costs a cold start ~10
   * ms and a machine whose name does not resolve seconds.
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
