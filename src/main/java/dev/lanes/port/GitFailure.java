package dev.lanes.port;

/** A git command that ended with a failing exit code; the message says which, and what git said. */
public abstract class GitFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected GitFailure(String message) {
    super(message);
  }
}
