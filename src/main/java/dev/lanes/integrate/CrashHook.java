package dev.lanes.integrate;

import java.util.Optional;

/**
 * A test-only kill switch: when {@code LANES_TEST_CRASH_AT} names the step just reached, the JVM
 * halts with exit 137 as if killed there, without running shutdown hooks or finally blocks. Step
 * names are listed in the package description.
 */
public final class CrashHook {
  public static final String VARIABLE = "LANES_TEST_CRASH_AT";

  private final Optional<String> step;

  public CrashHook(Optional<String> step) {
    this.step = step.filter(s -> !s.isBlank());
  }

  /** Halts the JVM when {@code name} is the step to crash at. */
  public void at(String name) {
    if (step.isPresent() && step.get().equals(name)) {
      System.out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(137);
    }
  }
}
