package dev.lanes.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCliTest {
  @TempDir Path tmp;

  @Test
  void runReturnsStdoutWithoutTheFinalLineBreakAndLogsTheExactCall() {
    TempRepos repos = new TempRepos(tmp);
    Path repo = repos.repo("r", Map.of("a.txt", "a\n"));
    repos.calls.clear();

    String branch = repos.git.run(repo, "rev-parse", "--abbrev-ref", "HEAD");

    assertThat(branch).isEqualTo("main");
    assertThat(repos.calls)
        .containsExactly(new CliCall(repo, List.of("rev-parse", "--abbrev-ref", "HEAD"), Map.of()));
    assertThat(repos.calls.get(0).toString())
        .isEqualTo("git -C " + repo + " rev-parse --abbrev-ref HEAD");
  }

  @Test
  void aFailingCommandThrowsWithTheCommandItsExitCodeAndStderr() {
    TempRepos repos = new TempRepos(tmp);
    Path repo = repos.repo("r", Map.of("a.txt", "a\n"));

    assertThatThrownBy(() -> repos.git.run(repo, "checkout", "no-such-branch"))
        .isInstanceOfSatisfying(
            CliCallException.class,
            e -> {
              assertThat(e.call().args()).containsExactly("checkout", "no-such-branch");
              assertThat(e.exitCode()).isNotZero();
              assertThat(e.stderr()).contains("no-such-branch");
              assertThat(e.getMessage())
                  .startsWith("git -C " + repo + " checkout no-such-branch exited with ")
                  .contains("no-such-branch'");
            });
  }

  @Test
  void exitCodeAnswersQueriesButThrowsOnGitsOwnFatalErrors() {
    TempRepos repos = new TempRepos(tmp);
    Path repo = repos.repo("r", Map.of("a.txt", "a\n"));

    assertThat(repos.git.exitCode(repo, "rev-parse", "--verify", "--quiet", "refs/heads/main"))
        .isZero();
    assertThat(repos.git.exitCode(repo, "rev-parse", "--verify", "--quiet", "refs/heads/nope"))
        .isEqualTo(1);
    assertThatThrownBy(() -> repos.git.exitCode(tmp.resolve("home"), "rev-parse", "HEAD"))
        .isInstanceOf(CliCallException.class)
        .hasMessageContaining("not a git repository");
  }

  @Test
  void stdinAndPerCallEnvironmentReachGitAndBytesComeBackUntouched() {
    TempRepos repos = new TempRepos(tmp);
    Path repo = repos.repo("r", Map.of("a.txt", "a\n"));

    byte[] id =
        repos.git.runBytes(
            repo, Map.of(), "hello\n".getBytes(StandardCharsets.UTF_8), "hash-object", "--stdin");
    String who =
        repos.git.run(
            repo,
            Map.of("GIT_AUTHOR_NAME", "Env Name", "GIT_AUTHOR_EMAIL", "env@example.com"),
            "var",
            "GIT_AUTHOR_IDENT");

    assertThat(new String(id, StandardCharsets.UTF_8))
        .isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a\n");
    assertThat(who).startsWith("Env Name <env@example.com> ");
  }

  @Test
  void theTestHomeHidesTheMachinesGlobalIdentity() {
    TempRepos repos = new TempRepos(tmp);
    Path repo = repos.repo("r", Map.of("a.txt", "a\n"));

    assertThat(repos.git.exitCode(repo, "config", "--get", "user.name")).isEqualTo(1);
  }

  @Test
  void callsPrintAsCommandsAPersonCanPaste() {
    CliCall call =
        new CliCall(
            Path.of("/r"),
            List.of("commit", "-m", "it's done", "--quiet"),
            Map.of("GIT_AUTHOR_NAME", "A B"));

    assertThat(call.toString())
        .isEqualTo("GIT_AUTHOR_NAME='A B' git -C /r commit -m 'it'\\''s done' --quiet");
  }

  @Test
  void fixedDatesGivenOnceMakeCommitIdsRepeatAcrossRepositories() {
    TempRepos repos = new TempRepos(tmp);
    GitCli fixed =
        repos.git.withEnv(
            Map.of(
                "GIT_AUTHOR_DATE", "2025-01-01T00:00:00Z",
                "GIT_COMMITTER_DATE", "2025-01-01T00:00:00Z"));
    List<String> heads = new ArrayList<>();
    for (String name : List.of("one", "two")) {
      Path dir = tmp.resolve(name);
      TempRepos.write(dir.resolve("a.txt"), "same\n");
      fixed.run(dir, "init", "-q", "-b", "main");
      fixed.run(dir, "add", "a.txt");
      fixed.run(dir, GitIdentity.LANES.env(), "commit", "-q", "-m", "same");
      heads.add(fixed.run(dir, "rev-parse", "HEAD"));
    }

    assertThat(heads.get(0)).isEqualTo(heads.get(1));
  }

  @Test
  void lanesGitRunsNoHookAndNoFsmonitorOfTheRepositoryButWithHooksRunsThem() throws Exception {
    TempRepos repos = new TempRepos(tmp);
    Path repo = repos.repo("r", Map.of("a.txt", "a\n"));
    Path marker = tmp.resolve("marker");
    for (String hook :
        List.of("pre-commit", "post-commit", "post-checkout", "reference-transaction")) {
      Path file = repo.resolve(".git/hooks/" + hook);
      TempRepos.write(file, "#!/bin/sh\necho " + hook + " >> '" + marker + "'\n");
      assertThat(file.toFile().setExecutable(true)).isTrue();
    }
    Path fsmonitor = tmp.resolve("fsmonitor.sh");
    TempRepos.write(fsmonitor, "#!/bin/sh\necho fsmonitor >> '" + marker + "'\nexit 1\n");
    assertThat(fsmonitor.toFile().setExecutable(true)).isTrue();
    repos.git.run(repo, "config", "core.fsmonitor", fsmonitor.toString());
    TempRepos.write(repo.resolve("a.txt"), "changed\n");

    repos.git.run(repo, "status", "--porcelain");
    repos.git.run(repo, "checkout", "-q", "-b", "other");
    repos.commitAll(repo, "a commit");
    repos.git.run(repo, "update-ref", "refs/heads/moved", "HEAD");

    assertThat(marker).as("no hook or fsmonitor ran").doesNotExist();

    repos.git.withHooks().run(repo, "checkout", "-q", "main");

    assertThat(java.nio.file.Files.readString(marker)).contains("post-checkout");
  }
}
