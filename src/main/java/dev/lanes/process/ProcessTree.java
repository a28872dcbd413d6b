package dev.lanes.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Ends a shell and everything it started: the process group when the shell leads one, and the
 * descendants seen just before the signal in any case.
 *
 * <p>The descendants are snapshotted before signalling because once the shell dies its children are
 * re-parented to init and can no longer be found from it; the group signal reaches members the
 * snapshot missed (started later, or orphaned earlier), the snapshot reaches members that left the
 * group.
 */
final class ProcessTree {

  /** How long KILL gets to take effect before a caller is told the processes are still there. */
  static final Duration AFTER_KILL = Duration.ofSeconds(1);

  private static final Duration POLL = Duration.ofMillis(50);
  private static final long HELPER_WAIT_SECONDS = 5;

  private final Process shell;
  private final Optional<Path> kill;
  private final Duration grace;
  private final Optional<ProcStat> proc;

  /**
   * @param kill the {@code kill} executable when the shell leads its own process group (started
   *     with {@code setsid}); empty when it shares lanes' group and only descendants can be ended
   */
  ProcessTree(Process shell, Optional<Path> kill, Duration grace, Optional<ProcStat> proc) {
    this.shell = shell;
    this.kill = kill;
    this.grace = grace;
    this.proc = proc;
  }

  Process shell() {
    return shell;
  }

  /** Ends the shell and its tree: TERM, up to the grace period, then KILL. Returns when done. */
  synchronized void end() {
    List<ProcessHandle> snapshot = shell.descendants().toList();
    BooleanSupplier gone =
        () ->
            !shell.isAlive()
                && snapshot.stream().noneMatch(this::running)
                && !(kill.isPresent() && groupExists());
    signal("TERM", snapshot);
    if (!waitUntil(gone, grace)) {
      signal("KILL", snapshot);
      // KILL cannot be ignored; waiting briefly means callers see the tree gone on return.
      waitUntil(gone, AFTER_KILL);
    }
    try {
      shell.waitFor(HELPER_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * After the shell exited on its own, ends what it left running in its group, so a background job
   * can neither outlive the run nor keep the output pipe open.
   */
  synchronized void endLeftovers() {
    if (kill.isPresent() && groupExists()) {
      end();
    }
  }

  private void signal(String name, List<ProcessHandle> snapshot) {
    boolean force = name.equals("KILL");
    if (kill.isPresent()) {
      signalGroup(kill.get(), name, shell.pid());
    } else if (force) {
      shell.destroyForcibly();
    } else {
      shell.destroy();
    }
    // Also signal the snapshot one by one: a descendant may have left the group (own setsid).
    snapshot.forEach(handle -> destroy(handle, force));
  }

  private boolean running(ProcessHandle handle) {
    return handle.isAlive() && proc.map(p -> p.running(handle.pid())).orElse(true);
  }

  private boolean groupExists() {
    return proc.map(p -> p.groupRunning(shell.pid()))
        .orElseGet(() -> signalGroup(kill.orElseThrow(), "0", shell.pid()) == 0);
  }

  static void destroy(ProcessHandle process, boolean force) {
    if (force) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
  }

  /** Polls until {@code done} holds (true) or the limit passes (false). */
  static boolean waitUntil(BooleanSupplier done, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /**
   * {@code kill -s <signal> -- -<pgid>}: one signal to the whole group, forks included ({@code 0}
   * only asks whether the group exists). Returns kill's exit code, -1 when it could not run.
   */
  static int signalGroup(Path kill, String signal, long pgid) {
    ProcessBuilder builder =
        new ProcessBuilder(kill.toString(), "-s", signal, "--", "-" + pgid)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process helper = builder.start();
      if (!helper.waitFor(HELPER_WAIT_SECONDS, TimeUnit.SECONDS)) {
        helper.destroyForcibly();
        return -1;
      }
      return helper.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
