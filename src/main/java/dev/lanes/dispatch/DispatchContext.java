package dev.lanes.dispatch;

import dev.lanes.gates.GateLadder;
import dev.lanes.policy.Policy;
import dev.lanes.port.LaneCapture;
import dev.lanes.port.LaneWorktrees;
import dev.lanes.port.MachineLoad;
import dev.lanes.port.ProcessRunner;
import dev.lanes.port.SharedRepoState;
import dev.lanes.port.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a dispatch works with: the repository, its policy, and the ports: the single-writer store,
 * the lanes' worktrees, the capture of their work, the state every worktree shares, processes and
 * machine load.
 *
 * @param callerEnvironment the environment lanes was started with; workers get it less what the
 *     policy strips
 * @param owner how this lanes process names itself in the Locks table, {@code pid@host}
 */
public record DispatchContext(
    Path root,
    Policy policy,
    Store store,
    LaneWorktrees worktrees,
    LaneCapture capture,
    SharedRepoState<?> shared,
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
