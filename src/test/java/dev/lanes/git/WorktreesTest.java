package dev.lanes.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.lanes.error.BadInputException;
import dev.lanes.port.ExistingBranch;
import dev.lanes.port.LaneWorktrees;
import dev.lanes.port.WorktreeEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreesTest {
  @TempDir Path tmp;

  private TempRepos repos;
  private Worktrees worktrees;
  private Path repo;
  private String mainTip;

  private void setUp() throws IOException {
    repos = new TempRepos(tmp);
    worktrees = new Worktrees(repos.git);
    repo = repos.repo("repo", Map.of("a.txt", "on main\n")).toRealPath();
    mainTip = repos.head(repo);
  }

  @Test
  void addMakesTheLaneBranchAtTheTargetTipEvenWhenHeadIsElsewhere() throws IOException {
    setUp();
    repos.git.run(repo, "checkout", "-q", "-b", "feature");
    TempRepos.write(repo.resolve("a.txt"), "on feature\n");
    String featureTip = repos.commitAll(repo, "feature work");

    String base = worktrees.baseCommit(repo, "main");
    Path wt = worktrees.add(repo, "L-001", base);

    assertThat(base).isEqualTo(mainTip).isNotEqualTo(featureTip);
    assertThat(wt).isEqualTo(repo.resolve(".lanes/worktrees/L-001"));
    assertThat(Files.readString(wt.resolve("a.txt"))).isEqualTo("on main\n");
    assertThat(repos.git.run(wt, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("lanes/L-001");
    assertThat(repos.head(wt)).isEqualTo(mainTip);
    assertThat(repos.git.run(repo, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("feature");
    assertThat(worktrees.list(repo))
        .contains(new WorktreeEntry(wt, Optional.of("lanes/L-001"), mainTip, false));
    assertThat(repos.calls)
        .contains(
            new CliCall(
                repo,
                List.of("worktree", "add", "--no-track", "-b", "lanes/L-001", wt.toString(), base),
                Map.of()));
  }

  @Test
  void worktreesAddedFromManyThreadsAtOnceAreEachWholeOnTheirOwnBranch() throws Exception {
    setUp();
    TempRepos.write(repo.resolve("src/b.txt"), "b\n");
    String base = repos.commitAll(repo, "more files");
    List<String> lanes = List.of("L-1", "L-2", "L-3", "L-4", "L-5", "L-6");

    // A dispatch adds its lanes' worktrees side by side: registrations one at a time (they read
    // each other's folders under .git/worktrees), checkouts at once.
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<Path>> made =
          lanes.stream().map(l -> pool.submit(() -> worktrees.add(repo, l, base))).toList();
      for (int i = 0; i < lanes.size(); i++) {
        Path wt = made.get(i).get();
        assertThat(Files.readString(wt.resolve("src/b.txt"))).isEqualTo("b\n");
        assertThat(repos.git.run(wt, "status", "--porcelain")).isEmpty();
        assertThat(repos.git.run(wt, "rev-parse", "--abbrev-ref", "HEAD"))
            .isEqualTo("lanes/" + lanes.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aPostCheckoutHookRunsInTheNewWorktreeAsForAPersonsOwnAdd() throws IOException {
    setUp();
    Path hook = repo.resolve(".git/hooks/post-checkout");
    TempRepos.write(hook, "#!/bin/sh\necho \"$1 $2 $3\" > hook-ran.txt\n");
    hook.toFile().setExecutable(true);

    Path wt = worktrees.add(repo, "L-001", mainTip);

    assertThat(Files.readString(wt.resolve("hook-ran.txt")))
        .isEqualTo("0".repeat(mainTip.length()) + " " + mainTip + " 1\n");
    assertThat(Files.readString(wt.resolve("a.txt"))).isEqualTo("on main\n");
  }

  @Test
  void aWorktreeWhoseCheckoutWasCutShortIsCheckedOutWhenReused() throws IOException {
    setUp();
    // As lanes leaves it when killed between registering the worktree and checking it out.
    Path wt = repo.resolve(".lanes/worktrees/L-001");
    repos.git.run(
        repo,
        "worktree",
        "add",
        "--no-checkout",
        "--no-track",
        "-b",
        "lanes/L-001",
        wt.toString(),
        mainTip);
    assertThat(wt.resolve("a.txt")).doesNotExist();

    assertThat(worktrees.add(repo, "L-001", mainTip, ExistingBranch.REUSE)).isEqualTo(wt);

    assertThat(Files.readString(wt.resolve("a.txt"))).isEqualTo("on main\n");
    assertThat(repos.git.run(wt, "status", "--porcelain")).isEmpty();
  }

  @Test
  void aReusedWorktreeKeepsItsWorkersChanges() throws IOException {
    setUp();
    Path wt = worktrees.add(repo, "L-001", mainTip);
    TempRepos.write(wt.resolve("a.txt"), "the worker's edit\n");

    worktrees.add(repo, "L-001", mainTip, ExistingBranch.REUSE);

    assertThat(Files.readString(wt.resolve("a.txt"))).isEqualTo("the worker's edit\n");
  }

  @Test
  void aCheckoutThatFailsLeavesNoWorktreeBehind() throws IOException {
    setUp();
    // A required smudge filter that fails makes the checkout of the new worktree fail.
    TempRepos.write(repo.resolve(".gitattributes"), "*.bin filter=boom\n");
    TempRepos.write(repo.resolve("data.bin"), "payload\n");
    repos.git.run(repo, "config", "filter.boom.clean", "cat");
    String base = repos.commitAll(repo, "filtered file");
    repos.git.run(repo, "config", "filter.boom.smudge", "false");
    repos.git.run(repo, "config", "filter.boom.required", "true");

    assertThatThrownBy(() -> worktrees.add(repo, "L-001", base))
        .isInstanceOf(CliCallException.class);
    assertThat(repo.resolve(".lanes/worktrees/L-001")).doesNotExist();
    assertThat(worktrees.list(repo)).hasSize(1);

    // Once the filter works, the lane's worktree is made whole (not reused empty).
    repos.git.run(repo, "config", "filter.boom.smudge", "cat");
    Path wt = worktrees.add(repo, "L-001", base);
    assertThat(Files.readString(wt.resolve("data.bin"))).isEqualTo("payload\n");
  }

  @Test
  void excludeHoldsTheLanesLineExactlyOnceAndTheUsersLinesStay() throws IOException {
    setUp();
    Path exclude = repo.resolve(".git/info/exclude");
    Files.writeString(exclude, "# mine\n*.swp", StandardCharsets.UTF_8);

    worktrees.add(repo, "L-001", mainTip);
    worktrees.add(repo, "L-002", mainTip);
    worktrees.add(repo, LaneWorktrees.attemptName("L-003", 1), mainTip);

    assertThat(Files.readAllLines(exclude)).containsExactly("# mine", "*.swp", ".lanes/");
    assertThat(repos.git.run(repo, "status", "--porcelain")).isEmpty();
  }

  @Test
  void excludeFileIsCreatedWhenMissingAndLinkedWorktreesUseTheCommonOne() throws IOException {
    setUp();
    Files.delete(repo.resolve(".git/info/exclude"));

    Path wt = worktrees.add(repo, "L-001", mainTip);
    worktrees.ensureExcluded(wt);

    assertThat(Files.readAllLines(repo.resolve(".git/info/exclude"))).containsExactly(".lanes/");
  }

  @Test
  void theExcludeLineIsAddedOnceAndEveryOtherByteKept() {
    qt().withExamples(1000)
        .forAll(
            lists()
                .of(
                    strings()
                        .betweenCodePoints(' ', '~')
                        .ofLengthBetween(0, 12)
                        .mix(arbitrary().pick(".lanes/", "/.lanes/", ".lanes", "  .lanes/ ")))
                .ofSizeBetween(0, 6),
            booleans().all())
        .checkAssert(
            (lines, finalNewline) -> {
              String text =
                  String.join("\n", lines) + (finalNewline && !lines.isEmpty() ? "\n" : "");
              boolean had = lines.stream().anyMatch(l -> l.strip().equals(".lanes/"));
              String once = Worktrees.withExcludeLine(text).orElse(text);
              String added = once.substring(text.length());

              assertThat(once).startsWith(text);
              if (had) {
                assertThat(added).isEmpty();
              } else {
                assertThat(added)
                    .isEqualTo(text.isEmpty() || text.endsWith("\n") ? ".lanes/\n" : "\n.lanes/\n");
              }
              assertThat(Worktrees.withExcludeLine(once)).isEmpty();
            });
  }

  @Test
  void attemptsGetTheirOwnFolderAndBranch() throws IOException {
    setUp();

    Path wt = worktrees.add(repo, LaneWorktrees.attemptName("L-001", 2), mainTip);

    assertThat(wt).isEqualTo(repo.resolve(".lanes/worktrees/L-001.2"));
    assertThat(repos.git.run(wt, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("lanes/L-001.2");
  }

  @Test
  void removeRefusesADirtyWorktreeUnlessForcedAndKeepsTheBranch() throws IOException {
    setUp();
    Path wt = worktrees.add(repo, "L-001", mainTip);
    TempRepos.write(wt.resolve("a.txt"), "changed\n");

    assertThatThrownBy(() -> worktrees.remove(repo, "L-001", false))
        .isInstanceOf(CliCallException.class)
        .hasMessageContaining("worktree remove");
    assertThat(wt).exists();

    worktrees.remove(repo, "L-001", true);

    assertThat(wt).doesNotExist();
    assertThat(worktrees.list(repo)).extracting(WorktreeEntry::path).containsExactly(repo);
    assertThat(
            repos.git.exitCode(repo, "rev-parse", "--verify", "--quiet", "refs/heads/lanes/L-001"))
        .isZero();
    worktrees.deleteBranch(repo, "L-001", false);
    assertThat(
            repos.git.exitCode(repo, "rev-parse", "--verify", "--quiet", "refs/heads/lanes/L-001"))
        .isEqualTo(1);
  }

  @Test
  void pruneForgetsAWorktreeWhoseFolderWasDeletedByHand() throws IOException {
    setUp();
    Path wt = worktrees.add(repo, "L-001", mainTip);
    deleteTree(wt);

    assertThat(worktrees.list(repo))
        .filteredOn(e -> e.path().equals(wt))
        .singleElement()
        .extracting(WorktreeEntry::prunable)
        .isEqualTo(true);

    worktrees.prune(repo);

    assertThat(worktrees.list(repo)).extracting(WorktreeEntry::path).containsExactly(repo);
  }

  @Test
  void anEarlierAttemptsBranchIsReusedUnlessTheCallerAsksForAReset() throws IOException {
    setUp();
    Path wt = worktrees.add(repo, "L-001", mainTip);
    TempRepos.write(wt.resolve("b.txt"), "earlier attempt\n");
    String earlier = repos.commitAll(wt, "earlier attempt");
    deleteTree(wt); // the folder is gone, its registration and branch are not

    Path reused = worktrees.add(repo, "L-001", mainTip);
    assertThat(repos.head(reused)).isEqualTo(earlier);
    assertThat(reused.resolve("b.txt")).hasContent("earlier attempt");

    worktrees.remove(repo, "L-001", false);
    Path reset = worktrees.add(repo, "L-001", mainTip, ExistingBranch.RESET);
    assertThat(repos.head(reset)).isEqualTo(mainTip);
    assertThat(reset.resolve("b.txt")).doesNotExist();
  }

  @Test
  void aLiveWorktreeIsReusedAsItIsOrStartedAgainOnReset() throws IOException {
    setUp();
    Path wt = worktrees.add(repo, "L-001", mainTip);
    TempRepos.write(wt.resolve("wip.txt"), "work in progress\n");

    assertThat(worktrees.add(repo, "L-001", mainTip)).isEqualTo(wt);
    assertThat(wt.resolve("wip.txt")).exists();

    worktrees.add(repo, "L-001", mainTip, ExistingBranch.RESET);
    assertThat(wt.resolve("wip.txt")).doesNotExist();
    assertThat(repos.head(wt)).isEqualTo(mainTip);
  }

  @Test
  void baseCommitOfAMissingBranchIsBadInput() throws IOException {
    setUp();

    assertThatThrownBy(() -> worktrees.baseCommit(repo, "develop"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("there is no branch develop");
  }

  @Test
  void namesThatAreNotSafeFoldersAndRefsAreRefused() {
    for (String bad : List.of("", "../x", "a/b", "-x", ".hidden", "x.lock", "a..b", "a b", "x.")) {
      assertThatThrownBy(() -> LaneWorktrees.branch(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(LaneWorktrees.branch("L-001")).isEqualTo("lanes/L-001");
    assertThat(LaneWorktrees.attemptName("L-001", 3)).isEqualTo("L-001.3");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
