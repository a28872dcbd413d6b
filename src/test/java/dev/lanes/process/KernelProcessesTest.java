package dev.lanes.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.lanes.process.KernelProcesses.GroupEnding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelProcessesTest {

  @TempDir Path proc;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void endStarted() throws InterruptedException {
    for (Process p : started) {
      p.destroyForcibly().waitFor();
    }
  }

  @Test
  void aProcessIsAliveOnlyWithItsRecordedStartTimeAndNotAsAZombie() throws IOException {
    stat(10, "S", 10, 5000);
    stat(11, "Z", 10, 5001);
    KernelProcesses processes =
        new KernelProcesses(Optional.of(new ProcStat(proc)), Optional.empty(), Duration.ZERO);

    assertThat(processes.alive(10, OptionalLong.of(5000))).isTrue();
    assertThat(processes.alive(10, OptionalLong.empty())).isTrue();
    assertThat(processes.alive(10, OptionalLong.of(4999))).as("a recycled pid").isFalse();
    assertThat(processes.alive(11, OptionalLong.of(5001))).as("a zombie").isFalse();
    assertThat(processes.alive(12, OptionalLong.empty())).as("no such process").isFalse();
    assertThat(processes.startTime(11)).hasValue(5001);
    assertThat(processes.leadsGroup(10)).isTrue();
    assertThat(processes.leadsGroup(11)).isFalse();
  }

  @Test
  void oneScanFindsTheRecordedGroupsThatRunMembersStartedSinceTheirLeader() throws IOException {
    stat(20, "S", 20, 100); // group 20, as recorded
    stat(30, "Z", 30, 100); // group 30: only a zombie
    stat(41, "S", 40, 90); // group 40: a member older than the recorded leader
    KernelProcesses processes =
        new KernelProcesses(Optional.of(new ProcStat(proc)), Optional.empty(), Duration.ZERO);

    assertThat(processes.running(Map.of(20L, 100L, 30L, 100L, 40L, 100L))).isEqualTo(Set.of(20L));
  }

  @Test
  void aRecordedGroupIgnoringTermIsKilledAndAStrangersIsLeftAlone() throws Exception {
    KernelProcesses system = KernelProcesses.system();
    assumeThat(system.startTime(ProcessHandle.current().pid())).as("/proc").isPresent();
    KernelProcesses processes =
        new KernelProcesses(
            ProcStat.system(), ShellProcessRunner.onPath("kill"), Duration.ofMillis(300));
    Map<String, String> marks =
        Map.of("LANES_LANE", "L-1", "LANES_ATTEMPT", "3", "LANES_WORKTREE", "/w/L-1");
    long worker = leader(marks, "trap '' TERM; sleep 60 & wait");
    long recycled = leader(marks, "exec sleep 60");
    long stranger = leader(Map.of(), "exec sleep 60");
    long start = system.startTime(worker).orElseThrow();

    // The pid on record now belongs to a process that started at another time.
    long recycledStart = system.startTime(recycled).orElseThrow();
    assertThat(processes.endGroup(recycled, recycledStart - 1, marks))
        .isEqualTo(GroupEnding.NOT_RUNNING);
    assertThat(processes.endGroup(stranger, system.startTime(stranger).orElseThrow(), marks))
        .isEqualTo(GroupEnding.NOT_RUNNING);
    assertThat(system.alive(recycled, OptionalLong.of(recycledStart))).isTrue();

    assertThat(processes.endGroup(worker, start, marks)).isEqualTo(GroupEnding.ENDED);

    assertThat(system.alive(worker, OptionalLong.of(start))).isFalse();
    assertThat(processes.running(Map.of(worker, start))).isEmpty();
    assertThat(system.alive(stranger, OptionalLong.empty())).isTrue();
  }

  /** A shell leading its own group, with this environment added. */
  private long leader(Map<String, String> env, String script) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("setsid", "sh", "-c", script);
    builder.environment().putAll(env);
    Process p = builder.start();
    started.add(p);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!KernelProcesses.system().leadsGroup(p.pid())) {
      assertThat(System.nanoTime()).as("setsid made a group").isLessThan(deadline);
      Thread.sleep(10);
    }
    return p.pid();
  }

  /** A full stat line as Linux writes it, with this state, group and start time (field 22). */
  private void stat(long pid, String state, long pgrp, long startTime) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    StringBuilder line = new StringBuilder();
    line.append(pid).append(" (sh) ").append(state).append(" 1 ").append(pgrp).append(' ');
    line.append(pgrp).append(" 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 ").append(startTime);
    line.append(" 1000 100 18446744073709551615 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
    Files.writeString(dir.resolve("stat"), line.toString());
  }
}
