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

  @Test
  void theRealProcFsFindsAChildsGroup() throws Exception {
    assumeThat(ProcStat.system()).isPresent();
    Path setsid = Path.of("/usr/bin/setsid");
    assumeThat(Files.isExecutable(setsid)).isTrue();
    ProcStat stat = ProcStat.system().get();
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
      assertThat(stat.groupRunning(leader.pid())).isTrue();
      assertThat(stat.groupMembers(leader.pid()))
          .extracting(ProcStat.Entry::pid)
          .contains(leader.pid(), Long.parseLong(child.strip()));
    } finally {
      leader.descendants().forEach(ProcessHandle::destroyForcibly);
      leader.destroyForcibly().waitFor();
    }
  }

  /** Writes a full stat line as Linux does: pid (comm) state ppid pgrp session ... starttime ... */
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
            + " 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 5000 1000 100 18446744073709551615 0 0 0 0"
            + " 0 0 0 0 0 17 1 0 0 0 0 0\n");
  }
}
