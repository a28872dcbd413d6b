package dev.lanes.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedStateTest {
  @TempDir Path tmp;

  @Test
  void everyChangeIsNamedAndPutBackButLanesBranchesTheStashAndRemotesAreLeftAlone()
      throws Exception {
    TempRepos repos = new TempRepos(tmp);
    Path repo = repos.repo("r", Map.of("a.txt", "a\n"));
    String first = repos.head(repo);
    TempRepos.write(repo.resolve("a.txt"), "b\n");
    String second = repos.commitAll(repo, "second");
    repos.git.run(repo, "branch", "keep", first);
    repos.git.run(repo, "branch", "gone", first);
    repos.git.run(repo, "branch", "lanes/L-1", first);
    Path hook = repo.resolve(".git/hooks/pre-push");
    TempRepos.write(hook, "#!/bin/sh\necho the person's hook\n");
    assertThat(hook.toFile().setExecutable(true)).isTrue();
    SharedState state = new SharedState(repos.git, repo);
    SharedState.Snapshot before = state.take();
    byte[] config = Files.readAllBytes(repo.resolve(".git/config"));

    // What a worker might do, and what lanes itself does (a capture moving lanes/L-1).
    repos.git.run(repo, "update-ref", "refs/heads/keep", second);
    repos.git.run(repo, "update-ref", "-d", "refs/heads/gone");
    repos.git.run(repo, "tag", "planted", second);
    repos.git.run(repo, "update-ref", "refs/heads/lanes/L-1", second);
    repos.git.run(repo, "update-ref", "refs/stash", second);
    // A person's editor fetching while workers run.
    repos.git.run(repo, "update-ref", "refs/remotes/origin/main", second);
    repos.git.run(repo, "config", "core.fsmonitor", "/tmp/monitor");
    TempRepos.write(hook, "#!/bin/sh\necho a worker's hook\n");
    TempRepos.write(repo.resolve(".git/hooks/post-checkout"), "#!/bin/sh\n");
    TempRepos.write(repo.resolve(".git/info/attributes"), "* filter=x\n");
    SharedState.Snapshot now = state.take();

    List<SharedState.Change> changes = state.changes(before, now);
    SharedState.Restoration restored = state.restore(before, now, changes);

    String f = first.substring(0, 12);
    String s = second.substring(0, 12);
    assertThat(changes)
        .extracting(SharedState.Change::description)
        .containsExactly(
            "config changed: core.fsmonitor",
            "hooks/post-checkout added",
            "hooks/pre-push changed",
            "info/attributes added",
            "refs/heads/gone deleted (was " + f + ")",
            "refs/heads/keep moved from " + f + " to " + s,
            "refs/tags/planted created at " + s);
    assertThat(restored.notDone()).isEmpty();
    assertThat(restored.done())
        .containsExactly(
            "config restored",
            "hooks/post-checkout removed",
            "hooks/pre-push restored",
            "info/attributes removed",
            "refs/heads/gone back at " + f,
            "refs/heads/keep back at " + f,
            "refs/tags/planted deleted");
    assertThat(state.changes(before, state.take())).isEmpty();
    assertThat(Files.readAllBytes(repo.resolve(".git/config"))).isEqualTo(config);
    assertThat(Files.readString(hook)).isEqualTo("#!/bin/sh\necho the person's hook\n");
    assertThat(hook.toFile().canExecute()).isTrue();
    assertThat(repos.git.run(repo, "rev-parse", "lanes/L-1", "refs/stash", "origin/main"))
        .as("lanes' own branch, the stash and remote-tracking refs stay where they were moved")
        .isEqualTo(second + "\n" + second + "\n" + second);
  }
}
