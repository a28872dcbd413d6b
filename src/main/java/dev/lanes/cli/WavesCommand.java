package dev.lanes.cli;

import dev.lanes.analysis.WaveAnalysis;
import dev.lanes.analysis.WavePlan;
import dev.lanes.analysis.Workspace;
import dev.lanes.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lanes waves}: effective scopes, overlaps, hotspots and the waves. Reads only. */
@Command(
    name = "waves",
    header = "Show effective scopes, overlaps, hotspots and the waves.",
    description = {
      "Show each lane's effective scope, the lanes it overlaps (on tracked files and on the",
      "globs themselves, for files that do not exist yet), the hotspots and the waves.",
      "Lanes of one wave never overlap; a lane comes after every lane it depends on. Writes nothing.",
      "--json prints {\"waves\", \"lanes\", \"hotspots\"}."
    },
    footer = {
      "",
      "Exit codes: 0 shown, 2 a problem in PLAN.md or AGENTS.md.",
      "Examples:",
      "  lanes waves",
      "  lanes waves --json | jq '.waves'"
    })
public final class WavesCommand extends RepoCommand {
  @Mixin JsonOption json;

  @Override
  public Integer call() {
    Loaded loaded = load();
    Workspace workspace = loaded.workspace().requireValidInput();
    WavePlan plan =
        WaveAnalysis.analyze(
            workspace.requirePlan(), workspace.policyOrEmpty(), loaded.trackedFiles());
    if (json.json) {
      json.print(out(), WavesJson.of(plan));
    } else {
      WavesText.print(out(), plan);
    }
    return ExitCode.OK.code();
  }
}
