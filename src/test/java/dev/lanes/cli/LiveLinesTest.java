package dev.lanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.dispatch.LaneState;
import dev.lanes.plan.LaneId;
import dev.lanes.testing.TestClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a person sees while lanes dispatch runs: on a terminal one line per lane, redrawn in place
 * (state, elapsed time, last output line); in a log, one plain line per change of state.
 */
class LiveLinesTest {
  private static final String UP = "\033[";
  private static final LaneId L1 = new LaneId("L-1");
  private static final LaneId L2 = new LaneId("L-2");

  @Test
  void onATerminalEachLaneHasOneLineRedrawnInPlace() {
    StringWriter text = new StringWriter();
    TestClock clock = TestClock.at("2026-11-26T10:00:00Z");
    LiveLines lines = new LiveLines(new PrintWriter(text), true, clock);

    lines.update(L1, LaneState.WAITING, "queued");
    lines.update(L2, LaneState.WAITING, "queued");
    clock.now = clock.now.plus(Duration.ofSeconds(75));
    lines.update(L1, LaneState.RUNNING, "compiling\tmodule a\n");
    lines.update(L2, LaneState.HANDED_OFF, "handed off: 1 file");
    lines.finish();

    String out = text.toString();
    // Each redraw after the first moves the cursor up over the lines already drawn.
    assertThat(out).contains(UP + "1A").contains(UP + "2A");
    // The last redraw: both lanes, their states, the time in the state and the last line.
    String last = out.substring(out.lastIndexOf(UP + "2A"));
    assertThat(last.split("\n")).hasSize(2);
    assertThat(last)
        .containsPattern("L-1\\s+running\\s+0s\\s+compiling module a")
        .containsPattern("L-2\\s+handed-off\\s+0s\\s+handed off: 1 file");
    // A lane still waiting when another changed shows how long it has waited.
    assertThat(out).containsPattern("L-2\\s+waiting\\s+1m15s\\s+queued");
  }

  @Test
  void inALogEachChangeOfStateIsOnePlainLine() {
    StringWriter text = new StringWriter();
    TestClock clock = TestClock.at("2026-11-26T10:00:00Z");
    LiveLines lines = new LiveLines(new PrintWriter(text), false, clock);

    lines.update(L1, LaneState.WAITING, "queued");
    lines.update(L1, LaneState.WAITING, "waiting: CPU 95% is above 80%");
    lines.update(L1, LaneState.WAITING, "waiting: CPU 91% is above 80%");
    clock.now = clock.now.plus(Duration.ofSeconds(3));
    lines.update(L1, LaneState.RUNNING, "started");
    lines.update(L1, LaneState.RUNNING, "a line of the agent's output");
    lines.update(L1, LaneState.HANDED_OFF, "handed off: 2 files");
    lines.finish();

    assertThat(text.toString()).doesNotContain("\033");
    assertThat(text.toString().lines())
        .containsExactly(
            "0s L-1          waiting    queued",
            "0s L-1          waiting    waiting: CPU 95% is above 80%",
            "3s L-1          running    started",
            "3s L-1          handed-off handed off: 2 files");
  }
}
