package dev.lanes.testing;

import dev.lanes.error.ExitCode;
import org.assertj.core.api.AbstractAssert;

/**
 * The one assertion for a lanes command's result: its exit code, and what it printed; a failure
 * shows both streams, so a red test says what lanes said.
 */
public final class RunAssert extends AbstractAssert<RunAssert, TestRepo.Run> {
  private RunAssert(TestRepo.Run actual) {
    super(actual, RunAssert.class);
  }

  public static RunAssert assertThat(TestRepo.Run actual) {
    return new RunAssert(actual);
  }

  /** The command exited 0. */
  public RunAssert succeeded() {
    return exitedWith(0);
  }

  /** The command exited with {@code code}. */
  public RunAssert exitedWith(ExitCode code) {
    return exitedWith(code.code());
  }

  /** The command exited with {@code code}. */
  public RunAssert exitedWith(int code) {
    isNotNull();
    if (actual.exitCode() != code) {
      failWithMessage(
          "expected exit %d, got %d%n--- stdout%n%s--- stderr%n%s",
          code, actual.exitCode(), actual.out(), actual.err());
    }
    return this;
  }

  /** The command did not exit 0. */
  public RunAssert failed() {
    isNotNull();
    if (actual.exitCode() == 0) {
      failWithMessage("expected a failure, got exit 0%n--- stdout%n%s", actual.out());
    }
    return this;
  }

  /** Standard output holds {@code text}. */
  public RunAssert printed(String text) {
    isNotNull();
    if (!actual.out().contains(text)) {
      failWithMessage(
          "expected stdout to contain%n%s%n--- stdout%n%s--- stderr%n%s",
          text, actual.out(), actual.err());
    }
    return this;
  }

  /** Standard error holds {@code text}. */
  public RunAssert complained(String text) {
    isNotNull();
    if (!actual.err().contains(text)) {
      failWithMessage(
          "expected stderr to contain%n%s%n--- stderr%n%s--- stdout%n%s",
          text, actual.err(), actual.out());
    }
    return this;
  }
}
