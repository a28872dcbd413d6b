package dev.lanes.cli;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.Fixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.Main;
import dev.lanes.testing.Await;
import dev.lanes.testing.Fixtures;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.TestRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lanes status --watch} redraws the Board every two seconds from PLAN.md as it is then,
 * until interrupted, which ends it normally (exit 0).
 */
@ExtendWith(RepoChecks.class)
class StatusWatchTest {
  @TempDir Path tmp;

  @Test
  void theWatchRedrawsWhatPlanMdSaysNowAndEndsCleanlyWhenInterrupted() throws Exception {
    TestRepo repo = TestRepo.init(tmp).withTwoSourceFolders().write("AGENTS.md", Fixtures.AGENTS);
    String planned = plan(lane("L-1", "src/a/**", ""));
    repo.write("PLAN.md", planned).commit("base");
    StringWriter out = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    Thread watch =
        new Thread(
            () ->
                code.set(
                    Main.run(
                        new PrintWriter(out, true),
                        new PrintWriter(new StringWriter(), true),
                        "status",
                        "--watch",
                        "--repo",
                        repo.root().toString())));
    watch.start();
    try {
      waitFor(out, o -> o.matches("(?s).*L-1\\s+planned.*"));
      // A lane blocked meanwhile (here by hand) shows at the next redraw.
      repo.write(
          "PLAN.md",
          planned + "| L-1 | blocked | 1 | 1 |  | 2026-11-26T10:00Z | waiting for approval |\n");
      waitFor(out, o -> o.matches("(?s).*L-1\\s+blocked.*waiting for approval.*"));
    } finally {
      watch.interrupt();
      watch.join(10_000);
    }

    assertThat(watch.isAlive()).isFalse();
    assertThat(code.get()).isZero();
    assertThat(out.toString().split("\033\\[H\033\\[2J", -1))
        .as("the screen cleared before each redraw")
        .hasSizeGreaterThan(2);
  }

  private static void waitFor(StringWriter out, Predicate<String> seen) {
    Await.until(() -> seen.test(out.toString()), Duration.ofSeconds(20), "the watch to show it");
  }
}
