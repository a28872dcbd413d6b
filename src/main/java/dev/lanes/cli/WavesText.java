package dev.lanes.cli;

import dev.lanes.analysis.Conflict;
import dev.lanes.analysis.LaneWave;
import dev.lanes.analysis.WavePlan;
import dev.lanes.plan.LaneId;
import java.io.PrintWriter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code lanes waves} as text: the lanes' table, then the waves and the hotspots. */
final class WavesText {
  private WavesText() {}

  static void print(PrintWriter out, WavePlan plan) {
    if (plan.lanes().isEmpty()) {
      out.println("PLAN.md has no lanes yet: add `### L-001: <objective>` under `## Lanes`.");
      return;
    }
    TextTable table =
        new TextTable("lane", "wave", "effective scope", "files", "conflicts", "hotspot");
    // The lanes of a group share one conflict: its members are looked up in one set, built once,
    // so 10,000 lanes with one scope cost 10,000 lookups, not 10,000 scans of 10,000 lanes.
    Map<Conflict, Set<LaneId>> members = new IdentityHashMap<>();
    for (LaneWave lane : plan.lanes()) {
      List<String> conflicts =
          lane.conflicts().stream()
              .map(c -> text(lane.id(), c, members.computeIfAbsent(c, k -> Set.copyOf(k.with()))))
              .toList();
      table.row(
          lane.id().value(),
          Integer.toString(lane.wave()),
          ScopeText.of(lane.scope()),
          Integer.toString(lane.trackedFiles()),
          conflicts.isEmpty() ? "-" : String.join("; ", conflicts),
          lane.hotspot() ? "yes" : "-");
    }
    table.print(out);
    out.println();
    for (int w = 0; w < plan.waves().size(); w++) {
      out.printf(
          "wave %d: %s%n",
          w + 1, plan.waves().get(w).stream().map(LaneId::value).collect(Collectors.joining(", ")));
    }
    out.printf(
        "%s for %s%s.%n",
        Counted.of(plan.waves().size(), "wave"),
        Counted.of(plan.lanes().size(), "lane"),
        plan.optimal() ? " (the fewest possible)" : " (heuristic; may not be the fewest)");
    if (!plan.hotspots().isEmpty()) {
      out.println("hotspots: " + String.join(", ", plan.hotspots()));
    }
  }

  /** One conflict: at most three lanes by name, then how many more (a group may be thousands). */
  private static String text(LaneId self, Conflict c, Set<LaneId> members) {
    int count = c.with().size() - (members.contains(self) ? 1 : 0);
    List<String> named =
        c.with().stream().filter(id -> !id.equals(self)).limit(3).map(LaneId::value).toList();
    String more = count > named.size() ? " and " + (count - named.size()) + " more" : "";
    return String.join(", ", named) + more + " (" + c.reason() + ")";
  }
}
