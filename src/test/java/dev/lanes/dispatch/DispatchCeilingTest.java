package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.port.MachineLoad;
import dev.lanes.testing.ScriptedAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The machine's CPU and memory ceilings hold back extra workers only: on a machine reported as
 * fully busy, three lanes still all run, one at a time; on an idle one they run side by side. The
 * load is the one thing faked here (a {@link MachineLoad} that reports a fixed figure).
 */
class DispatchCeilingTest extends DispatchScenarioTest {
  private List<String> run(double cpuPercent, List<String> said) throws Exception {
    return run(cpuPercent, said, "");
  }

  private List<String> run(double cpuPercent, List<String> said, String first) throws Exception {
    return run(cpuPercent, 10, said, first);
  }

  private List<String> run(double cpuPercent, double memoryPercent, List<String> said, String first)
      throws Exception {
    Path spans = tmp.resolve("spans.txt");
    ScriptedAgent agent =
        s.agent(
            "script",
            first
                + "echo \"start $LANES_LANE $(date +%s%N)\" >> '"
                + spans
                + "'\n"
                + "echo x > \"src/${LANES_LANE}.txt\"\nsleep 1\n"
                + "echo \"end $LANES_LANE $(date +%s%N)\" >> '"
                + spans
                + "'\n");
    s.setUp(
        lane("L-1", "src/L-1.txt", "")
            + lane("L-2", "src/L-2.txt", "")
            + lane("L-3", "src/L-3.txt", ""),
        agent);
    MachineLoad busy =
        new MachineLoad() {
          @Override
          public double cpuPercent() {
            return cpuPercent;
          }

          @Override
          public double memoryPercent() {
            return memoryPercent;
          }
        };
    List<LaneResult> results =
        s.dispatchWith(
            Clock.systemUTC(), busy, (lane, state, detail) -> said.add(lane + " " + detail), 3);
    assertThat(results).extracting(LaneResult::state).containsOnly(LaneState.HANDED_OFF);
    return Files.readAllLines(spans);
  }

  /** Whether any two workers' start..end spans overlap in time. */
  private static boolean overlapping(List<String> lines) {
    List<long[]> spans = new ArrayList<>();
    for (String lane : List.of("L-1", "L-2", "L-3")) {
      long start = 0;
      long end = 0;
      for (String line : lines) {
        String[] f = line.split(" ");
        if (f[1].equals(lane)) {
          if (f[0].equals("start")) {
            start = Long.parseLong(f[2]);
          } else {
            end = Long.parseLong(f[2]);
          }
        }
      }
      spans.add(new long[] {start, end});
    }
    for (int i = 0; i < spans.size(); i++) {
      for (int j = i + 1; j < spans.size(); j++) {
        if (spans.get(i)[0] < spans.get(j)[1] && spans.get(j)[0] < spans.get(i)[1]) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void aBusyMachineRunsTheLanesOneAtATimeButRunsThemAll() throws Exception {
    List<String> said = Collections.synchronizedList(new ArrayList<>());
    List<String> spans = run(100, said);
    assertThat(spans).hasSize(6);
    assertThat(overlapping(spans)).as("one worker at a time on a busy machine").isFalse();
    assertThat(said).anyMatch(l -> l.contains("waiting: CPU 100% is above 80%"));
  }

  @Test
  void aMachineShortOfMemoryRunsTheLanesOneAtATimeButRunsThemAll() throws Exception {
    List<String> said = Collections.synchronizedList(new ArrayList<>());
    List<String> spans = run(10, 95, said, "");
    assertThat(spans).hasSize(6);
    assertThat(overlapping(spans)).as("one worker at a time while memory is short").isFalse();
    assertThat(said).anyMatch(l -> l.contains("waiting: memory 95% is above 80%"));
  }

  @Test
  void anIdleMachineRunsThemSideBySide() throws Exception {
    List<String> said = Collections.synchronizedList(new ArrayList<>());
    List<String> spans = run(0, said);
    assertThat(overlapping(spans)).as("workers side by side when the machine is idle").isTrue();
    assertThat(said).noneMatch(l -> l.contains("waiting: CPU"));
  }
}
