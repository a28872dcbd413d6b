package dev.lanes.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Times as PLAN.md writes them: ISO-8601 UTC to the minute ({@code 2026-11-22T14:10Z}). A bare
 * {@code HH:MM} is read as that time today, UTC.
 */
public final class Times {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  public static String format(Instant instant) {
    return MINUTE.format(instant.truncatedTo(ChronoUnit.MINUTES));
  }

  public static Optional<Instant> parse(String text, LocalDate today) {
    String t = text.trim();
    try {
      if (t.matches("\\d{1,2}:\\d{2}")) {
        return Optional.of(
            LocalTime.parse(t.length() == 4 ? "0" + t : t).atDate(today).toInstant(ZoneOffset.UTC));
      }
      if (t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}Z")) {
        return Optional.of(Instant.parse(t.substring(0, t.length() - 1) + ":00Z"));
      }
      return Optional.of(Instant.parse(t));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
