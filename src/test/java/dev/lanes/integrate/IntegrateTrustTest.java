package dev.lanes.integrate;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integrator re-checks what it lands against what lanes itself recorded, not against files a
 * worker can write: the stored patch (its digest in the handoff entry, its files against the lane's
 * scope), the Board (against the ledger), the gate cache, and the gates (the target's committed
 * AGENTS.md).
 */
@ExtendWith(RepoChecks.class)
class IntegrateTrustTest {
  @TempDir Path tmp;

  /** A new file's diff, as `git diff --binary --full-index` writes it. */
  private static String newFileDiff(String path, String line) {
    return "diff --git a/"
        + path
        + " b/"
        + path
        + "\nnew file mode 100644\nindex 0000000000000000000000000000000000000000.."
        + "0000000000000000000000000000000000000000\n--- /dev/null\n+++ b/"
        + path
        + "\n@@ -0,0 +1 @@\n+"
        + line
        + "\n";
  }

  @Test
  void aPatchAppendedToAfterItsHandoffIsNotLandedAndTheLaneIsReopened() throws IOException {
    Scenario s = Scenario.oneLaneHandedOff(tmp, "echo first > src/one.txt\n");
    String before = s.tip();
    // Another lane's worker, or a daemon this one left, appends a file outside L-1's scope.
    Path patch = s.repo.root().resolve(".lanes/run/L-1/1.patch");
    Files.writeString(patch, newFileDiff("src/evil.txt", "planted"), StandardOpenOption.APPEND);

    TestRepo.Run run = s.integrate();

    assertThat(run).exitedWith(1);
    assertThat(s.tip()).as("the target does not move").isEqualTo(before);
    assertThat(s.repo.git("ls-tree", "-r", "--name-only", "main")).doesNotContain("src/evil.txt");
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.REOPENED);
    assertThat(run.out())
        .contains("the stored patch of L-1 attempt 1 changed after its handoff")
        .contains("src/evil.txt");
    assertThat(s.entries("L-1", "failure"))
        .singleElement()
        .asString()
        .contains("changed after its handoff")
        .containsPattern("sha256 [0-9a-f]{12}\\S* recorded, [0-9a-f]{12}\\S* now")
        .contains("src/evil.txt")
        .contains("lanes dispatch L-1");
    assertThat(s.entries("L-1", "integration"))
        .singleElement()
        .asString()
        .contains("- Result: dropped");
  }

  @Test
  void aPatchOutsideTheScopeThePlanNowGivesIsReopenedNamingTheFiles() {
    Scenario s =
        Scenario.create(tmp, lane("L-1", "src/one.txt, src/extra.txt", ""))
            .agent("L-1", "echo first > src/one.txt\necho more > src/extra.txt\n")
            .commitBase();
    s.dispatch();
    String before = s.tip();
    // The person narrows the lane after its handoff: the plan is what the patch is checked against.
    s.repo.write(
        "PLAN.md",
        s.repo
            .read("PLAN.md")
            .replace("- scope: src/one.txt, src/extra.txt", "- scope: src/one.txt"));

    TestRepo.Run run = s.integrate();

    assertThat(run).exitedWith(1);
    assertThat(s.tip()).isEqualTo(before);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.REOPENED);
    assertThat(s.entries("L-1", "failure"))
        .singleElement()
        .asString()
        .contains("- Kind: scope")
        .contains("outside the lane's scope: src/extra.txt");
  }

  @Test
  void aBoardRowWithNoHandoffInTheLedgerNeverLands() {
    Scenario s =
        Scenario.create(tmp, lane("L-1", "src/one.txt", "") + lane("L-2", "src/two.txt", ""))
            .agent("L-1", "echo first > src/one.txt\n")
            .commitBase();
    s.dispatch("L-1");
    String before = s.tip();
    // A worker makes L-2, never dispatched, look handed off: a patch where lanes keeps them and a
    // Board row copied from L-1's.
    s.repo.write(".lanes/run/L-2/1.patch", newFileDiff("src/two.txt", "forged"));
    String plan = s.repo.read("PLAN.md");
    Matcher row = Pattern.compile("(?m)^\\| L-1 \\| handed-off \\|.*$").matcher(plan);
    assertThat(row.find()).as(plan).isTrue();
    s.repo.write(
        "PLAN.md",
        plan.replace(row.group(), row.group() + "\n" + row.group().replace("L-1", "L-2")));
    assertThat(s.status("L-2")).isEqualTo(BoardStatus.HANDED_OFF);

    TestRepo.Run run = s.integrate();

    assertThat(run).exitedWith(1);
    assertThat(s.repo.git("ls-tree", "-r", "--name-only", "main"))
        .contains("src/one.txt")
        .doesNotContain("src/two.txt");
    assertThat(s.commitsSince(before)).hasSize(1);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(run.out())
        .contains("L-2 is not landed")
        .contains("the ledger has no handoff entry for L-2 attempt 1");
    assertThat(s.entries("L-2", "integration")).isEmpty();
  }

  @Test
  void aHandoffEntryWithNoDigestIsRefusedWithARemedy() throws IOException {
    Scenario s = Scenario.oneLaneHandedOff(tmp, "echo first > src/one.txt\n");
    String before = s.tip();
    // An entry as an older lanes wrote it: no digest line.
    Path entry = handoffEntry(s, "L-1");
    String text = Files.readString(entry, StandardCharsets.UTF_8);
    assertThat(text).containsPattern("(?m)^- Patch SHA-256: [0-9a-f]{64}$");
    Files.writeString(entry, text.replaceAll("(?m)^- Patch SHA-256: .*\\n", ""));

    TestRepo.Run run = s.integrate();

    assertThat(run).exitedWith(1);
    assertThat(s.tip()).isEqualTo(before);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.REOPENED);
    assertThat(s.entries("L-1", "failure"))
        .singleElement()
        .asString()
        .contains("records no patch digest")
        .contains("lanes dispatch L-1");
  }

  @Test
  void aForgedGateCacheLineDoesNotLetAFailingPatchLand() throws IOException {
    Scenario s = Scenario.oneLaneHandedOff(tmp, "echo 'this is BROKEN' > src/one.txt\n");
    String before = s.tip();
    // The tree staging gets with the patch applied, and a "pass" for it where the cache was kept.
    Path index = tmp.resolve("forged-index");
    String tree =
        Scenario.sh(
                s.repo.root(),
                "GIT_INDEX_FILE="
                    + index
                    + " git read-tree main && GIT_INDEX_FILE="
                    + index
                    + " git apply --cached .lanes/run/L-1/1.patch && GIT_INDEX_FILE="
                    + index
                    + " git write-tree")
            .output()
            .strip();
    assertThat(tree).matches("[0-9a-f]{40}");
    Path cache = s.repo.root().resolve(".lanes/state/gate-cache.txt");
    Files.createDirectories(cache.getParent());
    Files.writeString(
        cache,
        String.join("\t", "1", tree, "1", Scenario.PATCH_GATE, "PASSED", "0", "PT0.1S", "x.log")
            + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);

    TestRepo.Run run = s.integrate();

    assertThat(run).exitedWith(1);
    assertThat(s.tip()).isEqualTo(before);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.REOPENED);
    assertThat(s.entries("L-1", "failure"))
        .singleElement()
        .asString()
        .contains("patch gate 1 (no broken) failed with exit 1");
  }

  @Test
  void anUncommittedChangeToTheGatesIsRefusedUntilThePersonCommitsIt() {
    Scenario s = Scenario.oneLaneHandedOff(tmp, "echo 'this is BROKEN' > src/one.txt\n");
    String before = s.tip();
    // A worker (or the person) turns the patch gate into `true` in the checkout's AGENTS.md.
    String agents = s.repo.read("AGENTS.md");
    s.repo.write("AGENTS.md", agents.replace("`" + Scenario.PATCH_GATE + "`", "`true`"));

    TestRepo.Run run = s.integrate();

    assertThat(run).exitedWith(2);
    assertThat(run.err())
        .contains("AGENTS.md:")
        .contains("gate 1 (no broken)")
        .contains("`true`")
        .contains(Scenario.PATCH_GATE)
        .contains("not committed on main")
        .contains("git commit");
    assertThat(s.tip()).isEqualTo(before);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.entries("L-1", "integration")).isEmpty();
    assertThat(s.integrate("--dry-run").exitCode()).isEqualTo(2);

    // Once the person commits it, it is the gate.
    s.repo.git("commit", "-q", "-m", "gates: no check", "--", "AGENTS.md");
    TestRepo.Run again = s.integrate();

    assertThat(again).succeeded();
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.INTEGRATED);
  }

  @Test
  void integrateNeedsAgentsMdCommittedOnTheTarget() {
    Scenario s = Scenario.oneLaneHandedOff(tmp, "echo first > src/one.txt\n");
    s.repo.git("rm", "-q", "--cached", "AGENTS.md");
    s.repo.git("commit", "-q", "-m", "untrack AGENTS.md");
    String before = s.tip();

    TestRepo.Run run = s.integrate();

    assertThat(run).exitedWith(2);
    assertThat(run.err()).contains("AGENTS.md is not committed on main");
    assertThat(s.tip()).isEqualTo(before);
    assertThat(s.status("L-1")).isEqualTo(BoardStatus.HANDED_OFF);
  }

  private static Path handoffEntry(Scenario s, String lane) throws IOException {
    try (var files = Files.list(s.repo.root().resolve("ledger").resolve(lane))) {
      List<Path> found =
          files.filter(f -> f.getFileName().toString().endsWith("-handoff.md")).toList();
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }
}
