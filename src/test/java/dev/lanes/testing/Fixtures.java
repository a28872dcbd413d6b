package dev.lanes.testing;

/** Texts of a small valid managed repository, for scenario tests. */
public final class Fixtures {
  private Fixtures() {}

  public static final String AGENTS =
      """
      # Agents

      ## Worklog
      PLAN.md and ledger/ are written by lanes only.

      ## Locks
      One lock per dispatched lane.
      - ttl: 30m
      - heartbeat: 1m

      ## Integration
      Only the integrator lands work.
      - target: main

      ## Approvals
      Ask before destructive commands.
      - pre-approved: git status

      ## Gates
      | gate | name | command | when | timeout |
      |---|---|---|---|---|
      | 1 | unit | `true` | lane, patch | 5m |
      | 2 | full | `true` | wave | 30m |

      ## Workers
      Run the tests of what you touch.

      ## Agents
      | agent | command |
      |---|---|
      | script | `sh ./agent.sh {lane} {prompt_file}` |
      | claude | `claude -p --permission-mode acceptEdits "$(cat {prompt_file})"` |
      """;

  /** AGENTS.md with the given level-2 heading (and its text) left out. */
  public static String agentsWithout(String... headings) {
    StringBuilder out = new StringBuilder();
    boolean skipping = false;
    for (String line : AGENTS.split("\n", -1)) {
      if (line.startsWith("## ")) {
        skipping = java.util.List.of(headings).contains(line.substring(3).trim());
      }
      if (!skipping) {
        out.append(line).append('\n');
      }
    }
    return out.toString().stripTrailing() + "\n";
  }

  public static final String TABLES =
      """

      ## Locks

      | lock_id | owner | scope | objective | start | heartbeat | expires |
      |---|---|---|---|---|---|---|

      ## Board

      | lane | status | wave | attempt | checkpoint | updated | note |
      |---|---|---|---|---|---|---|
      """;

  /** PLAN.md with the given lane sections and empty Locks and Board tables. */
  public static String plan(String lanes) {
    return "# Plan\n\n## Lanes\n\n" + lanes + TABLES;
  }

  /** A lane section in the contract's form. */
  public static String lane(String id, String scope, String extra) {
    return "### "
        + id
        + ": work on "
        + id
        + "\n- scope: "
        + scope
        + "\n"
        + extra
        + "- acceptance:\n  - [ ] it works\n\nContext for "
        + id
        + ".\n\n";
  }
}
