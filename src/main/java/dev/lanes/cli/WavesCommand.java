package dev.lanes.cli;

import dev.lanes.analysis.Conflict;
import dev.lanes.analysis.LaneWave;
import dev.lanes.analysis.WaveAnalysis;
import dev.lanes.analysis.WavePlan;
import dev.lanes.analysis.Workspace;
import dev.lanes.plan.LaneId;
import dev.lanes.scope.Glob;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    Map<Conflict, Set<LaneId>> members = new IdentityHashMap<>();
    for (LaneWave lane : plan.lanes()) {
      String conflicts =
          lane.conflicts().isEmpty()
              ? "-"
              : lane.conflicts().stream()
                  .map(c -> conflictText(lane.id(), c, members))
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

  /**
   * One conflict as the table shows it: at most three lanes by name, then how many more, so that a
   * lane in a group of 10,000 with one scope gets a line, not a page.
   */
  private static String conflictText(LaneId self, Conflict c, Map<Conflict, Set<LaneId>> members) {
    int count =
        c.with().size()
            - (members.computeIfAbsent(c, k -> new HashSet<>(k.with())).contains(self) ? 1 : 0);
    List<String> named = new ArrayList<>();
    for (LaneId id : c.with()) {
      if (named.size() == 3) {
        break;
      }
      if (!id.equals(self)) {
        named.add(id.value());
      }
    }
    String more = count > named.size() ? " and " + (count - named.size()) + " more" : "";
    return String.join(", ", named) + more + " (" + c.reason() + ")";
  }

  static Map<String, Object> toJson(WavePlan plan) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put(
        "waves", plan.waves().stream().map(w -> w.stream().map(LaneId::value).toList()).toList());
    Map<LaneId, Integer> position = new HashMap<>();
    for (int i = 0; i < plan.lanes().size(); i++) {
      position.put(plan.lanes().get(i).id(), i);
    }
    // Each lane's entry is built as it is printed: with many lanes in conflict the lists are long,
    // and only one lane's are held at a time.
    result.put(
        "lanes",
        new AbstractList<Map<String, Object>>() {
          @Override
          public Map<String, Object> get(int i) {
            return laneJson(plan, i, position);
          }

          @Override
          public int size() {
            return plan.lanes().size();
          }
        });
    result.put("hotspots", plan.hotspots());
    result.put("optimal", plan.optimal());
    return result;
  }

  private static Map<String, Object> laneJson(
      WavePlan plan, int index, Map<LaneId, Integer> position) {
    LaneWave lane = plan.lanes().get(index);
    BitSet with = new BitSet();
    for (Conflict c : lane.conflicts()) {
      for (LaneId id : c.with()) {
        with.set(position.get(id));
      }
    }
    with.clear(index);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", lane.id().value());
    m.put("scope", lane.scope().include().stream().map(Glob::text).toList());
    m.put("outOfScope", lane.scope().exclude().stream().map(Glob::text).toList());
    m.put("wave", lane.wave());
    m.put("dependsOn", lane.dependsOn().stream().map(LaneId::value).toList());
    m.put("conflictsWith", with.stream().mapToObj(i -> plan.lanes().get(i).id().value()).toList());
    m.put("conflicts", lane.conflicts().stream().map(c -> conflictJson(lane.id(), c)).toList());
    m.put("hotspot", lane.hotspot());
    m.put("trackedFiles", lane.trackedFiles());
    return m;
  }

  private static Map<String, Object> conflictJson(LaneId self, Conflict c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lanes", c.others(self).stream().map(LaneId::value).toList());
    m.put("reason", c.reason());
    m.put("sharedTrackedFiles", c.sharedTrackedFiles());
    return m;
  }
}
