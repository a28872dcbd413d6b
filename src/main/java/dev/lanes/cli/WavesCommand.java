package dev.lanes.cli;

import dev.lanes.analysis.Conflict;
import dev.lanes.analysis.LaneWave;
import dev.lanes.analysis.WaveAnalysis;
import dev.lanes.analysis.WavePlan;
import dev.lanes.analysis.Workspace;
import dev.lanes.plan.LaneId;
import dev.lanes.scope.Glob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanes waves}: effective scopes, overlaps, hotspots and the waves. Reads only. */
@Command(
    name = "waves",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    header = "Show effective scopes, overlaps, hotspots and the waves.",
    description = {
      "Show each lane's effective scope, the lanes it overlaps (on tracked files and on the",
      "globs themselves, for files that do not exist yet), the hotspots and the waves.",
      "Lanes of one wave never overlap; a lane comes after every lane it depends on. Writes nothing."
    },
    footer = {
      "",
      "Exit codes: 0 shown, 2 a problem in PLAN.md or AGENTS.md.",
      "Examples:",
      "  lanes waves",
      "  lanes waves --json | jq '.waves'"
    })
public final class WavesCommand extends RepoCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print {\"waves\", \"lanes\", \"hotspots\"} as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Loaded loaded = load();
    Workspace workspace = loaded.workspace().requireValidInput();
    WavePlan plan =
        WaveAnalysis.analyze(
            workspace.requirePlan(), workspace.policyOrEmpty(), loaded.trackedFiles());
    if (json) {
      JsonOutput.print(out(), toJson(plan));
    } else {
      printTable(plan);
    }
    return 0;
  }

  private void printTable(WavePlan plan) {
    if (plan.lanes().isEmpty()) {
      out().println("PLAN.md has no lanes yet: add `### L-001: <objective>` under `## Lanes`.");
      return;
    }
    TextTable table =
        new TextTable("lane", "wave", "effective scope", "files", "conflicts", "hotspot");
    for (LaneWave lane : plan.lanes()) {
      String conflicts =
          lane.conflicts().isEmpty()
              ? "-"
              : lane.conflicts().stream()
                  .map(c -> c.other() + " (" + c.reason() + ")")
                  .collect(Collectors.joining("; "));
      table.row(
          lane.id().value(),
          Integer.toString(lane.wave()),
          ScopeText.of(lane.scope()),
          Integer.toString(lane.trackedFiles()),
          conflicts,
          lane.hotspot() ? "yes" : "-");
    }
    table.print(out());
    out().println();
    for (int w = 0; w < plan.waves().size(); w++) {
      out()
          .printf(
              "wave %d: %s%n",
              w + 1,
              plan.waves().get(w).stream().map(LaneId::value).collect(Collectors.joining(", ")));
    }
    out()
        .printf(
            "%d %s for %d %s%s.%n",
            plan.waves().size(),
            plan.waves().size() == 1 ? "wave" : "waves",
            plan.lanes().size(),
            plan.lanes().size() == 1 ? "lane" : "lanes",
            plan.optimal() ? " (the fewest possible)" : " (heuristic; may not be the fewest)");
    if (!plan.hotspots().isEmpty()) {
      out().println("hotspots: " + String.join(", ", plan.hotspots()));
    }
  }

  static Map<String, Object> toJson(WavePlan plan) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put(
        "waves", plan.waves().stream().map(w -> w.stream().map(LaneId::value).toList()).toList());
    result.put("lanes", plan.lanes().stream().map(WavesCommand::laneJson).toList());
    result.put("hotspots", plan.hotspots());
    result.put("optimal", plan.optimal());
    return result;
  }

  private static Map<String, Object> laneJson(LaneWave lane) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", lane.id().value());
    m.put("scope", lane.scope().include().stream().map(Glob::text).toList());
    m.put("outOfScope", lane.scope().exclude().stream().map(Glob::text).toList());
    m.put("wave", lane.wave());
    m.put("dependsOn", lane.dependsOn().stream().map(LaneId::value).toList());
    m.put("conflictsWith", lane.conflicts().stream().map(c -> c.other().value()).toList());
    m.put("conflicts", lane.conflicts().stream().map(WavesCommand::conflictJson).toList());
    m.put("hotspot", lane.hotspot());
    m.put("trackedFiles", lane.trackedFiles());
    return m;
  }

  private static Map<String, Object> conflictJson(Conflict c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lane", c.other().value());
    m.put("reason", c.reason());
    m.put("sharedTrackedFiles", c.sharedTrackedFiles());
    return m;
  }
}
