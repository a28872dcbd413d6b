package dev.lanes.error;

/**
 * The one family of errors lanes shows to its user. Each carries its exit code; {@code Main} prints
 * the message once and exits with that code. Anything else that escapes is a bug in lanes itself.
 */
public abstract sealed class LanesException extends RuntimeException
    permits BadInputException, BusyException, BootstrapFailedException, WorkFailedException {

  protected LanesException(String message) {
    super(message);
  }

  protected LanesException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The exit code the process ends with when this error reaches the edge. */
  public abstract ExitCode exitCode();
}
