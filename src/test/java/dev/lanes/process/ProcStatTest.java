package dev.lanes.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatTest {

  @TempDir Path proc;

  @Test
  void aZombieIsNotRunningAndAnAbsentProcessNeither() throws IOException {
    stat(10, "sleep", "S", 1, 10);
    stat(11, "sleep", "Z", 1, 10);
    ProcStat stat = new ProcStat(proc);

    assertThat(stat.running(10)).isTrue();
    assertThat(stat.running(11)).isFalse();
    assertThat(stat.running(12)).isFalse();
  }

  @Test
  void aGroupRunsWhileOneMemberIsNotAZombie() throws IOException {
    stat(20, "sh", "Z", 1, 20);
    stat(21, "sleep", "Z", 1, 20);
    stat(30, "other", "R", 1, 30);
    Files.createDirectories(proc.resolve("self"));
    ProcStat stat = new ProcStat(proc);

    assertThat(stat.groupRunning(20)).isFalse();
    assertThat(stat.groupRunning(30)).isTrue();

    stat(22, "sleep", "S", 1, 20);
    assertThat(stat.groupRunning(20)).isTrue();
  }

  @Test
  void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() throws IOException {
    stat(40, "a) Z 1 (b", "S", 1, 40);
    ProcStat stat = new ProcStat(proc);

    assertThat(stat.running(40)).isTrue();
    assertThat(stat.groupRunning(40)).isTrue();
  }

  @Test
  void theRealProcFsSeesThisJvmRunningInItsGroup() {
    ProcStat.system()
        .ifPresent(
            stat -> {
              assertThat(stat.running(ProcessHandle.current().pid())).isTrue();
              assertThat(stat.running(Long.MAX_VALUE)).isFalse();
            });
  }

  // --- the group check that reads only the pids allocated since the leader ---

  @Test
  void onlyPidsAllocatedSinceTheLeaderAreRead() throws IOException {
    kernel(32768, 150, 1_010);
    stat(120, "sleep", "S", 1, 100);
    ProcStat stat = new ProcStat(proc);

    assertThat(stat.groupRunning(100, 1_000)).isTrue();

    // Outside (100, 150] a member cannot exist; one planted there proves it is not read.
    Files.delete(proc.resolve("120/stat"));
    stat(90, "sleep", "S", 1, 100);
    stat(151, "sleep", "S", 1, 100);
    assertThat(stat.groupRunning(100, 1_000)).isFalse();
    assertThat(stat.groupRunning(100)).as("the full scan sees them").isTrue();
  }

  @Test
  void inTheRangeZombiesAndOtherGroupsThreadsDoNotCount() throws IOException {
    kernel(32768, 110, 1_010);
    stat(101, "sh", "Z", 1, 100);
    stat(102, "java", "S", 1, 7); // a thread id of another process: read by number, other group
    ProcStat stat = new ProcStat(proc);

    assertThat(stat.groupRunning(100, 1_000)).isFalse();

    stat(103, "sleep", "D", 1, 100);
    assertThat(stat.groupRunning(100, 1_000)).isTrue();
  }

  @Test
  void theLeaderAloneIsReadWhenItWasTheLastPid() throws IOException {
    kernel(32768, 100, 1_001);
    stat(100, "sh", "Z", 1, 100);
    stat(99, "sleep", "S", 1, 100);
    ProcStat stat = new ProcStat(proc);

    assertThat(stat.groupRunning(100, 1_000)).isFalse();

    stat(100, "sh", "S", 1, 100);
    assertThat(stat.groupRunning(100, 1_000)).isTrue();
  }

  @Test
  void afterTheWrapAtPidMaxBothEndsAreRead() throws IOException {
    kernel(32768, 400, 1_200);
    ProcStat stat = new ProcStat(proc);
    stat(32500, "sleep", "S", 1, 32700); // below the leader: allocated before it
    stat(450, "sleep", "S", 1, 32700); // past the last pid
    assertThat(stat.groupRunning(32700, 1_000)).isFalse();

    stat(32767, "sleep", "S", 1, 32700);
    assertThat(stat.groupRunning(32700, 1_000)).as("just below pid_max").isTrue();

    Files.delete(proc.resolve("32767/stat"));
    stat(300, "sleep", "S", 1, 32700);
    assertThat(stat.groupRunning(32700, 1_000)).as("first pid after the wrap").isTrue();
  }

  @Test
  void aWideRangeIsFoundThroughTheListing() throws IOException {
    kernel(4_194_304, 100_000, 20_000);
    stat(99, "sleep", "S", 1, 100); // below the leader
    stat(100_001, "sleep", "S", 1, 100); // past the last pid
    ProcStat stat = new ProcStat(proc);

    assertThat(100_000 - 100).isGreaterThan(ProcStat.DIRECT_READS);
    assertThat(stat.groupRunning(100, 1_000)).isFalse();

    stat(50_000, "sleep", "S", 1, 100);
    assertThat(stat.groupRunning(100, 1_000)).isTrue();
  }

  @Test
  void aWideWrappedRangeIsFoundThroughTheListingToo() throws IOException {
    kernel(32768, 5_000, 1_500);
    stat(20_000, "sleep", "S", 1, 30_000); // between the last pid and the leader
    ProcStat stat = new ProcStat(proc);
    assertThat(stat.groupRunning(30_000, 1_000)).isFalse();

    stat(4_000, "sleep", "S", 1, 30_000);
    assertThat(stat.groupRunning(30_000, 1_000)).isTrue();
  }

  @Test
  void anUnreadableLoadavgFallsBackToTheFullScan() throws IOException {
    kernel(32768, 150, 1_010);
    stat(90, "sleep", "S", 1, 100); // outside the range: only the full scan finds it
    ProcStat stat = new ProcStat(proc);
    assertThat(stat.groupRunning(100, 1_000)).isFalse();

    Files.delete(proc.resolve("loadavg"));
    assertThat(stat.groupRunning(100, 1_000)).isTrue();

    Files.writeString(proc.resolve("loadavg"), "garbage\n");
    assertThat(stat.groupRunning(100, 1_000)).isTrue();

    kernel(32768, 0, 1_010);
    assertThat(stat.groupRunning(100, 1_000))
        .as("no pid allocated yet: not a real cursor")
        .isTrue();

    kernel(32768, 32768, 1_010);
    assertThat(stat.groupRunning(100, 1_000)).as("a last pid at pid_max").isTrue();
  }

  @Test
  void anUnknownForkCountOrPidMaxFallsBackToTheFullScan() throws IOException {
    kernel(32768, 150, 1_010);
    stat(90, "sleep", "S", 1, 100);
    ProcStat stat = new ProcStat(proc);

    assertThat(stat.groupRunning(100, -1)).as("no count before the launch").isTrue();

    Files.writeString(proc.resolve("stat"), "cpu  1 2 3 4\n");
    assertThat(stat.forks()).isEqualTo(-1);
    assertThat(stat.groupRunning(100, 1_000)).as("no count now").isTrue();

    kernel(32768, 150, 1_010);
    Files.delete(proc.resolve("sys/kernel/pid_max"));
    assertThat(stat.groupRunning(100, 1_000)).as("no pid_max").isTrue();
  }

  @Test
  void enoughForksToLapThePidSpaceFallBackToTheFullScan() throws IOException {
    // A lap of the pid space since the launch can bring the cursor round past the leader again,
    // leaving members allocated in the first lap outside [leader, last].
    kernel(32768, 150, 1_000 + (32768 - 300) / 2);
    stat(90, "sleep", "S", 1, 100);
    ProcStat stat = new ProcStat(proc);

    assertThat(stat.groupRunning(100, 1_000)).isTrue();

    kernel(32768, 150, 1_000 + (32768 - 300) / 2 - 1);
    assertThat(stat.groupRunning(100, 1_000)).isFalse();
  }

  @Test
  void theForkCountComesFromTheProcessesLine() throws IOException {
    kernel(32768, 150, 123_456_789);

    assertThat(new ProcStat(proc).forks()).isEqualTo(123_456_789);
    assertThat(new ProcStat(proc.resolve("missing")).forks()).isEqualTo(-1);
  }

  @Test
  void theRealProcFsFindsAChildsGroupByRange() throws Exception {
    assumeThat(ProcStat.system()).isPresent();
    Path setsid = Path.of("/usr/bin/setsid");
    assumeThat(Files.isExecutable(setsid)).isTrue();
    ProcStat stat = ProcStat.system().get();
    long forks = stat.forks();
    Process leader =
        new ProcessBuilder(setsid.toString(), "sh", "-c", "sleep 30 & echo $!; exec sleep 30")
            .redirectErrorStream(true)
            .start();
    try {
      // The line says the background job exists; the leader itself is the exec'd sleep.
      String child =
          new BufferedReader(
                  new InputStreamReader(leader.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertThat(child).isNotBlank();
      assertThat(stat.groupRunning(leader.pid(), forks)).isTrue();
    } finally {
      leader.descendants().forEach(ProcessHandle::destroyForcibly);
      leader.destroyForcibly().waitFor();
    }
  }

  /** Writes /proc/loadavg, /proc/sys/kernel/pid_max and the processes line of /proc/stat. */
  private void kernel(long pidMax, long lastPid, long forks) throws IOException {
    Files.writeString(proc.resolve("loadavg"), "0.42 0.30 0.25 2/345 " + lastPid + "\n");
    Path sys = Files.createDirectories(proc.resolve("sys/kernel"));
    Files.writeString(sys.resolve("pid_max"), pidMax + "\n");
    Files.writeString(
        proc.resolve("stat"),
        "cpu  10 0 20 300 4 0 1 0 0 0\ncpu0 10 0 20 300 4 0 1 0 0 0\nintr 1 2 3\nctxt 99\n"
            + "btime 1700000000\nprocesses "
            + forks
            + "\nprocs_running 1\nprocs_blocked 0\n");
  }

  /** Writes a stat line as Linux does: pid (comm) state ppid pgrp session ... */
  private void stat(long pid, String comm, String state, long ppid, long pgrp) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(
        dir.resolve("stat"),
        pid
            + " ("
            + comm
            + ") "
            + state
            + " "
            + ppid
            + " "
            + pgrp
            + " "
            + pgrp
            + " 0 -1 4194560\n");
  }
}
