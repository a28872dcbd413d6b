package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.Await;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code lanes dispatch} with scripted agents in real repositories: what a lane's patch captures,
 * and how each way a worker ends shows on the Board, in the ledger and in the Locks table.
 */
class DispatchOutcomeTest extends DispatchScenarioTest {
  @Test
  void everyKindOfChangeIsCapturedInOnePatchThatRebuildsTheWorktree() throws Exception {
    s.repo
        .write("src/a/B.java", "class B {}\n")
        .write("src/a/gone.txt", "to be deleted\n")
        .write("src/a/old.txt", "line one\nline two\nline three\nline four\nline five\n");
    ScriptedAgent agent =
        s.agent(
            "script",
            """
            printf 'class A { int committed; }\\n' > src/a/A.java
            git add src/a/A.java
            git commit -q -m 'agent: committed edit'
            printf 'class B { int uncommitted; }\\n' > src/a/B.java
            printf 'class New {}\\n' > src/a/New.java
            rm src/a/gone.txt
            git mv src/a/old.txt src/a/renamed.txt
            printf 'bin\\000ary\\001\\377\\000end' > src/a/blob.bin
            echo 'risks: none known' > "$LANES_HANDOFF_FILE"
            """);
    s.setUp(lane("L-1", "src/a/**", ""), agent);
    String base = s.repo.git("rev-parse", "HEAD").strip();

    TestRepo.Run run = s.lanes("dispatch", "L-1");

    assertThat(run)
        .succeeded()
        // One worktree made, the work committed there once, the person's checkout left alone.
        .ranGit(1, "worktree", "add")
        .ranGit(1, "commit")
        .ranNoGitActionIn(s.root, "worktree");
    assertThat(run.out()).contains("L-1 attempt 1: handed off");
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.board("L-1").attempt()).isEqualTo(1);
    assertThat(s.lockOf("L-1")).as("a handed-off lane keeps its lock").isPresent();
    assertThat(s.ledger("L-1")).containsExactly("001-dispatch.md", "002-handoff.md");

    // The patch, applied to a fresh checkout of the base, gives exactly the worktree.
    Path patch = s.root.resolve(".lanes/run/L-1/1.patch");
    assertThat(patch).isRegularFile();
    Path fresh = tmp.resolve("fresh");
    s.repo.git("worktree", "add", "-q", "--detach", fresh.toString(), base);
    s.repo.git("-C", fresh.toString(), "apply", "--index", patch.toString());
    Path worktree = s.worktree("L-1");
    assertThat(DispatchScenario.files(fresh)).isEqualTo(DispatchScenario.files(worktree));
    byte[] blob = Files.readAllBytes(worktree.resolve("src/a/blob.bin"));
    assertThat(new String(blob, StandardCharsets.ISO_8859_1)).isEqualTo("bin\0ary\1\u00ff\0end");
    assertThat(fresh.resolve("src/a/gone.txt")).doesNotExist();
    assertThat(fresh.resolve("src/a/old.txt")).doesNotExist();

    // The branch holds the agent's own commit and the captured one, and nothing is left over.
    String handoff = s.entry("L-1", "handoff");
    String tip = s.repo.git("rev-parse", "lanes/L-1").strip();
    assertThat(handoff).contains("- Commit: " + tip).contains("- Patch: `.lanes/run/L-1/1.patch`");
    assertThat(s.repo.git("log", "--format=%s", base + "..lanes/L-1"))
        .contains("agent: committed edit")
        .contains("work on L-1");
    assertThat(s.repo.git("-C", worktree.toString(), "status", "--porcelain")).isBlank();

