package dev.lanes.dispatch;

import dev.lanes.gates.GateLadder;
import dev.lanes.git.GitCli;
import dev.lanes.git.PatchCapture;
import dev.lanes.git.Worktrees;
import dev.lanes.policy.Policy;
import dev.lanes.port.MachineLoad;
import dev.lanes.port.ProcessRunner;
import dev.lanes.store.PlanStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a dispatch works with: the repository, its policy, the single-writer store, and the adapters
 * for git, processes and machine load.
 *
 * @param callerEnvironment the environment lanes was started with; workers get it less what the
 *     policy strips
 * @param owner how this lanes process names itself in the Locks table, {@code pid@host}
 */
public record DispatchContext(
    Path root,
    Policy policy,
    PlanStore store,
    GitCli git,
    Worktrees worktrees,
    PatchCapture capture,
    ProcessRunner runner,
    GateLadder ladder,
    MachineLoad load,
    Clock clock,
    Map<String, String> callerEnvironment,
    String owner) {

  public Path runDir(String lane) {
    return root.resolve(".lanes").resolve("run").resolve(lane);
  }
}
