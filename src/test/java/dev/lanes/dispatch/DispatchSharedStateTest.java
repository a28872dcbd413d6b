package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.Await;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Workers that change what every worktree shares (hooks, config, info/, branches): the lane fails
 * naming the change, lanes puts it back, and no later lanes command runs what a worker planted.
 */
class DispatchSharedStateTest extends DispatchScenarioTest {
  private static final List<String> HOOKS =
      List.of(
          "pre-commit",
          "post-commit",
          "post-checkout",
          "post-merge",
          "reference-transaction",
          "pre-applypatch",
          "post-rewrite");

  private Path marker() {
    return tmp.resolve("marker");
  }

  /** Shell lines that write each of {@link #HOOKS} into {@code $1} (a folder), each noting runs. */
  private String plantHooks(String folder) {
    StringBuilder sh = new StringBuilder("mkdir -p " + folder + "\n");
    for (String h : HOOKS) {
      sh.append("printf '#!/bin/sh\\necho ")
          .append(h)
          .append(" ran >> %s\\n' ")
          .append(ScriptedAgent.quote(marker().toString()))
          .append(" > ")
          .append(folder)
          .append("/")
          .append(h)
          .append("\nchmod +x ")
          .append(folder)
          .append("/")
          .append(h)
          .append("\n");
    }
    return sh.toString();
  }

  private static final String COMMON =
      "\"$(git rev-parse --path-format=absolute --git-common-dir)\"";

  /** L-1 runs the given worker; L-2, after it, is clean and lands at the next integrate. */
  private void twoLanes(String evilBody) {
    ScriptedAgent clean = s.agent("clean", "echo 'class B { int work; }' > src/b/B.java\n");
    ScriptedAgent evil = s.agent("evil", evilBody);
    s.setUp(
        lane("L-1", "src/a/**", "- agent: evil\n") + lane("L-2", "src/b/**", "- agent: clean\n"),
        clean,
        evil);
  }

  @Test
  void plantedHooksFailTheLaneAreRemovedAndNoLaterIntegrateRunsThem() throws IOException {
    twoLanes(plantHooks(COMMON + "/hooks") + "echo 'class A { int work; }' > src/a/A.java\n");
    Map<String, String> hooksBefore = files(s.root.resolve(".git/hooks"));

    TestRepo.Run run = s.lanes("dispatch", "--parallel", "1");

    assertThat(run).exitedWith(1);
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.FAILED);
    assertThat(s.board("L-2").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.lockOf("L-1")).as("a failed lane's lock is released").isEmpty();
    String failure = s.entry("L-1", "failure");
    for (String h : HOOKS) {
      assertThat(failure).contains("hooks/" + h + " added").contains("hooks/" + h + " removed");
    }
    assertThat(files(s.root.resolve(".git/hooks")))
        .as("the planted hooks are gone, the samples untouched")
        .isEqualTo(hooksBefore);

    // A daemon the worker left behind plants them again after the check: lanes' own git calls in
    // integrate still run none of them.
    Files.deleteIfExists(marker());
    plantDirectly(s.root.resolve(".git/hooks"));
    TestRepo.Run integrate = s.lanes("integrate");

