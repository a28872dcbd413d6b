package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.dispatch.DispatchService;
import dev.lanes.dispatch.LaneResult;
import dev.lanes.error.BadInputException;
import dev.lanes.plan.LaneId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanes resume}: runs a blocked or failed lane again, where it stopped. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
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
public final class ResumeCommand extends RepoCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LANE", description = "The lane.")
  String lane;

  @Option(names = "--agent", paramLabel = "NAME", description = "Use this agent.")
  String agent;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "End the worker after this long.")
  String timeout;

  @Override
  public Integer call() {
    Optional<Duration> limit = durationOption("--timeout", timeout);
    if (!LaneId.isValid(lane)) {
      throw BadInputException.usage("no lane `" + lane + "` in PLAN.md");
    }
    Workspace workspace = load().workspace().requireReadyToDispatch();
    LiveLines lines = new LiveLines(out(), LiveLines.terminal(), Clock.systemUTC());
    LaneResult result =
        new DispatchService(
                DispatchWiring.context(workspace.root(), workspace.policyOrEmpty()), lines)
            .resume(
                new LaneId(lane),
                Optional.ofNullable(agent),
                limit.or(() -> workspace.policyOrEmpty().duration("timeout")));
    lines.finish();
    return ResultText.print(out(), List.of(result));
  }
}
