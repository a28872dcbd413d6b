package dev.lanes.gates;

import dev.lanes.port.ProcessOutcome;
import dev.lanes.port.ProcessRunner;
import dev.lanes.port.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A small real {@link ProcessRunner} for the gate tests: {@code sh -c} with stdout and stderr into
 * the log file, and on timeout the whole process tree killed.
 */
final class ShProcessRunner implements ProcessRunner {
  static final int TAIL_LINES = 20;

  @Override
  public ProcessOutcome run(ProcessSpec spec, Consumer<String> onLine) {
    long start = System.nanoTime();
    try {
      ProcessBuilder pb = new ProcessBuilder("sh", "-c", spec.shellCommand());
      pb.directory(spec.workingDir().toFile());
      pb.environment().putAll(spec.environment());
      pb.redirectErrorStream(true);
      pb.redirectOutput(spec.logFile().toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      Process process = pb.start();
      boolean finished = true;
      if (spec.timeout().isPresent()) {
        finished = process.waitFor(spec.timeout().get().toMillis(), TimeUnit.MILLISECONDS);
      } else {
        process.waitFor();
      }
      if (!finished) {
        killTree(process.toHandle());
        process.waitFor();
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      String output = new String(Files.readAllBytes(spec.logFile()), StandardCharsets.UTF_8);
      Deque<String> tail = new ArrayDeque<>();
      for (String line : output.isEmpty() ? new String[0] : output.split("\n")) {
        onLine.accept(line);
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
          tail.removeFirst();
        }
      }
      return new ProcessOutcome(
          process.exitValue(), !finished, elapsed, List.copyOf(tail), process.pid());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // Each process's children are listed before it dies: once dead, its orphans are re-parented
  // and no longer reachable as its descendants.
  private static void killTree(ProcessHandle handle) {
    List<ProcessHandle> children = handle.children().toList();
    handle.destroyForcibly();
    for (ProcessHandle child : children) {
      killTree(child);
    }
  }
}
