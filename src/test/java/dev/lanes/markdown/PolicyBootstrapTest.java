package dev.lanes.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.error.Problem;
import dev.lanes.policy.BootstrapCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyBootstrapTest {

  @Test
  void aFullAgentsMdPassesTheBootstrapCheck() {
    assertThat(BootstrapCheck.check(PolicyReader.read(PolicyReaderTest.FULL).policy())).isEmpty();
  }

  @Test
  void namesEachMissingHeadingAndTheEmptyOne() {
    String text =
        """
        # AGENTS.md

        ## worklog
        Ledger in PLAN.md.

        ## LOCKS
        <!-- todo -->

        ## Gates
        | gate | name | command | when | timeout |
        |---|---|---|---|---|
        | 1 | tests | `true` | lane | 1m |
        """;
    List<Problem> problems = BootstrapCheck.check(PolicyReader.read(text).policy());
    assertThat(problems)
        .extracting(Problem::toString)
        .containsExactly(
            "AGENTS.md:6:1: `## Locks` is empty: write the lock ownership rules (it may set"
                + " `ttl: 30m`, `heartbeat: 1m`, `hotspots: <globs>`)",
            "AGENTS.md:1:1: AGENTS.md is missing the `## Integration` heading: add it with the"
                + " integrator-only landing rules (it may set `target: <branch>`, `sandbox:"
                + " none`, `max-parallel: N`)",
            "AGENTS.md:1:1: AGENTS.md is missing the `## Approvals` heading: add it with the"
                + " permission-failure escalation loop (it may list `pre-approved: <command"
                + " prefixes>`)",
            "AGENTS.md:1:1: AGENTS.md is missing the `## Workers` heading: add it with the worker"
                + " test scope, documentation-source policy, assignment contract and handoff"
                + " evidence",
            "AGENTS.md:1:1: AGENTS.md is missing the `## Agents` heading: add it with the agents"
                + " table `| agent | command |`");
  }

  @Test
  void gatesAndAgentsNeedRowsSoThatAWorkerCanRun() {
    String text =
        PolicyReaderTest.FULL
            .replace("| 2 | package tests", "| x | package tests")
            .replace("| 1 | format", "| -1 | format")
            .replace("| 3 | full build", "| 0 | full build")
            .replace("| claude |", "| |")
            .replace("| codex |", "| |");
    PolicyRead read = PolicyReader.read(text);
    assertThat(read.problems()).hasSize(5);
    assertThat(BootstrapCheck.check(read.policy()))
        .extracting(Problem::toString)
        .containsExactly(
            "AGENTS.md:30:1: `## Gates` has no gates table rows: add a table `| gate | name |"
                + " command | when | timeout |` with at least one gate",
            "AGENTS.md:42:1: `## Agents` has no agent rows: add a table `| agent | command |`"
                + " with at least one agent, so that a worker can be run");
  }

  @Test
  void aGatesHeadingWithProseButNoTableHasNoRows() {
    String text = PolicyReaderTest.FULL.replaceAll("(?s)\\| gate \\|.*?\n\n", "We run tests.\n\n");
    assertThat(BootstrapCheck.check(PolicyReader.read(text).policy()))
        .extracting(Problem::message)
        .containsExactly(
            "`## Gates` has no gates table rows: add a table `| gate | name | command | when |"
                + " timeout |` with at least one gate");
  }
}
