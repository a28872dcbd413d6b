package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.Await;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a later command makes of the processes a killed lanes recorded: a zombie lanes process is a
 * dead one, and a recorded worker still running is ended before the lane is resumed, but only when
 * the kernel's start time and the worker's environment prove it is that worker; a process that got
 * the recorded pid later, or a stranger's, is left alone.
 */
class LeftWorkerTest extends DispatchScenarioTest {
  /** Writes its attempt number; asks for approval (exit 77) on the first, hands off after. */
  private static final String BLOCKED_ON_ITS_FIRST_ATTEMPT =
      """
      mkdir -p "src/$LANES_LANE"
      echo "attempt $LANES_ATTEMPT" > "src/$LANES_LANE/progress.txt"
      [ "$LANES_ATTEMPT" -gt 1 ] || exit 77
      """;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void endStartedProcesses() throws InterruptedException {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
    }
  }

  @Test
  void aZombieLanesProcessCountsAsDeadForStatusAndResume() throws Exception {
    ScriptedAgent agent = s.agent("script", BLOCKED_ON_ITS_FIRST_ATTEMPT);
    s.setUp(lane("L-1", "src/L-1/**", "") + lane("L-2", "src/L-2/**", ""), agent);
    assertThat(s.lanes("dispatch", "L-1", "L-2").exitCode()).isZero();
    long zombie = zombie();
    // L-1: lanes was killed while the worker ran, and is a zombie nobody reaped yet.
    s.setBoardStatus("L-1", "running");
    Files.writeString(
        s.root.resolve(".lanes/run/L-1/worker"),
        "lanes-pid " + zombie + "\nlanes-start " + startTime(zombie) + "\nattempt 1\n");
    // L-2: killed while the lane waited for a worker slot: only its lock names the process.
    s.setBoardStatus("L-2", "dispatched");
    Files.delete(s.root.resolve(".lanes/run/L-2/worker"));
    String owner = s.lockOf("L-2").orElseThrow().owner().trim();
    s.editPlan(text -> text.replace(owner, zombie + owner.substring(owner.indexOf('@'))));

    TestRepo.Run status = s.lanes("status");

    assertThat(status.out())
        .contains("process gone: run `lanes resume L-1`")
        .contains("process gone: run `lanes resume L-2`");
    for (String lane : List.of("L-1", "L-2")) {
      TestRepo.Run resume = s.lanes("resume", lane);
      assertThat(resume).succeeded();
      assertThat(s.board(lane).status()).isEqualTo(BoardStatus.HANDED_OFF);
      assertThat(s.board(lane).attempt()).isEqualTo(2);
    }
    assertThat(state(zombie)).as("the lanes process was a zombie all along").isEqualTo("Z");
  }

  @Test
  void resumeEndsTheRecordedWorkerButNeitherARecycledPidNorAStrangersProcess() throws Exception {
    ScriptedAgent agent = s.agent("script", BLOCKED_ON_ITS_FIRST_ATTEMPT);
    s.setUp(
        lane("L-1", "src/L-1/**", "")
            + lane("L-2", "src/L-2/**", "")
            + lane("L-3", "src/L-3/**", ""),
        agent);
    assertThat(s.lanes("dispatch", "L-1", "L-2", "L-3").exitCode()).isZero();
    long gone = goneProcess();
    // Each lane's worker file names a live process group; only L-1's is really its worker.
    long worker = groupLeader(marks("L-1"));
    long recycled = groupLeader(marks("L-2"));
    long stranger = groupLeader(Map.of());
    record(gone, "L-1", worker, startTime(worker));
    // The pid was handed out again: the process on record started at another time.
    record(gone, "L-2", recycled, startTime(recycled) - 1);
    // The right start time, but not a process lanes started for this lane (a rewritten record).
    record(gone, "L-3", stranger, startTime(stranger));

    TestRepo.Run one = s.lanes("resume", "L-1");
    TestRepo.Run two = s.lanes("resume", "L-2");
    TestRepo.Run three = s.lanes("resume", "L-3");

    assertThat(one).succeeded();
    assertThat(one.out())
        .contains(
            "ended attempt 1's worker (process group "
                + worker
                + ") left by a killed lanes (pid "
                + gone
                + ")");
    assertThat(running(worker)).as("L-1's recorded worker").isFalse();
    assertThat(two).succeeded();
    assertThat(three).succeeded();
    assertThat(two.out() + three.out()).doesNotContain("ended attempt");
    assertThat(running(recycled)).as("a process whose pid was recycled").isTrue();
    assertThat(running(stranger)).as("a stranger's process").isTrue();
    for (String lane : List.of("L-1", "L-2", "L-3")) {
      assertThat(s.board(lane).status()).isEqualTo(BoardStatus.HANDED_OFF);
      assertThat(s.board(lane).attempt()).isEqualTo(2);
    }
  }

  private void record(long lanesPid, String lane, long worker, long workerStart)
      throws IOException {
    Files.writeString(
        s.root.resolve(".lanes/run/" + lane + "/worker"),
        "lanes-pid "
            + lanesPid
            + "\nworker-pid "
            + worker
            + "\nworker-pgid "
            + worker
            + "\nworker-start "
            + workerStart
            + "\nworker-worktree "
            + s.worktree(lane)
            + "\nattempt 1\n");
  }

  /** What lanes puts in the environment of every process of the lane's first attempt. */
  private Map<String, String> marks(String lane) {
    return Map.of(
        "LANES_LANE", lane, "LANES_ATTEMPT", "1", "LANES_WORKTREE", s.worktree(lane).toString());
  }

  /**
   * A process that waits for a reaper that never comes: {@code sh} starts a short background job
   * and execs into {@code sleep}, which never waits for children.
   */
  private long zombie() throws IOException {
    Process parent = new ProcessBuilder("sh", "-c", "sleep 0.1 & exec sleep 60").start();
    started.add(parent);
    long[] child = {-1};
    await(
        () -> {
          child[0] = parent.children().findFirst().map(ProcessHandle::pid).orElse(-1L).longValue();
          return child[0] > 0 && "Z".equals(state(child[0]));
        },
        "a zombie child");
    return child[0];
  }

  /** The pid of a process that ran and was reaped. */
  private static long goneProcess() throws IOException, InterruptedException {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    return gone.pid();
  }

  /** A {@code sleep} leading its own process group and session, with this environment. */
  private long groupLeader(Map<String, String> environment) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("setsid", "sleep", "60");
    builder.environment().putAll(environment);
    Process p = builder.start();
    started.add(p);
    await(() -> field(p.pid(), 2).equals(Long.toString(p.pid())), "setsid to make a group");
    return p.pid();
  }

  private static boolean running(long pid) {
    String state = state(pid);
    return !state.isEmpty() && !state.equals("Z");
  }

  private static String state(long pid) {
    return field(pid, 0);
  }

  private static long startTime(long pid) {
    return Long.parseLong(field(pid, 19));
  }

  /** Field {@code index} of /proc/pid/stat counted from the state (field 3); "" when gone. */
  private static String field(long pid, int index) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[index];
    } catch (IOException e) {
      return "";
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    Await.until(condition, Duration.ofSeconds(10), what);
  }
}
