package dev.lanes.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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

  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration AFTER_KILL = Duration.ofSeconds(1);
  private static final long HELPER_WAIT_SECONDS = 5;

  private final Process shell;
  private final Optional<Path> kill;
  private final Duration grace;
  private final Optional<ProcStat> proc;
  private final long forksBeforeLaunch;

  /**
   * @param kill the {@code kill} executable when the shell leads its own process group (started
   *     with {@code setsid}); empty when it shares lanes' group and only descendants can be ended
   * @param forksBeforeLaunch {@link ProcStat#forks()} taken before the shell was launched, or -1
   */
  ProcessTree(
      Process shell,
      Optional<Path> kill,
      Duration grace,
      Optional<ProcStat> proc,
      long forksBeforeLaunch) {
    this.shell = shell;
    this.kill = kill;
    this.grace = grace;
    this.proc = proc;
    this.forksBeforeLaunch = forksBeforeLaunch;
  }

  /** Ends the shell and its tree: TERM, up to the grace period, then KILL. Returns when done. */
  synchronized void end() {
    List<ProcessHandle> snapshot = shell.descendants().toList();
    signal("TERM", snapshot);
    if (!waitGone(snapshot, grace)) {
      signal("KILL", snapshot);
      // KILL cannot be ignored; waiting briefly means callers see the tree gone on return.
      waitGone(snapshot, AFTER_KILL);
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
      runKill("-" + name);
    } else if (force) {
      shell.destroyForcibly();
    } else {
      shell.destroy();
    }
    // Also signal the snapshot one by one: a descendant may have left the group (own setsid).
    for (ProcessHandle handle : snapshot) {
      if (force) {
        handle.destroyForcibly();
      } else {
        handle.destroy();
      }
    }
  }

  private boolean waitGone(List<ProcessHandle> snapshot, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      boolean alive =
          shell.isAlive()
              || snapshot.stream().anyMatch(this::running)
              || (kill.isPresent() && groupExists());
      if (!alive) {
        return true;
      }
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
  }

  private boolean running(ProcessHandle handle) {
    return handle.isAlive() && proc.map(p -> p.running(handle.pid())).orElse(true);
  }

  private boolean groupExists() {
    return proc.map(p -> p.groupRunning(shell.pid(), forksBeforeLaunch))
        .orElseGet(() -> runKill("-0") == 0);
  }

  /** Signals the whole group: the shell's pid is its group id because setsid made it leader. */
  private int runKill(String signal) {
    ProcessBuilder builder =
        new ProcessBuilder(
                kill.orElseThrow().toString(), signal, "--", "-" + Long.toString(shell.pid()))
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
