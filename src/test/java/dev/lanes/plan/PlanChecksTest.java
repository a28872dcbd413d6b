package dev.lanes.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.error.Problem;
import dev.lanes.markdown.PlanRead;
import dev.lanes.markdown.PlanReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanChecksTest {

  private static List<Problem> check(String text) {
    PlanRead read = PlanReader.read(text, LocalDate.of(2026, 11, 22));
    assertThat(read.problems()).isEmpty();
    return PlanChecks.check(read.plan());
  }

  @Test
  void aGoodPlanHasNoProblems() {
    String text =
        """
        ## Lanes
        ### L-1: a
        - scope: a/**
        ### L-2: b
        - scope: b/**
        - depends-on: L-1
        """;

    assertThat(check(text)).isEmpty();
  }

  @Test
  void duplicateIdIsReportedAtTheSecondHeadingNamingTheFirst() {
    String text =
        """
        ## Lanes
        ### L-1: a
        - scope: a/**
        ### L-1: again
        - scope: b/**
        """;

    assertThat(check(text))
        .containsExactly(
            new Problem(
                "PLAN.md",
                4,
                1,
                "lane L-1 is defined twice (first at line 2); give each lane" + " its own id"));
  }

  @Test
  void laneWithoutScopeIsReportedAtItsHeading() {
    String text = "## Lanes\n\n### L-1: a\n- agent: claude\n";

    assertThat(check(text))
        .containsExactly(
            new Problem("PLAN.md", 3, 1, "lane L-1 has no scope: add `- scope: <globs>`"));
  }

  @Test
  void unknownAndSelfDependenciesAreReportedAtTheItem() {
    String text =
        """
        ## Lanes
        ### L-1: a
        - scope: a/**
        - depends-on: L-9, `L-1`, not an id
        """;

    assertThat(check(text))
        .containsExactly(
            new Problem("PLAN.md", 4, 15, "lane L-1 depends on unknown lane L-9"),
            new Problem("PLAN.md", 4, 21, "lane L-1 depends on itself"),
            new Problem("PLAN.md", 4, 27, "lane L-1 depends on unknown lane not an id"));
  }

  @Test
  void aThreeCycleIsReportedOnceAtItsFirstLane() {
    String text =
        """
        ## Lanes
        ### L-0: outside
        - scope: z/**
        ### L-1: a
        - scope: a/**
        - depends-on: L-2, L-0
        ### L-2: b
        - scope: b/**
        - depends-on: L-3
        ### L-3: c
        - scope: c/**
        - depends-on: L-1
        """;

    List<Problem> problems = check(text);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).line()).isEqualTo(4);
    assertThat(problems.get(0).message()).contains("L-1 -> L-2 -> L-3 -> L-1");
  }

  @Test
  void twoSeparateCyclesAreTwoProblemsSorted() {
    String text =
        """
        ## Lanes
        ### B: b
        - scope: b
        - depends-on: A
        ### A: a
        - scope: a
        - depends-on: B
        ### C: c
        - scope: c
        - depends-on: D
        ### D: d
        - scope: d
        - depends-on: C
        """;

    List<Problem> problems = check(text);

    assertThat(problems).extracting(Problem::line).containsExactly(2, 8);
    assertThat(problems.get(0).message()).contains("B -> A -> B");
    assertThat(problems.get(1).message()).contains("C -> D -> C");
  }
}
