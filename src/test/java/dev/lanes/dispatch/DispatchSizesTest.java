package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Workers that write far more than anyone reads: a huge handoff file, endless output. */
class DispatchSizesTest extends DispatchScenarioTest {
  private static final long HANDOFF_BYTES = 500L << 20;

  @Test
  void aWorkerWriting500MbToItsHandoffFileHandsOffWithAnEntryOfBoundedSize() throws Exception {
    // One line `risks: xxx…` of 500 MB, then a `next:` line past the cut.
    ScriptedAgent agent =
        s.agent(
            "script",
            "echo work > src/a/work.txt\n"
                + "{ printf 'risks: '; head -c "
                + HANDOFF_BYTES
                + " /dev/zero | tr '\\0' x; printf '\\nnext: never read\\n'; }"
                + " > \"$LANES_HANDOFF_FILE\"");
    s.setUp(lane("L-a", "src/a/**", ""), agent);

    TestRepo.Run run = s.lanes("dispatch", "L-a");

    assertThat(run).succeeded();
    assertThat(s.board("L-a").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.lockOf("L-a")).as("the handed-off lane keeps its lock").isPresent();
    assertThat(s.ledger("L-a")).containsExactly("001-dispatch.md", "002-handoff.md");
    Path entry = s.root.resolve("ledger/L-a/002-handoff.md");
    assertThat(Files.size(entry)).as("the handoff entry's size").isLessThan(2L << 20);
    long fileSize = "risks: ".length() + HANDOFF_BYTES + "\nnext: never read\n".length();
    assertThat(s.entry("L-a", "handoff"))
        .contains("xxxxxxxx")
        .contains(
            "the handoff file was cut after its first 1048576 bytes (1 MiB); the remaining "
                + (fileSize - (1 << 20))
                + " bytes were not read")
        .doesNotContain("never read\n");
  }

  @Test
  void aWorkerPrintingPastTheLogLimitKeepsItsNewestOutputUnderTheLimit() throws Exception {
    // About 1.9 MB of numbered lines against a limit of 64 KiB.
    ScriptedAgent agent =
        s.agent(
            "script",
            "echo work > src/a/work.txt\nseq 1 100000 | sed 's/^/output line /'\necho last line");
    s.setUp(
        "- ttl: 30m\n- heartbeat: 1s\n", "- log-limit: 64k\n", lane("L-a", "src/a/**", ""), agent);

    TestRepo.Run run = s.lanes("dispatch", "L-a");

    assertThat(run).succeeded();
    assertThat(s.board("L-a").status()).isEqualTo(BoardStatus.HANDED_OFF);
    Path log = s.root.resolve(".lanes/logs/L-a.1.log");
    assertThat(Files.size(log)).as("the log's size").isLessThanOrEqualTo(64 * 1024 + 200);
    List<String> lines = Files.readAllLines(log);
    assertThat(lines.get(0))
        .as("the log says that its oldest part was dropped")
        .startsWith("lanes: the oldest ")
        .contains(" bytes of this log were dropped to keep it under log-limit (65536 bytes)");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("last line");
    assertThat(lines.get(lines.size() - 2)).isEqualTo("output line 100000");
    // The newest output, whole lines, none missing after the note.
    int first = Integer.parseInt(lines.get(1).substring("output line ".length()));
    for (int i = 1; i < lines.size() - 1; i++) {
      assertThat(lines.get(i)).isEqualTo("output line " + (first + i - 1));
    }
    assertThat(lines.size()).isGreaterThan(2000);
  }
}
