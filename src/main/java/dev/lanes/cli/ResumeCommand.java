package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.dispatch.DispatchService;
import dev.lanes.dispatch.LaneResult;
import dev.lanes.plan.LaneId;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lanes resume}: runs a blocked or failed lane again, where it stopped. */
@Command(
    name = "resume",
    header = "Run a blocked or failed lane again where it stopped.",
    description = {
      "Run a blocked or failed lane again in the same worktree, with a prompt that adds its last",
      "checkpoint, the failure signature and any approval, so the worker does not start over.",
      "Also continues a lane left `running` by a lanes process that is gone."
    },
    footer = {
      "",
      "Example:",
      "  lanes approve L-003 --scope \"npm install\" && lanes resume L-003"
    })
public final class ResumeCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "LANE", description = "The lane.")
  String lane;

  @Mixin WorkerOptions worker;

  @Override
  public Integer call() {
    worker.timeout();
    if (!LaneId.isValid(lane)) {
      throw Remedies.noLane(lane);
    }
    Workspace workspace = load().workspace().requireReadyToDispatch();
    LiveLines lines = new LiveLines(out(), LiveLines.terminal(), wiring.clock);
    LaneResult result =
        new DispatchService(wiring.dispatch(workspace.root(), workspace.policyOrEmpty()), lines)
            .resume(new LaneId(lane), worker.agent(), worker.timeout(workspace.policyOrEmpty()));
    lines.finish();
    return ResultText.print(out(), List.of(result));
  }
}