    assertThat(integrate).succeeded();
    assertThat(s.board("L-2").status()).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(marker()).as("no planted hook ran in integrate").doesNotExist();
  }

  private void plantDirectly(Path folder) throws IOException {
    for (String h : HOOKS) {
      Path hook = folder.resolve(h);
      Files.writeString(hook, "#!/bin/sh\necho " + h + " ran >> '" + marker() + "'\n");
      assertThat(hook.toFile().setExecutable(true)).isTrue();
    }
  }

  @Test
  void hooksPathFsmonitorFilterAndSigningInTheSharedConfigFailTheLaneAndAreUndone()
      throws IOException {
    Path scripts = tmp.resolve("evil");
    Files.createDirectories(scripts);
    String m = ScriptedAgent.quote(marker().toString());
    Path fsmonitor = scripts.resolve("fsmonitor.sh");
    Files.writeString(fsmonitor, "#!/bin/sh\necho fsmonitor ran >> " + m + "\nexit 1\n");
    Path filter = scripts.resolve("filter.sh");
    Files.writeString(filter, "#!/bin/sh\necho filter ran >> " + m + "\ncat\n");
    Path gpg = scripts.resolve("gpg.sh");
    Files.writeString(gpg, "#!/bin/sh\necho gpg ran >> " + m + "\nexit 1\n");
    for (Path p : List.of(fsmonitor, filter, gpg)) {
      assertThat(p.toFile().setExecutable(true)).isTrue();
    }
    String hooks = ScriptedAgent.quote(scripts.resolve("hooks").toString());
    twoLanes(
        plantHooks(hooks)
            + "echo 'class A { int work; }' > src/a/A.java\n"
            + "git config core.hooksPath "
            + hooks
            + "\ngit config core.fsmonitor "
            + ScriptedAgent.quote(fsmonitor.toString())
            + "\ngit config filter.evil.clean "
            + ScriptedAgent.quote(filter.toString())
            + "\ngit config filter.evil.smudge "
            + ScriptedAgent.quote(filter.toString())
            + "\ngit config commit.gpgsign true\n"
            + "git config gpg.program "
            + ScriptedAgent.quote(gpg.toString())
            + "\necho '* filter=evil' >> "
            + COMMON
            + "/info/attributes\n");
    byte[] configBefore = Files.readAllBytes(s.root.resolve(".git/config"));

    TestRepo.Run run = s.lanes("dispatch", "--parallel", "1");

    assertThat(run).exitedWith(1);
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.FAILED);
    assertThat(s.board("L-2").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.entry("L-1", "failure"))
        .contains("config changed: ")
        .contains("core.hooksPath")
        .contains("core.fsmonitor")
        .contains("filter.evil.clean")
        .contains("filter.evil.smudge")
        .contains("commit.gpgsign")
        .contains("gpg.program")
        .contains("info/attributes added")
        .contains("config restored")
        .contains("info/attributes removed");
    assertThat(Files.readAllBytes(s.root.resolve(".git/config")))
        .as("the config is back as it was, byte for byte")
        .isEqualTo(configBefore);
    assertThat(s.root.resolve(".git/info/attributes")).doesNotExist();

    Files.deleteIfExists(marker());
    TestRepo.Run integrate = s.lanes("integrate");

    assertThat(integrate).succeeded();
    assertThat(s.board("L-2").status()).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(marker()).as("no hook, fsmonitor, filter or signer ran in integrate").doesNotExist();
  }

  @Test
  void aWorkerMovingTheTargetFailsItsLaneAndTheTargetGoesBack() {
    Path movedTo = tmp.resolve("moved-to");
    ScriptedAgent evil =
        s.agent(
            "evil",
            "echo 'class A { int work; }' > src/a/A.java\n"
                + "c=$(git commit-tree 'HEAD^{tree}' -p HEAD -m 'never gated')\n"
                + "git update-ref refs/heads/main \"$c\"\n"
                + "echo \"$c\" > "
                + ScriptedAgent.quote(movedTo.toString())
                + "\n");
    s.setUp(lane("L-1", "src/a/**", ""), evil);
    String main = s.repo.git("rev-parse", "main").strip();

    TestRepo.Run run = s.lanes("dispatch");

    assertThat(run).exitedWith(1);
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.FAILED);
    String ungated = read(movedTo).strip();
    assertThat(s.entry("L-1", "failure"))
        .contains(
            "refs/heads/main moved from "
                + main.substring(0, 12)
                + " to "
                + ungated.substring(0, 12))
        .contains("refs/heads/main back at " + main.substring(0, 12));
    assertThat(s.repo.git("rev-parse", "main").strip()).isEqualTo(main);
  }

  @Test
  void aWorkerDeletingTheTargetFailsItsLaneAndTheTargetIsMadeAgain() {
    ScriptedAgent evil =
        s.agent(
            "evil",
            "echo 'class A { int work; }' > src/a/A.java\ngit update-ref -d refs/heads/main\n");
    s.setUp(lane("L-1", "src/a/**", ""), evil);
    String main = s.repo.git("rev-parse", "main").strip();

    TestRepo.Run run = s.lanes("dispatch");

    assertThat(run).exitedWith(1);
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.FAILED);
    assertThat(s.entry("L-1", "failure"))
        .contains("refs/heads/main deleted (was " + main.substring(0, 12) + ")")
        .contains("refs/heads/main back at " + main.substring(0, 12));
    assertThat(s.repo.git("rev-parse", "main").strip()).isEqualTo(main);
  }

  @Test
  void aCleanWorkerIsNotBlamedForTheCaptureOfALaneBesideIt() {
    // L-a commits and ends at once; L-b works on until lanes has captured L-a (committed on
    // lanes/L-a and written its patch), so that L-b's check comes after that ref moved.
    Path patchOfA = s.root.resolve(".lanes/run/L-a/1.patch");
    ScriptedAgent agent =
        s.agent(
            "script",
            """
            case "$LANES_LANE" in
              L-a)
                echo 'class A { int work; }' > src/a/A.java
                git commit -q -am 'work of L-a'
                ;;
              *)
                i=0
                while [ ! -s PATCH ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
                echo 'class B { int work; }' > src/b/B.java
                ;;
            esac
            """
                .replace("PATCH", ScriptedAgent.quote(patchOfA.toString())));
    s.setUp(lane("L-a", "src/a/**", "") + lane("L-b", "src/b/**", ""), agent);

    TestRepo.Run run = s.lanes("dispatch", "--parallel", "2");

    assertThat(run).succeeded();
    assertThat(s.board("L-a").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.board("L-b").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(patchOfA).isNotEmptyFile();
  }

  @Test
  void anIntegrateBesideADispatchLandsAndIsNotUndone() throws Exception {
    Path go = tmp.resolve("go");
    Path started = tmp.resolve("started");
    ScriptedAgent agent =
        s.agent(
            "script",
            """
            case "$LANES_LANE" in
              L-1) echo 'class A { int work; }' > src/a/A.java ;;
              *)
                touch STARTED
                i=0
                while [ ! -e GO ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
                echo 'class B { int work; }' > src/b/B.java
                ;;
            esac
            """
                .replace("STARTED", ScriptedAgent.quote(started.toString()))
                .replace("GO", ScriptedAgent.quote(go.toString())));
    s.setUp(lane("L-1", "src/a/**", "") + lane("L-2", "src/b/**", ""), agent);
    assertThat(s.lanes("dispatch", "L-1").exitCode()).isZero();

    CompletableFuture<TestRepo.Run> dispatch =
        CompletableFuture.supplyAsync(() -> s.lanes("dispatch", "L-2"));
    Await.until(() -> Files.exists(started), Duration.ofSeconds(20), "L-2 to run");
    TestRepo.Run integrate = s.lanes("integrate");
    String landed = s.repo.git("rev-parse", "main").strip();
    Files.writeString(go, "");
    TestRepo.Run run = dispatch.get(60, TimeUnit.SECONDS);

    assertThat(integrate).succeeded();
    assertThat(run).succeeded();
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.INTEGRATED);
    assertThat(s.board("L-2").status()).isEqualTo(BoardStatus.HANDED_OFF);
    assertThat(s.repo.git("rev-parse", "main").strip()).as("the landing stays").isEqualTo(landed);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under {@code dir} with its bytes and whether it is executable. */
  private static Map<String, String> files(Path dir) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(dir.relativize(p) + (Files.isExecutable(p) ? " (x)" : ""), Files.readString(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
