package dev.lanes.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.error.Problem;
import dev.lanes.plan.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapCheckTest {
  private static final Gate GATE =
      new Gate(
          1,
          "tests",
          "true",
          EnumSet.of(GateStage.LANE),
          Duration.ofMinutes(1),
          new Position(20, 1));
  private static final AgentSpec AGENT = new AgentSpec("claude", "claude -p", new Position(30, 1));

  private static List<PolicySection> allSections() {
    List<PolicySection> sections = new ArrayList<>();
    int line = 3;
    for (String heading : BootstrapCheck.REQUIRED) {
      sections.add(new PolicySection(heading, new Position(line, 1), false));
      line += 4;
    }
    return sections;
  }

  @Test
  void aCompletePolicyPasses() {
    Policy p = new Policy(allSections(), List.of(), List.of(GATE), List.of(AGENT));
    assertThat(BootstrapCheck.check(p)).isEmpty();
  }

  @Test
  void namesEveryMissingHeadingAtTheTopOfTheFile() {
    Policy p = new Policy(List.of(), List.of(), List.of(), List.of());
    List<Problem> problems = BootstrapCheck.check(p);
    assertThat(problems).hasSize(7);
    assertThat(problems)
        .allSatisfy(
            pr -> {
              assertThat(pr.file()).isEqualTo("AGENTS.md");
              assertThat(pr.line()).isEqualTo(1);
              assertThat(pr.column()).isEqualTo(1);
            });
    for (int i = 0; i < BootstrapCheck.REQUIRED.size(); i++) {
      assertThat(problems.get(i).message())
          .startsWith(
              "AGENTS.md is missing the `## "
                  + BootstrapCheck.REQUIRED.get(i)
                  + "` heading: add it with ");
    }
    assertThat(problems.get(3).message()).contains("permission-failure escalation loop");
  }

  @Test
  void headingsMatchCaseInsensitivelyAndTrimmed() {
    List<PolicySection> sections = new ArrayList<>();
    for (PolicySection s : allSections()) {
      sections.add(new PolicySection("  " + s.heading().toUpperCase() + " ", s.position(), false));
    }
    Policy p = new Policy(sections, List.of(), List.of(GATE), List.of(AGENT));
    assertThat(BootstrapCheck.check(p)).isEmpty();
  }

  @Test
  void anEmptyHeadingIsReportedWhereItStands() {
    List<PolicySection> sections = new ArrayList<>(allSections());
    sections.set(1, new PolicySection("Locks", new Position(7, 1), true));
    Policy p = new Policy(sections, List.of(), List.of(GATE), List.of(AGENT));
    assertThat(BootstrapCheck.check(p))
        .singleElement()
        .satisfies(
            pr -> {
              assertThat(pr.line()).isEqualTo(7);
              assertThat(pr.message()).startsWith("`## Locks` is empty: ");
            });
  }

  @Test
  void withoutGateOrAgentRowsNoWorkerCanRun() {
    Policy p = new Policy(allSections(), List.of(), List.of(), List.of());
    List<Problem> problems = BootstrapCheck.check(p);
    assertThat(problems)
        .extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).startsWith("`## Gates` has no gates table rows"))
        .anySatisfy(m -> assertThat(m).startsWith("`## Agents` has no agent rows"));
    // Gates is the fifth required heading: 3 + 4 * 4.
    assertThat(problems.get(0).line()).isEqualTo(19);
    assertThat(problems.get(1).line()).isEqualTo(27);
  }
}
