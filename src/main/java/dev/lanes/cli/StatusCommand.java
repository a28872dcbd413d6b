package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lanes status}: the Board, the locks with heartbeat ages, the running workers. */
@Command(
    name = "status",
    header = "Show the Board, the locks and the running workers.",
    description = {
      "Show the Board, the locks with their heartbeat age and staleness, and the running workers.",
      "A lane shown running or dispatched whose lanes process is gone was interrupted: `lanes resume` it.",
      "--json prints {\"lanes\", \"locks\"}."
    },
    footer = {"", "Examples:", "  lanes status", "  lanes status --json", "  lanes status --watch"})
public final class StatusCommand extends RepoCommand {
  @Mixin JsonOption json;

  @Option(names = "--watch", description = "Redraw every 2 seconds until interrupted.")
  boolean watch;

  @Override
  public Integer call() {
    do {
      Workspace workspace = workspace();
      StatusView view =
          StatusView.of(workspace.root(), workspace.requirePlan(), wiring.clock.instant());
      if (json.json) {
        json.print(out(), view);
      } else {
        if (watch) {
          out().print("\033[H\033[2J");
        }
        view.print(out());
      }
      out().flush();
      if (watch) {
        try {
          Thread.sleep(2000);
        } catch (InterruptedException stop) {
          // Interrupted is how a watch ends: a normal end, not an error.
          Thread.currentThread().interrupt();
          return ExitCode.OK.code();
        }
      }
    } while (watch);
    return ExitCode.OK.code();
  }
}
