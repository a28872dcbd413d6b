package dev.lanes.port;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A shell command to run as {@code sh -c <shellCommand>} in a folder, with exactly the given
 * environment, an optional time limit and a log file that receives every output line.
 *
 * <p>The log keeps at most {@code logLimit} bytes: past it, the oldest output is dropped, and the
 * log says so where it starts.
 *
 * <p>The environment is taken as is: the caller builds it (its own environment less what the policy
 * strips, plus the {@code LANES_*} variables), so nothing of lanes' own environment leaks into the
 * child unless the caller put it there.
 */
public record ProcessSpec(
    String shellCommand,
    Path workingDir,
    Map<String, String> environment,
    Optional<Duration> timeout,
    Path logFile,
    long logLimit) {

  /** The log limit when the policy sets none: 50 MiB. */
  public static final long DEFAULT_LOG_LIMIT = 50L << 20;

  /** A command whose log keeps the default {@link #DEFAULT_LOG_LIMIT}. */
  public ProcessSpec(
      String shellCommand,
      Path workingDir,
      Map<String, String> environment,
      Optional<Duration> timeout,
      Path logFile) {
    this(shellCommand, workingDir, environment, timeout, logFile, DEFAULT_LOG_LIMIT);
  }

  public ProcessSpec {
    Objects.requireNonNull(shellCommand, "shellCommand");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(logFile, "logFile");
    if (shellCommand.isBlank()) {
      throw new IllegalArgumentException("the shell command is empty");
    }
    timeout.ifPresent(
        t -> {
          if (t.isNegative() || t.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + t);
          }
        });
    if (logLimit < 1024) {
      throw new IllegalArgumentException("the log limit must be at least 1 KiB, not " + logLimit);
    }
    environment = Map.copyOf(environment);
  }

  /** The same command with a time limit. */
  public ProcessSpec withTimeout(Duration limit) {
    return new ProcessSpec(
        shellCommand, workingDir, environment, Optional.of(limit), logFile, logLimit);
  }

  /** The same command with a log that keeps at most {@code bytes}. */
  public ProcessSpec withLogLimit(long bytes) {
    return new ProcessSpec(shellCommand, workingDir, environment, timeout, logFile, bytes);
  }
}
