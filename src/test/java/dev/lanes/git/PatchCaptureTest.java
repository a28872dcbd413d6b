package dev.lanes.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.port.CapturedPatch;
import dev.lanes.port.ChangedFile;
import dev.lanes.port.ChangedFile.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchCaptureTest {
  @TempDir Path tmp;

  private TempRepos repos;
  private Worktrees worktrees;
  private PatchCapture capture;
  private Path repo;
  private String base;

  private void setUp() throws IOException {
    repos = new TempRepos(tmp);
    worktrees = new Worktrees(repos.git);
    capture = new PatchCapture(repos.git);
    Map<String, String> files = new LinkedHashMap<>();
    files.put(".gitignore", "*.log\n");
    files.put("a.txt", "alpha\n");
    files.put("b.txt", "to be deleted\n");
    files.put(
        "c.txt",
        IntStream.range(0, 30).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining()));
    files.put("d.sh", "#!/bin/sh\necho hi\n");
    files.put("e.txt", "staged only\n");
    files.put("f.txt", "committed\n");
    files.put("g.txt", "unstaged\n");
    files.put("h.txt", "becomes a link\n");
    repo = repos.repo("repo", files).toRealPath();
    TempRepos.write(repo.resolve("old.bin"), bytes(0, 1, 2, 0, 0, 255, 254, 0));
    base = repos.commitAll(repo, "binary");
  }

  /** Everything a worker can leave behind, in every state git knows. */
  private Path workerDidEverything() throws IOException {
    Path wt = worktrees.add(repo, "L-001", base);
    TempRepos.write(wt.resolve("f.txt"), "committed edit\n");
    repos.git.run(wt, "add", "f.txt");
    repos.git.run(
        wt, "-c", "user.name=Worker", "-c", "user.email=w@example.com", "commit", "-qm", "worker");
    TempRepos.write(wt.resolve("g.txt"), "unstaged edit\n");
    TempRepos.write(wt.resolve("e.txt"), "staged edit\n");
    repos.git.run(wt, "add", "e.txt");
    TempRepos.write(wt.resolve("new.txt"), "brand new\n");
    TempRepos.write(wt.resolve("debug.log"), "ignored\n");
    Files.delete(wt.resolve("b.txt"));
    Files.createDirectories(wt.resolve("sub"));
    Files.move(wt.resolve("c.txt"), wt.resolve("sub/c2.txt"));
    byte[] binary = new byte[600];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 7 % 256);
    }
    TempRepos.write(wt.resolve("new.bin"), binary);
    TempRepos.write(wt.resolve("old.bin"), bytes(0, 0, 9, 0, 255, 0));
    Files.setPosixFilePermissions(wt.resolve("d.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.delete(wt.resolve("h.txt"));
    Files.createSymbolicLink(wt.resolve("h.txt"), Path.of("a.txt"));
    Files.createSymbolicLink(wt.resolve("link.txt"), Path.of("sub/c2.txt"));
    return wt;
  }

  private static final List<ChangedFile> EVERYTHING =
      List.of(
          new ChangedFile("b.txt", Optional.empty(), Kind.DELETED),
          new ChangedFile("d.sh", Optional.empty(), Kind.MODE_CHANGED),
          new ChangedFile("e.txt", Optional.empty(), Kind.MODIFIED),
          new ChangedFile("f.txt", Optional.empty(), Kind.MODIFIED),
          new ChangedFile("g.txt", Optional.empty(), Kind.MODIFIED),
          new ChangedFile("h.txt", Optional.empty(), Kind.TYPE_CHANGED),
          new ChangedFile("link.txt", Optional.empty(), Kind.ADDED),
          new ChangedFile("new.bin", Optional.empty(), Kind.ADDED),
          new ChangedFile("new.txt", Optional.empty(), Kind.ADDED),
          new ChangedFile("old.bin", Optional.empty(), Kind.MODIFIED),
          new ChangedFile("sub/c2.txt", Optional.of("c.txt"), Kind.RENAMED));

  @Test
  void captureTakesEverythingButIgnoredFilesAndTheGitApplyOfItRebuildsTheWorktree()
      throws IOException {
    setUp();
    Path wt = workerDidEverything();
    String workerCommit = repos.head(wt);

    CapturedPatch patch = capture.capture(wt, base, "L-001: captured");

    assertThat(patch.baseCommit()).isEqualTo(base);
    assertThat(patch.files()).containsExactlyInAnyOrderElementsOf(EVERYTHING);
    assertThat(patch.commitId()).isEqualTo(repos.head(wt));
    assertThat(repos.git.run(wt, "rev-parse", patch.commitId() + "^")).isEqualTo(workerCommit);
    assertThat(repos.git.run(wt, "log", "-1", "--format=%s")).isEqualTo("L-001: captured");
    assertThat(repos.git.run(wt, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("lanes/L-001");
    assertThat(repos.git.run(wt, "status", "--porcelain")).isEmpty();
    assertThat(patch.patch())
        .isEqualTo(
            repos.git.runBytes(
                wt, "diff", "--binary", "--full-index", "-M", base, patch.commitId()));
    String text = new String(patch.patch(), StandardCharsets.ISO_8859_1);
    assertThat(text)
        .contains("GIT binary patch", "rename from c.txt", "rename to sub/c2.txt")
        .contains("old mode 100644\nnew mode 100755", "deleted file mode 100644")
        .doesNotContain("debug.log");

    Path check = freshCheckoutOfBase("check");
    repos.git.runBytes(check, Map.of(), patch.patch(), "apply", "--index", "-");

    assertThat(TempRepos.snapshot(check, List.of()))
        .isEqualTo(TempRepos.snapshot(wt, List.of("debug.log")));
    assertThat(repos.git.run(check, "write-tree"))
        .isEqualTo(repos.git.run(wt, "rev-parse", patch.commitId() + "^{tree}"));
  }

  @Test
  void gitDiffRawListsEveryChangeQuotedNamesIncluded() throws IOException {
    setUp();
    Path wt = workerDidEverything();
    TempRepos.write(wt.resolve("with space.txt"), "spaced\n");
    TempRepos.write(wt.resolve("tab\there.txt"), "tabbed\n");
    TempRepos.write(wt.resolve("ünïcode/ø.txt"), "unicode\n");
    repos.git.run(wt, "add", "--all");
    repos.git.run(
        wt, "-c", "user.name=W", "-c", "user.email=w@example.com", "commit", "-qm", "all");
    String head = repos.head(wt);

    List<ChangedFile> fromGit = capture.filesBetween(wt, base, head);

    assertThat(fromGit)
        .contains(
            new ChangedFile("with space.txt", Optional.empty(), Kind.ADDED),
            new ChangedFile("tab\there.txt", Optional.empty(), Kind.ADDED),
            new ChangedFile("ünïcode/ø.txt", Optional.empty(), Kind.ADDED))
        .containsAll(EVERYTHING);
  }

  @Test
  void jgitAppliesTheCapturedPatchToTheSameFiles() throws Exception {
    setUp();
    Path wt = workerDidEverything();
    // JGit's apply turns symbolic links into files; integration uses git apply for those.
    Files.delete(wt.resolve("link.txt"));
    Files.delete(wt.resolve("h.txt"));
    TempRepos.write(wt.resolve("h.txt"), "becomes a link\n");

    CapturedPatch patch = capture.capture(wt, base, "L-001: captured");
    Path check = freshCheckoutOfBase("jgit");
    try (Git jgit = Git.open(check.toFile())) {
      jgit.apply().setPatch(new ByteArrayInputStream(patch.patch())).call();
    }

    assertThat(TempRepos.snapshot(check, List.of()))
        .isEqualTo(TempRepos.snapshot(wt, List.of("debug.log")));
  }

  @Test
  void nothingChangedGivesAnEmptyPatchAndNoCommit() throws IOException {
    setUp();
    Path wt = worktrees.add(repo, "L-001", base);
    TempRepos.write(wt.resolve("only.log"), "ignored files do not count\n");

    CapturedPatch patch = capture.capture(wt, base, "L-001");

    assertThat(patch.isEmpty()).isTrue();
    assertThat(patch.patch()).isEmpty();
    assertThat(patch.files()).isEmpty();
    assertThat(patch.commitId()).isEqualTo(base);
    assertThat(repos.head(wt)).isEqualTo(base);
  }

  @Test
  void workUndoneBeforeTheEndIsAnEmptyPatchWithTheBaseAsItsCommit() throws IOException {
    setUp();
    Path wt = worktrees.add(repo, "L-001", base);
    TempRepos.write(wt.resolve("a.txt"), "tried something\n");
    String tried = repos.commitAll(wt, "try");
    TempRepos.write(wt.resolve("a.txt"), "alpha\n");

    CapturedPatch patch = capture.capture(wt, base, "L-001");

    assertThat(patch.isEmpty()).isTrue();
    assertThat(patch.commitId()).isEqualTo(base);
    assertThat(repos.head(wt)).as("no commit is made for an empty patch").isEqualTo(tried);
  }

  @Test
  void workAlreadyCommittedByTheWorkerIsTakenAsItIsWithoutAnExtraCommit() throws IOException {
    setUp();
    Path wt = worktrees.add(repo, "L-001", base);
    TempRepos.write(wt.resolve("a.txt"), "done\n");
    String done = repos.commitAll(wt, "worker commit");

    CapturedPatch patch = capture.capture(wt, base, "L-001");

    assertThat(patch.commitId()).isEqualTo(done);
    assertThat(patch.files())
        .containsExactly(new ChangedFile("a.txt", Optional.empty(), Kind.MODIFIED));
  }

  @Test
  void withoutAnyConfiguredIdentityTheCommitIsMadeAsLanes() throws IOException {
    setUp();
    Path wt = worktrees.add(repo, "L-001", base);
    TempRepos.write(wt.resolve("a.txt"), "changed\n");

    CapturedPatch patch = capture.capture(wt, base, "L-001");

    assertThat(authorAndCommitter(wt, patch.commitId()))
        .isEqualTo("lanes <lanes@localhost> | lanes <lanes@localhost>");
  }

  @Test
  void withARepositoryIdentityTheCommitCarriesIt() throws IOException {
    setUp();
    repos.git.run(repo, "config", "user.name", "Ada Lovelace");
    repos.git.run(repo, "config", "user.email", "ada@example.com");
    Path wt = worktrees.add(repo, "L-001", base);
    TempRepos.write(wt.resolve("a.txt"), "changed\n");

    CapturedPatch patch = capture.capture(wt, base, "L-001");

    assertThat(authorAndCommitter(wt, patch.commitId()))
        .isEqualTo("Ada Lovelace <ada@example.com> | Ada Lovelace <ada@example.com>");
  }

  @Test
  void identityFallsBackFieldByField() throws IOException {
    setUp();
    assertThat(GitIdentity.resolve(repos.git, repo)).isEqualTo(GitIdentity.LANES);

    repos.git.run(repo, "config", "user.email", "ci@example.com");
    assertThat(GitIdentity.resolve(repos.git, repo))
        .isEqualTo(new GitIdentity("lanes", "ci@example.com"));

    Files.writeString(repos.home.resolve(".gitconfig"), "[user]\n\tname = Global Name\n");
    assertThat(GitIdentity.resolve(repos.git, repo).toString())
        .isEqualTo("Global Name <ci@example.com>");
  }

  @Test
  void rawDiffOutputIsReadIntoKinds() {
    String z = "0".repeat(40);
    String a = "a".repeat(40);
    String b = "b".repeat(40);
    String raw =
        ":000000 100644 "
            + z
            + " "
            + a
            + " A\0:odd name\0"
            + ":100644 100755 "
            + a
            + " "
            + a
            + " M\0run.sh\0"
            + ":100644 100755 "
            + a
            + " "
            + b
            + " M\0both.sh\0"
            + ":100644 100644 "
            + a
            + " "
            + b
            + " R087\0from\0to\0";

    assertThat(PatchCapture.parseRaw(raw))
        .containsExactly(
            new ChangedFile(":odd name", Optional.empty(), Kind.ADDED),
            new ChangedFile("run.sh", Optional.empty(), Kind.MODE_CHANGED),
            new ChangedFile("both.sh", Optional.empty(), Kind.MODIFIED),
            new ChangedFile("to", Optional.of("from"), Kind.RENAMED));
    assertThat(PatchCapture.parseRaw("")).isEmpty();
  }

  private Path freshCheckoutOfBase(String name) {
    Path check = repos.root.resolve(name);
    repos.git.run(repo, "worktree", "add", "--detach", check.toString(), base);
    return check;
  }

  private String authorAndCommitter(Path dir, String commit) {
    return repos.git.run(dir, "log", "-1", "--format=%an <%ae> | %cn <%ce>", commit);
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
