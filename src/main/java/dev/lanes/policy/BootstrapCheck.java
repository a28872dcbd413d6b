package dev.lanes.policy;

import dev.lanes.error.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The check made before anything is dispatched: every required level-2 heading of AGENTS.md is
 * present and not empty, and the gates and agents tables have rows, so a worker can be run.
 */
public final class BootstrapCheck {
  public static final List<String> REQUIRED =
      List.of("Worklog", "Locks", "Integration", "Approvals", "Gates", "Workers", "Agents");

  // What each heading holds, from the contract's table, so the message says what to write.
  private static final Map<String, String> HOLDS =
      Map.of(
          "Worklog",
          "the execution ledger (PLAN.md and ledger/, single writer: lanes) and the decision"
              + " register(s)",
          "Locks",
          "the lock ownership rules (it may set `ttl: 30m`, `heartbeat: 1m`, `hotspots: <globs>`)",
          "Integration",
          "the integrator-only landing rules (it may set `target: <branch>`, `sandbox: none`,"
              + " `max-parallel: N`)",
          "Approvals",
          "the permission-failure escalation loop (it may list `pre-approved: <command prefixes>`)",
          "Gates",
          "the gate ladder table `| gate | name | command | when | timeout |`",
          "Workers",
          "the worker test scope, documentation-source policy, assignment contract and handoff"
              + " evidence",
          "Agents",
          "the agents table `| agent | command |`");

  private BootstrapCheck() {}

  /**
   * One problem per required heading that is missing or empty, in the order of {@link #REQUIRED},
   * then one if the gate ladder or the agents table has no rows.
   */
  public static List<Problem> check(Policy policy) {
    List<Problem> problems = new ArrayList<>();
    for (String heading : REQUIRED) {
      List<PolicySection> found = policy.sections().stream().filter(s -> s.is(heading)).toList();
      if (found.isEmpty()) {
        problems.add(
            new Problem(
                Policy.FILE,
                1,
                1,
                "AGENTS.md is missing the `## "
                    + heading
                    + "` heading: add it with "
                    + HOLDS.get(heading)));
      } else if (found.stream().allMatch(PolicySection::empty)) {
        PolicySection first = found.get(0);
        problems.add(at(first, "`## " + heading + "` is empty: write " + HOLDS.get(heading)));
      }
    }
    nonEmpty(policy, "Gates")
        .filter(s -> policy.gates().isEmpty())
        .ifPresent(
            s ->
                problems.add(
                    at(
                        s,
                        "`## Gates` has no gates table rows: add a table `| gate | name | command"
                            + " | when | timeout |` with at least one gate")));
    nonEmpty(policy, "Agents")
        .filter(s -> policy.agents().isEmpty())
        .ifPresent(
            s ->
                problems.add(
                    at(
                        s,
                        "`## Agents` has no agent rows: add a table `| agent | command |` with at"
                            + " least one agent, so that a worker can be run")));
    return List.copyOf(problems);
  }

  private static Optional<PolicySection> nonEmpty(Policy policy, String heading) {
    return policy.sections().stream().filter(s -> s.is(heading) && !s.empty()).findFirst();
  }

  private static Problem at(PolicySection section, String message) {
    return new Problem(
        Policy.FILE, section.position().line(), section.position().column(), message);
  }
}
