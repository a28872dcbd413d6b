package dev.lanes.error;

/** Another lanes process is the writer, or a lock is held. Exit 3. */
public final class BusyException extends LanesException {
  public BusyException(String message) {
    super(message);
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.BUSY;
  }
}
