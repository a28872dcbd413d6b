package dev.lanes.git;

import dev.lanes.port.GitFailure;

/** A {@code git} command that ended with a failing exit code, with what it said on stderr. */
public final class CliCallException extends GitFailure {
  private static final long serialVersionUID = 1L;

  private final transient CliCall call;
  private final int exitCode;
  private final String stderr;

  public CliCallException(CliCall call, int exitCode, String stderr) {
    super(call + " exited with " + exitCode + (stderr.isBlank() ? "" : ": " + stderr.strip()));
    this.call = call;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }

  public CliCall call() {
    return call;
  }

  public int exitCode() {
    return exitCode;
  }

  public String stderr() {
    return stderr;
  }
}
