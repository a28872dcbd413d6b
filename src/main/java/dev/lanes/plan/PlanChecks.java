package dev.lanes.plan;

import dev.lanes.error.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a read plan as a whole: unique lane ids, a scope for every lane, dependencies that name
 * known lanes and no dependency cycle.
 *
 * <p>Cycles are found as the strongly connected components (Tarjan) of the depends-on graph; each
 * component of two or more lanes is reported once, at the heading of its first lane in file order,
 * with one concrete cycle through it.
 */
public final class PlanChecks {
  private PlanChecks() {}

  public static List<Problem> check(Plan plan) {
    List<Problem> problems = new ArrayList<>();
    Map<LaneId, Lane> first = new LinkedHashMap<>();
    for (Lane lane : plan.lanes()) {
      Lane earlier = first.putIfAbsent(lane.id(), lane);
      if (earlier != null) {
        problems.add(
            problem(
                lane.position(),
                "lane "
                    + lane.id()
                    + " is defined twice (first at line "
                    + earlier.position().line()
                    + "); give each lane its own id"));
      }
    }
    Map<LaneId, List<LaneId>> edges = new LinkedHashMap<>();
    for (Lane lane : first.values()) {
      edges.put(lane.id(), new ArrayList<>());
    }
    for (Lane lane : plan.lanes()) {
      if (lane.scope().isEmpty()) {
        problems.add(
            problem(
                lane.position(), "lane " + lane.id() + " has no scope: add `- scope: <globs>`"));
      }
      boolean isFirst = first.get(lane.id()) == lane;
      for (Located<String> dep : lane.dependsOn()) {
        Optional<LaneId> target =
            LaneId.isValid(dep.value()) ? Optional.of(new LaneId(dep.value())) : Optional.empty();
        if (target.isEmpty() || !first.containsKey(target.get())) {
          problems.add(
              problem(
                  dep.position(), "lane " + lane.id() + " depends on unknown lane " + dep.value()));
        } else if (target.get().equals(lane.id())) {
          problems.add(problem(dep.position(), "lane " + lane.id() + " depends on itself"));
        } else if (isFirst && !edges.get(lane.id()).contains(target.get())) {
          edges.get(lane.id()).add(target.get());
        }
      }
    }
    for (List<LaneId> component : new Components(edges).strong()) {
      if (component.size() > 1) {
        LaneId start = component.get(0);
        List<LaneId> cycle = cycleThrough(start, edges, component);
        StringBuilder path = new StringBuilder();
        for (LaneId id : cycle) {
          path.append(id).append(" -> ");
        }
        path.append(start);
        problems.add(
            problem(
                first.get(start).position(),
                "dependency cycle: " + path + "; remove one of these depends-on"));
      }
    }
    problems.sort(null);
    return List.copyOf(problems);
  }

  /** A shortest path from {@code start} back to it inside the component (breadth first). */
  private static List<LaneId> cycleThrough(
      LaneId start, Map<LaneId, List<LaneId>> edges, List<LaneId> component) {
    Map<LaneId, LaneId> parent = new HashMap<>();
    Deque<LaneId> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      LaneId at = queue.poll();
      for (LaneId next : edges.get(at)) {
        if (!component.contains(next)) {
          continue;
        }
        if (next.equals(start)) {
          List<LaneId> path = new ArrayList<>();
          for (LaneId p = at; p != null; p = parent.get(p)) {
            path.add(0, p);
          }
          return path;
        }
        if (!parent.containsKey(next)) {
          parent.put(next, at);
          queue.add(next);
        }
      }
    }
    return List.of(start);
  }

  private static Problem problem(Position at, String message) {
    return new Problem(Plan.FILE, at.line(), at.column(), message);
  }

  /** Tarjan's strongly connected components, each listed in the graph's insertion order. */
  private static final class Components {
    private final Map<LaneId, List<LaneId>> edges;
    private final Map<LaneId, Integer> index = new HashMap<>();
    private final Map<LaneId, Integer> low = new HashMap<>();
    private final Deque<LaneId> stack = new ArrayDeque<>();
    private final List<List<LaneId>> found = new ArrayList<>();
    private final List<LaneId> order;

    Components(Map<LaneId, List<LaneId>> edges) {
      this.edges = edges;
      this.order = new ArrayList<>(edges.keySet());
    }

    List<List<LaneId>> strong() {
      for (LaneId id : order) {
        if (!index.containsKey(id)) {
          visit(id);
        }
      }
      return found;
    }

    private void visit(LaneId v) {
      index.put(v, index.size());
      low.put(v, index.get(v));
      stack.push(v);
      for (LaneId w : edges.get(v)) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (stack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        List<LaneId> component = new ArrayList<>();
        LaneId w;
        do {
          w = stack.pop();
          component.add(w);
        } while (!w.equals(v));
        component.sort((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
        found.add(component);
      }
    }
  }
}
