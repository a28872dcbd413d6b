package dev.lanes.ledger;

import java.time.Duration;
import java.util.Objects;

/** One command run for a handoff, with its exit code and how long it took. */
public record CommandRun(String command, int exitCode, Duration duration) {
  public CommandRun {
    command = EntryMarkdown.line(command);
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a duration is never negative: " + duration);
    }
  }

  /** For example {@code `./mvnw -q test` — exit 0 in 12.345s}. */
  String render() {
    long ms = duration.toMillis();
    return "%s — exit %d in %d.%03ds"
        .formatted(EntryMarkdown.code(command), exitCode, ms / 1000, ms % 1000);
  }
}
