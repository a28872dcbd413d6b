package dev.lanes.process;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

  private final Writer log;
  private final Consumer<String> onLine;
  private final int tailSize;
  private final ArrayDeque<String> tail;
  private Optional<IOException> logFailure = Optional.empty();
  private boolean closed;

  private OutputSink(Writer log, Consumer<String> onLine, int tailSize) {
    this.log = log;
    this.onLine = onLine;
    this.tailSize = tailSize;
    this.tail = new ArrayDeque<>(tailSize);
  }

  /** Opens the log for appending, creating it and its parent folders. */
  static OutputSink open(Path logFile, Consumer<String> onLine, int tailSize) {
    try {
      return new OutputSink(append(logFile), onLine, tailSize);
    } catch (NoSuchFileException e) {
      // The folders are there on every run but the first: create them only when the open says so.
      try {
        Path parent = logFile.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        return new OutputSink(append(logFile), onLine, tailSize);
      } catch (IOException again) {
        throw new UncheckedIOException("cannot open the log file " + logFile, again);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the log file " + logFile, e);
    }
  }

  /**
   * Every line is flushed on its own, so the encoder's byte buffer is all the buffering needed; a
   * {@code BufferedWriter} on top would only add a 16 KB array to each run.
   */
  private static Writer append(Path logFile) throws IOException {
    return new OutputStreamWriter(
        Files.newOutputStream(
            logFile,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE),
        StandardCharsets.UTF_8.newEncoder());
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
