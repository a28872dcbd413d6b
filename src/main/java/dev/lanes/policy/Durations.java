package dev.lanes.policy;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as AGENTS.md writes them: amounts with units {@code d}, {@code h}, {@code m}, {@code
 * s}, {@code ms}, largest unit first, each unit at most once ({@code 90s}, {@code 5m}, {@code
 * 1h30m}, {@code 500ms}). A bare number has no unit and is not a duration.
 */
public final class Durations {
  private static final String[] UNITS = {"d", "h", "m", "s", "ms"};
  private static final long[] MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
  // "ms" is tried before "m" so that 500ms is not read as 500 minutes followed by junk.
  private static final Pattern PART = Pattern.compile("\\s*(\\d{1,19})\\s*(ms|d|h|m|s)\\s*");

  private Durations() {}

  /** The duration the text names, or empty when it is not one (no unit, unknown unit, junk). */
  public static Optional<Duration> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.toLowerCase(Locale.ROOT);
    Matcher m = PART.matcher(t);
    int at = 0;
    int lastUnit = -1;
    long total = 0;
    try {
      while (at < t.length()) {
        if (!m.find(at) || m.start() != at) {
          return Optional.empty();
        }
        int unit = unitIndex(m.group(2));
        if (unit <= lastUnit) {
          return Optional.empty();
        }
        lastUnit = unit;
        total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(1)), MILLIS[unit]));
        at = m.end();
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
    return lastUnit < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(total));
  }

  /**
   * The shortest text that {@link #parse} reads back as the same duration, to the millisecond:
   * {@code 90s}, {@code 5m}, {@code 1h1s}; on a tie the larger units win ({@code 2h}, not {@code
   * 120m}). Negative durations are written with a leading {@code -}.
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    long total;
    try {
      total = duration.toMillis();
    } catch (ArithmeticException e) {
      // Beyond what milliseconds hold in a long: only whole days and the rest, greedily.
      long days = duration.getSeconds() / 86_400;
      return days + "d" + greedy(duration.minusDays(days).toMillis(), 1, false);
    }
    if (total == 0) {
      return "0s";
    }
    String best = null;
    for (int top = 0; top < UNITS.length; top++) {
      String candidate = greedy(total, top, true);
      if (!candidate.isEmpty() && (best == null || candidate.length() < best.length())) {
        best = candidate;
      }
    }
    return best;
  }

  /**
   * A time people read, to the second, as {@code lanes status} and dispatch's live lines show it:
   * {@code 45s}, {@code 1m15s}, {@code 2h5m} (from an hour on, to the minute). Negative is {@code
   * 0s}.
   */
  public static String elapsed(Duration duration) {
    long s = Math.max(0, duration.toSeconds());
    return s >= 3600
        ? (s / 3600) + "h" + (s % 3600 / 60) + "m"
        : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
  }

  /**
   * A run's time in seconds to a tenth, rounded half up from whole milliseconds, as the ledger and
   * gate summaries write it: {@code 2.0s} for 2049 ms, {@code 2.1s} for 2050 ms.
   */
  public static String seconds(Duration duration) {
    long tenths = (duration.toMillis() + 50) / 100;
    return String.format(Locale.ROOT, "%d.%ds", tenths / 10, tenths % 10);
  }

  /**
   * Writes {@code millis} with {@code UNITS[top]} as the largest unit (its amount may exceed the
   * next unit's range) and the rest split greedily; empty when the top unit's amount is zero and
   * {@code needTop} says that would make it a different candidate.
   */
  private static String greedy(long millis, int top, boolean needTop) {
    StringBuilder out = new StringBuilder();
    long rest = millis;
    for (int u = top; u < UNITS.length; u++) {
      long amount = rest / MILLIS[u];
      rest -= amount * MILLIS[u];
      if (u == top && amount == 0 && needTop) {
        return "";
      }
      if (amount > 0) {
        out.append(amount).append(UNITS[u]);
      }
    }
    return out.toString();
  }

  private static int unitIndex(String unit) {
    for (int i = 0; i < UNITS.length; i++) {
      if (UNITS[i].equals(unit)) {
        return i;
      }
    }
    throw new IllegalStateException("unit pattern and table disagree: " + unit);
  }
}
