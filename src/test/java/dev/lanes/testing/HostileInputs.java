package dev.lanes.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile-shaped PLAN.md and AGENTS.md texts (issue 10, finding 5), each with what lanes must
 * answer: exit 0 for a valid one, exit 2 at a file:line:col for a bad one. Shared by {@code
 * HostileInputTest} (the answers) and {@code HostileInputBench} (the times through the jar).
 */
public final class HostileInputs {
  private HostileInputs() {}

  /**
   * One input.
   *
   * @param where the {@code FILE:LINE:COL:} a bad input's first problem starts with; empty when the
   *     input is valid (exit 0)
   */
  public record Input(String name, String plan, String agents, String where) {
    public boolean valid() {
      return where.isEmpty();
    }

    public int exitCode() {
      return valid() ? 0 : 2;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Line 5 column 5 is where the id of the first lane's heading starts in {@link #plan}. */
  private static final String FIRST_ID = "PLAN.md:5:5:";

  public static List<Input> all() {
    List<Input> all = new ArrayList<>();
    all.add(badId("id-dot-dot", "a..b"));
    all.add(badId("id-dot-lock", "a.lock"));
    all.add(badId("id-trailing-dot", "a."));
    all.add(badId("id-300-characters", "L" + "x".repeat(299)));
    String markers = Fixtures.lane("L-1", "src/a/**", "") + "- ".repeat(3000) + "x\n\n";
    all.add(
        new Input(
            "3000-list-markers-in-a-line",
            Fixtures.plan(markers),
            Fixtures.AGENTS,
            "PLAN.md:" + lineAfterFirstLane() + ":201:"));
    String dashes = Fixtures.lane("L-1", "src/a/**", "") + "-".repeat(3000) + "x\n\n";
    all.add(new Input("3000-dashes-in-a-line", Fixtures.plan(dashes), Fixtures.AGENTS, ""));
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      many.append(Fixtures.lane("L-" + i, "src/**", ""));
    }
    all.add(
        new Input("10000-lanes-one-scope", Fixtures.plan(many.toString()), Fixtures.AGENTS, ""));
    all.add(nested("list-nested-1000-deep", 1000));
    all.add(nested("list-nested-3000-deep", 3000));
    StringBuilder globs = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      List<String> scope = new ArrayList<>();
      for (int j = 0; j < 20; j++) {
        scope.add("`**/x" + i + "*y" + j + "*z*`");
      }
      globs.append(Fixtures.lane("L-" + i, String.join(", ", scope), ""));
    }
    all.add(
        new Input("100-lanes-20-star-globs", Fixtures.plan(globs.toString()), Fixtures.AGENTS, ""));
    String secondGates =
        Fixtures.AGENTS
            + "\n## Gates\n| gate | name | command | when | timeout |\n|---|---|---|---|---|\n"
            + "| 3 | extra | `false` | lane, patch | 5m |\n";
    all.add(
        new Input(
            "second-gates-heading",
            plan(),
            secondGates,
            "AGENTS.md:" + lineOf(secondGates, "## Gates", 2) + ":1:"));
    String target = Fixtures.AGENTS.replace("- target: main", "- target: ../../etc; rm -rf /");
    all.add(
        new Input(
            "target-not-a-branch",
            plan(),
            target,
            "AGENTS.md:" + lineOf(target, "- target:", 1) + ":1:"));
    String deepPolicy = Fixtures.AGENTS + "\n## Notes\n" + indentedList(3000);
    all.add(
        new Input(
            "agents-list-nested-3000-deep",
            plan(),
            deepPolicy,
            "AGENTS.md:" + (lineOf(deepPolicy, "## Notes", 1) + 101) + ":201:"));
    return all;
  }

  private static String plan() {
    return Fixtures.plan(Fixtures.lane("L-1", "src/a/**", ""));
  }

  private static Input badId(String name, String id) {
    return new Input(
        name, Fixtures.plan(Fixtures.lane(id, "src/a/**", "")), Fixtures.AGENTS, FIRST_ID);
  }

  private static Input nested(String name, int depth) {
    String text = Fixtures.plan(Fixtures.lane("L-1", "src/a/**", "") + indentedList(depth) + "\n");
    // Level 101 is the 101st item, indented by 200 spaces.
    return new Input(
        name, text, Fixtures.AGENTS, "PLAN.md:" + (lineAfterFirstLane() + 100) + ":201:");
  }

  private static String indentedList(int depth) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < depth; k++) {
      s.append("  ".repeat(k)).append("- item\n");
    }
    return s.toString();
  }

  /** The line right after the first lane of {@code Fixtures.plan(Fixtures.lane(...) + more)}. */
  private static int lineAfterFirstLane() {
    return lineOf(Fixtures.plan(Fixtures.lane("L-1", "src/a/**", "") + "@@\n"), "@@", 1);
  }

  private static int lineOf(String text, String start, int occurrence) {
    String[] lines = text.split("\n", -1);
    int seen = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(start) && ++seen == occurrence) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no line " + start);
  }
}