    // The handoff entry lists every file with its kind of change.
    assertThat(handoff)
        .contains("modified: `src/a/A.java`")
        .contains("modified: `src/a/B.java`")
        .contains("added: `src/a/New.java`")
        .contains("added: `src/a/blob.bin`")
        .contains("deleted: `src/a/gone.txt`")
        .contains("renamed: `src/a/renamed.txt (from src/a/old.txt)`")
        .contains("## Risks\n\nnone known");
    // The person's checkout is untouched.
    assertThat(s.repo.read("src/a/A.java")).isEqualTo("class A {}\n");
  }

  @Test
  void anEditOutsideTheScopeFailsTheLaneNamesTheFileAndReleasesTheLock() {
    ScriptedAgent agent =
        s.agent(
            "script",
            """
            echo 'class A { int ok; }' > src/a/A.java
            echo 'class B { int stray; }' > src/b/B.java
            """);
    s.setUp(lane("L-1", "src/a/**", ""), agent);

    TestRepo.Run run = s.lanes("dispatch", "L-1");

    assertThat(run).exitedWith(1);
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.FAILED);
    assertThat(s.locks()).as("the lock is released").isEmpty();
    assertThat(s.ledger("L-1")).containsExactly("001-dispatch.md", "002-failure.md");
    String failure = s.entry("L-1", "failure");
    assertThat(failure).contains("- Kind: scope").contains("src/b/B.java");
    assertThat(failure).doesNotContain("src/a/A.java");
    assertThat(s.repo.read("src/b/B.java")).as("the person's file").isEqualTo("class B {}\n");
  }

  @Test
  void aCrashedAgentFailsWithTheTailOfItsOutput() {
    ScriptedAgent agent =
        s.agent(
            "script",
            """
            echo 'class A { int half; }' > src/a/A.java
            echo 'compiling the frobnicator'
            echo 'fatal: frobnicator exploded' >&2
            kill -9 $$
            """);
    s.setUp(lane("L-1", "src/a/**", ""), agent);

    TestRepo.Run run = s.lanes("dispatch", "L-1");

    assertThat(run).exitedWith(1);
    assertThat(run.out()).contains("L-1 attempt 1: the worker failed with exit");
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.FAILED);
    assertThat(s.locks()).isEmpty();
    String failure = s.entry("L-1", "failure");
    assertThat(failure)
        .contains("- Kind: exit ")
        .contains("## Output tail")
        .contains("compiling the frobnicator")
        .contains("fatal: frobnicator exploded")
        .contains(".lanes/logs/L-1.1.log");
    assertThat(s.root.resolve(".lanes/logs/L-1.1.log"))
        .content()
        .contains("fatal: frobnicator exploded");
  }

  @Test
  void anAgentExitingWithOneFails() {
    ScriptedAgent agent = s.agent("script", "echo 'cannot do this'\nexit 1\n");
    s.setUp(lane("L-1", "src/a/**", ""), agent);

    TestRepo.Run run = s.lanes("dispatch", "L-1");

    assertThat(run).exitedWith(1);
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.FAILED);
    assertThat(s.entry("L-1", "failure")).contains("- Kind: exit 1").contains("cannot do this");
  }

  @Test
  void aTimeoutEndsTheWholeProcessTree() throws Exception {
    Path pids = tmp.resolve("pids");
    ScriptedAgent agent =
        s.agent(
            "script",
            "echo $$ >> "
                + ScriptedAgent.quote(pids.toString())
                + "\n"
                + "sleep 300 &\n"
                + "echo $! >> "
                + ScriptedAgent.quote(pids.toString())
                + "\n"
                + "( sleep 300 & echo $! >> "
                + ScriptedAgent.quote(pids.toString())
                + "; wait ) &\n"
                + "echo $! >> "
                + ScriptedAgent.quote(pids.toString())
                + "\n"
                + "echo 'class A { int slow; }' > src/a/A.java\n"
                + "echo 'started the slow part'\n"
                + "wait\n");
    s.setUp(lane("L-1", "src/a/**", ""), agent);

    long started = System.nanoTime();
    TestRepo.Run run = s.lanes("dispatch", "L-1", "--timeout", "2s");
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;

    assertThat(run).exitedWith(1);
    assertThat(seconds).as("the run ends soon after its time limit").isLessThan(10);
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.FAILED);
    assertThat(s.locks()).isEmpty();
    assertThat(s.entry("L-1", "failure"))
        .contains("- Kind: timeout")
        .contains("ran out of time")
        .contains("started the slow part");
    List<Long> started4 = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
    assertThat(started4).hasSize(4);
    Await.until(
        () -> started4.stream().noneMatch(DispatchScenario::running),
        Duration.ofSeconds(2),
        "every process of the worker's tree to be gone");
  }

  @Test
  void aBackgroundChildLeftBehindByADoneWorkerNeitherHangsTheRunNorOutlivesIt() throws Exception {
    Path pid = tmp.resolve("child.pid");
    ScriptedAgent agent =
        s.agent(
            "script",
            "sleep 300 &\necho $! > "
                + ScriptedAgent.quote(pid.toString())
                + "\necho 'class A { int done; }' > src/a/A.java\necho 'done, bye'\n");
    s.setUp(lane("L-1", "src/a/**", ""), agent);

    long started = System.nanoTime();
    TestRepo.Run run = s.lanes("dispatch", "L-1");
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;

    assertThat(run).succeeded();
    assertThat(seconds)
        .as("the child holding the output open does not hold up lanes")
        .isLessThan(10);
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.HANDED_OFF);
    long child = Long.parseLong(Files.readString(pid).strip());
    assertThat(s.leftovers(2000)).isEmpty();
    assertThat(DispatchScenario.running(child)).isFalse();
  }

  @Test
  void aWorkerWritingIntoThePersonsCheckoutIsReportedAsAPossibleEscape() {
    ScriptedAgent agent =
        s.agent(
            "script",
            """
            echo 'class A { int mine; }' > src/a/A.java
            echo 'oops' > ../../../src/b/escaped.txt
            """);
    s.setUp(lane("L-1", "src/a/**", ""), agent);

    TestRepo.Run run = s.lanes("dispatch", "L-1");

    assertThat(run).succeeded();
    assertThat(run.out()).contains("(possible escape): src/b/escaped.txt");
    assertThat(s.entry("L-1", "handoff"))
        .contains("## Possible escapes\n\n- `src/b/escaped.txt`")
        .doesNotContain("PLAN.md`");
  }

  @Test
  void anAgentThatChangesNothingFailsWithNoChanges() {
    ScriptedAgent agent = s.agent("script", "echo 'looked around, all fine'\n");
    s.setUp(lane("L-1", "src/a/**", ""), agent);

    TestRepo.Run run = s.lanes("dispatch", "L-1");

    assertThat(run).exitedWith(1);
    assertThat(run.out()).contains("no changes");
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.FAILED);
    assertThat(s.board("L-1").note()).contains("no changes");
    assertThat(s.locks()).isEmpty();
    assertThat(s.entry("L-1", "failure")).contains("- Kind: no-changes").contains("no changes");
    assertThat(s.root.resolve(".lanes/run/L-1/1.patch")).isEmptyFile();
  }
}
