package dev.lanes.cli;

import dev.lanes.dispatch.DispatchListener;
import dev.lanes.dispatch.LaneState;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.Shortened;
import dev.lanes.policy.Durations;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows dispatch progress: on a terminal, one line per lane redrawn in place (state, elapsed time,
 * last output line); otherwise, or when NO_COLOR is set, plain log lines, one per change of state,
 * so logs and CI output stay readable.
 */
final class LiveLines implements DispatchListener {
  private record Line(LaneState state, String detail, Instant since) {}

  private final PrintWriter out;
  private final boolean live;
  private final Clock clock;
  private final Instant start;
  private final Map<LaneId, Line> lines = new LinkedHashMap<>();
  private int drawn;
  private long lastDraw;

  LiveLines(PrintWriter out, boolean live, Clock clock) {
    this.out = out;
    this.live = live;
    this.clock = clock;
    this.start = clock.instant();
  }

  /** Live lines only on a real terminal without NO_COLOR. */
  static boolean terminal() {
    return System.console() != null && System.getenv("NO_COLOR") == null;
  }

  @Override
  public synchronized void update(LaneId lane, LaneState state, String detail) {
    Line old = lines.get(lane);
    Instant since = old != null && old.state() == state ? old.since() : clock.instant();
    lines.put(lane, new Line(state, oneLine(detail), since));
    if (live) {
      long now = System.currentTimeMillis();
      if (state.finished() || old == null || old.state() != state || now - lastDraw > 100) {
        redraw();
        lastDraw = now;
      }
      return;
    }
    boolean changed =
        old == null
            || old.state() != state
            || (state == LaneState.WAITING && !reason(old.detail()).equals(reason(detail)));
    if (changed && !(state == LaneState.RUNNING && old != null && old.state() == state)) {
      out.printf("%s %-12s %-10s %s%n", elapsed(start), lane, state.word(), oneLine(detail));
      out.flush();
    }
  }

  /** A line of its own, kept on screen: live lines are drawn again below it. */
  @Override
  public synchronized void note(LaneId lane, String sentence) {
    out.printf("%s %-12s %s%n", elapsed(start), lane, oneLine(sentence));
    out.flush();
    drawn = 0;
  }

  /** Ends live drawing, leaving the final lines on screen. */
  synchronized void finish() {
    if (live) {
      redraw();
    }
  }

  private void redraw() {
    if (drawn > 0) {
      out.print("\033[" + drawn + "A");
    }
    for (Map.Entry<LaneId, Line> e : lines.entrySet()) {
      Line l = e.getValue();
      String text =
          String.format(
              "%-12s %-10s %6s  %s", e.getKey(), l.state().word(), elapsed(l.since()), l.detail());
      out.print("\033[2K" + Shortened.of(text, 150) + "\n");
    }
    drawn = lines.size();
    out.flush();
  }

  private String elapsed(Instant since) {
    return Durations.elapsed(Duration.between(since, clock.instant()));
  }

  /** A waiting reason without its figures, so "CPU 91%" after "CPU 95%" is not news. */
  private static String reason(String detail) {
    return oneLine(detail).replaceAll("[0-9]+", "#");
  }

  private static String oneLine(String text) {
    return Shortened.of(
        text.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "").strip(), 110);
  }
}
