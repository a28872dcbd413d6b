package dev.lanes.process;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a process's output lines go: appended and flushed to the log file one by one, kept as a
 * bounded tail for the outcome, and handed to the caller's line consumer.
 *
 * <p>stdout and stderr are read by two threads, so every method is synchronized; lines arriving
 * after {@link #close()} (from a process that escaped the tree) are dropped.
 */
final class OutputSink {

  private final BufferedWriter log;
  private final Consumer<String> onLine;
  private final int tailSize;
  private final ArrayDeque<String> tail;
  private Optional<IOException> logFailure = Optional.empty();
  private boolean closed;

  private OutputSink(BufferedWriter log, Consumer<String> onLine, int tailSize) {
    this.log = log;
    this.onLine = onLine;
    this.tailSize = tailSize;
    this.tail = new ArrayDeque<>(tailSize);
  }

  /** Opens the log for appending, creating it and its parent folders. */
  static OutputSink open(Path logFile, Consumer<String> onLine, int tailSize) {
    try {
      Path parent = logFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      BufferedWriter writer =
          Files.newBufferedWriter(
              logFile,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE);
      return new OutputSink(writer, onLine, tailSize);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the log file " + logFile, e);
    }
  }

  synchronized void line(String line) {
    if (closed) {
      return;
    }
    if (logFailure.isEmpty()) {
      try {
        log.write(line);
        log.write('\n');
        log.flush();
      } catch (IOException e) {
        // Keep the process running and say so once in the tail; the log is lost from here.
        logFailure = Optional.of(e);
        remember("lanes: cannot write the log file any more: " + e.getMessage());
      }
    }
    remember(line);
    try {
      onLine.accept(line);
    } catch (RuntimeException e) {
      // A faulty display must not stop the reader thread, or the child would block on a full pipe.
    }
  }

  private void remember(String line) {
    if (tail.size() == tailSize) {
      tail.removeFirst();
    }
    tail.addLast(line);
  }

  synchronized List<String> tail() {
    return List.copyOf(tail);
  }

  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      log.close();
    } catch (IOException e) {
      logFailure = Optional.of(e);
    }
  }
}
