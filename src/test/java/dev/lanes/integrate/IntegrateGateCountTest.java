package dev.lanes.integrate;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.ledger.PatchDigest;
import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patch gates run once on the base and once on each lane's tree, the tree git's apply gives: a
 * patch whose headers name a blob its hunk does not make still lands its real content, gated on
 * that. (Was IntegrateExpectedTreeTest, written for the expected-tree fast path, now removed.)
 */
@ExtendWith(RepoChecks.class)
class IntegrateGateCountTest {
  @TempDir Path tmp;

  private static final Pattern NEW_BLOB = Pattern.compile("(?m)^index 0{40}\\.\\.([0-9a-f]{40})$");

  private Scenario scenario(Path count) {
    return Scenario.create(
            tmp,
            lane("L-1", "src/one.txt", ""),
            "",
            "| 3 | count | `echo ran >> " + count + "` | patch | 5m |\n")
        .agent("L-1", "echo first > src/one.txt\n")
        .commitBase();
  }

  @Test
  void patchGatesRunOnceOnTheBaseAndOnceOnTheLanesTree() throws Exception {
    Path count = tmp.resolve("count.txt");
    Scenario s = scenario(count);
    s.dispatch();
    String before = s.tip();

    TestRepo.Run run = s.integrate();

    assertThat(run).succeeded();
    // Once on the base (the base is gated first), once on the lane's tree.
    assertThat(Files.readAllLines(count)).hasSize(2);
    s.assertEveryCommitPassesItsGates(before);
  }

  @Test
  void aPatchWhoseHeadersLieLandsItsRealContentGatedOnce() throws Exception {
    Path count = tmp.resolve("count.txt");
    Scenario s = scenario(count);
    s.dispatch();
    String before = s.tip();
    // The patch names a blob its hunk does not make; git applies the hunk all the same.
    Path patch = s.repo.root().resolve(".lanes/run/L-1/1.patch");
    String text = Files.readString(patch, StandardCharsets.UTF_8);
    Matcher m = NEW_BLOB.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    String lying = text.replace(m.group(1), "1".repeat(40));
    Files.writeString(patch, lying, StandardCharsets.UTF_8);
    // As if lanes had captured it so: the handoff entry records the digest of these bytes.
    Path entry = handoffEntry(s);
    Files.writeString(
        entry,
        Files.readString(entry, StandardCharsets.UTF_8)
            .replaceFirst(
                "(?m)^- Patch SHA-256: [0-9a-f]{64}$",
                "- Patch SHA-256: " + PatchDigest.sha256(lying.getBytes(StandardCharsets.UTF_8))),
        StandardCharsets.UTF_8);

    TestRepo.Run run = s.integrate();

    assertThat(run).succeeded();
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.repo.git("show", "main:src/one.txt")).isEqualTo("first\n");
    // Once on the base, then once on the lane's real tree.
    assertThat(Files.readAllLines(count)).hasSize(2);
    s.assertEveryCommitPassesItsGates(before);
  }

  private static Path handoffEntry(Scenario s) throws Exception {
    try (Stream<Path> files = Files.list(s.repo.root().resolve("ledger/L-1"))) {
      return files.filter(f -> f.toString().endsWith("-handoff.md")).findFirst().orElseThrow();
    }
  }
}
