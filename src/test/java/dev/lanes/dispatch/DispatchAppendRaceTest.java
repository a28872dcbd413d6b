package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.Await;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's shell appending to PLAN.md every millisecond while lanes dispatches an 8-lane plan and
 * writes PLAN.md dozens of times: nothing anyone wrote is lost, and PLAN.md is never missing.
 */
class DispatchAppendRaceTest {
  private static final int ROUNDS = 10;
  private static final int LANES = 8;
  private static final String NOTES = "## Notes\n\nA person's notes, kept as written.\n";

  @TempDir Path tmp;

  @Test
  void aPersonsAppendLoopDuringTenDispatchesLosesNoLaneRowOrLine() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      DispatchScenario s = new DispatchScenario(tmp.resolve("round-" + round));
      try {
        dispatchWhileAPersonAppends(s, round);
      } finally {
        // The person appends behind lanes' back; the test checks those lines itself.
        RepoChecks.check(s.repo.exemptFromChecks("plan"));
      }
    }
  }

  private void dispatchWhileAPersonAppends(DispatchScenario s, int round) throws Exception {
    ScriptedAgent agent =
        s.agent("script", "mkdir -p \"src/$LANES_LANE\"\necho work > \"src/$LANES_LANE/work.txt\"");
    StringBuilder lanes = new StringBuilder();
    for (int n = 1; n <= LANES; n++) {
      lanes.append(lane("L-" + n, "src/L-" + n + "/**", ""));
    }
    s.setUp(lanes.toString(), agent);
    Path plan = s.root.resolve("PLAN.md");
    Files.writeString(plan, s.repo.read("PLAN.md") + "\n" + NOTES, StandardCharsets.UTF_8);
    s.repo.commit("notes");
    String original = s.repo.read("PLAN.md");
    String lanesPart = original.substring(0, original.indexOf("## Locks"));

    Path stop = s.tmp.resolve("stop-appending");
    Path count = s.tmp.resolve("appended");
    Process appender =
        new ProcessBuilder(
                "sh",
                "-c",
                "i=0; while [ ! -e \"$1\" ]; do echo note-$i >> PLAN.md; i=$((i+1)); sleep 0.001;"
                    + " done; echo $i > \"$2\"",
                "appender",
                stop.toString(),
                count.toString())
            .directory(s.root.toFile())
            .redirectErrorStream(true)
            .start();
    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicInteger missing = new AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              while (reading.get()) {
                if (!Files.exists(plan)) {
                  missing.incrementAndGet();
                }
              }
            });
    reader.start();
    TestRepo.Run run;
    try {
      awaitLine(plan, "note-2");
      run = s.lanes("dispatch", "--parallel", String.valueOf(LANES));
      awaitLine(plan, lastLine(plan));
    } finally {
      Files.writeString(stop, "");
      assertThat(appender.waitFor(20, TimeUnit.SECONDS)).as("the appender stops").isTrue();
      reading.set(false);
      reader.join(10_000);
    }
    int appended = Integer.parseInt(Files.readString(count).strip());
    String where = "round " + round + ": ";

    assertThat(run).succeeded();
    assertThat(missing).as(where + "times a reader found no PLAN.md").hasValue(0);
    String text = s.repo.read("PLAN.md");
    assertThat(text).as(where + "every lane, byte for byte").startsWith(lanesPart);
    assertThat(text).as(where + "the person's notes").contains("\n" + NOTES + "note-");
    List<String> notes =
        List.of(text.substring(text.indexOf(NOTES) + NOTES.length()).split("\n", -1));
    Map<String, Long> times =
        notes.stream()
            .filter(l -> !l.isEmpty())
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < appended; i++) {
      long n = times.getOrDefault("note-" + i, 0L);
      if (n != 1) {
        wrong.add("note-" + i + " x" + n);
      }
    }
    assertThat(wrong).as(where + "appended lines not there exactly once").isEmpty();
    assertThat(times)
        .as(where + "nothing but the appended lines after the notes")
        .hasSize(appended);

    Map<String, BoardStatus> board =
        s.plan().board().stream()
            .collect(Collectors.toMap(r -> r.lane().value(), BoardRow::status));
    for (int n = 1; n <= LANES; n++) {
      String id = "L-" + n;
      assertThat(board).as(where + "Board row of " + id).containsEntry(id, BoardStatus.HANDED_OFF);
      assertThat(s.lockOf(id)).as(where + "lock of " + id).isPresent();
      assertThat(s.ledger(id))
          .as(where + "ledger of " + id)
          .containsExactly("001-dispatch.md", "002-handoff.md");
    }
    assertThat(board).hasSize(LANES);
  }

  /** Waits until the appender's line is in PLAN.md, so that it runs before and after lanes. */
  private static void awaitLine(Path plan, String line) {
    Await.until(
        () -> {
          try {
            return Files.readAllLines(plan).contains(line);
          } catch (IOException e) {
            return false; // the person's editor is in the middle of a save
          }
        },
        Duration.ofSeconds(10),
        "the appender to write " + line);
  }

  /** The appender's next line after the last one now in PLAN.md. */
  private static String lastLine(Path plan) throws IOException {
    String[] lines = Files.readString(plan).split("\n");
    int last = -1;
    for (String l : lines) {
      if (l.startsWith("note-")) {
        last = Math.max(last, Integer.parseInt(l.substring(5)));
      }
    }
    return "note-" + (last + 2);
  }
}
