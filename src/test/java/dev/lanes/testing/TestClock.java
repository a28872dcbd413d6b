package dev.lanes.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock a test moves: set {@link #now} by hand, or let every reading move it on by {@code
 * step} (PLAN.md's times have minute resolution, so a test that must see them change steps
 * minutes).
 */
public final class TestClock extends Clock {
  public volatile Instant now;
  private final Duration step;

  public TestClock(Instant start, Duration step) {
    this.now = start;
    this.step = step;
  }

  /** A clock that stands still until the test moves it. */
  public static TestClock at(String instant) {
    return new TestClock(Instant.parse(instant), Duration.ZERO);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public synchronized Instant instant() {
    Instant read = now;
    now = now.plus(step);
    return read;
  }
}
