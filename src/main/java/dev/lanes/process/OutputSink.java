package dev.lanes.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a process's output lines go: appended and flushed to the log file one by one, kept as a
 * bounded tail for the outcome, and handed to the caller's line consumer.
 *
 * <p>The log keeps at most its limit: when a line would take it past the limit, the older half is
 * dropped (the file is rewritten with its newest half, whole lines, after a line that says how much
 * was dropped), so a worker that prints without end fills neither the disk nor the log.
 *
 * <p>stdout and stderr are read by two threads, so every method is synchronized; lines arriving
 * after {@link #close()} (from a process that escaped the tree) are dropped.
 */
final class OutputSink {

  private final Path logFile;
  private final long limit;
  private OutputStream log;
  private long size;
  private long dropped;
  private final Consumer<String> onLine;
  private final int tailSize;
  private final ArrayDeque<String> tail;
  private Optional<IOException> logFailure = Optional.empty();
  private boolean closed;

  private OutputSink(Path logFile, long limit, Consumer<String> onLine, int tailSize)
      throws IOException {
    this.logFile = logFile;
    this.limit = limit;
    this.log = append(logFile);
    this.size = Files.size(logFile);
    this.onLine = onLine;
    this.tailSize = tailSize;
    this.tail = new ArrayDeque<>(tailSize);
  }

  /** Opens the log for appending, creating it and its parent folders; it keeps at most limit. */
  static OutputSink open(Path logFile, Consumer<String> onLine, int tailSize, long limit) {
    try {
      Path parent = logFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new OutputSink(logFile, limit, onLine, tailSize);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the log file " + logFile, e);
    }
  }

  /** Every line is written and flushed on its own: the stream has no buffer to lose. */
  private static OutputStream append(Path logFile) throws IOException {
    return Files.newOutputStream(
        logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  synchronized void line(String line) {
    if (closed) {
      return;
    }
    if (logFailure.isEmpty()) {
      try {
        write((line + "\n").getBytes(StandardCharsets.UTF_8));
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

  private void write(byte[] bytes) throws IOException {
    long half = limit / 2;
    if (bytes.length > half) {
      // One line longer than half the log: only its end is kept.
      dropped += bytes.length - half;
      bytes = Arrays.copyOfRange(bytes, (int) (bytes.length - half), bytes.length);
      size = Math.max(size, limit);
    }
    if (size + bytes.length > limit) {
      dropOldest(half);
    }
    log.write(bytes);
    log.flush();
    size += bytes.length;
  }

  /** Rewrites the log as a note and its newest {@code keep} bytes at most, from a line start. */
  private void dropOldest(long keep) throws IOException {
    log.close();
    Path temp = logFile.resolveSibling(logFile.getFileName() + ".lanes-tmp");
    try (FileChannel from = FileChannel.open(logFile, StandardOpenOption.READ);
        FileChannel to =
            FileChannel.open(
                temp,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
      long length = from.size();
      long start = lineStart(from, Math.max(0, length - keep));
      dropped += start;
      byte[] note =
          ("lanes: the oldest "
                  + dropped
                  + " bytes of this log were dropped to keep it under log-limit ("
                  + limit
                  + " bytes)\n")
              .getBytes(StandardCharsets.UTF_8);
      to.write(ByteBuffer.wrap(note));
      long at = start;
      while (at < length) {
        at += from.transferTo(at, length - at, to);
      }
    }
    Files.move(temp, logFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    log = append(logFile);
    size = Files.size(logFile);
  }

  /** The first position at or after {@code from} that starts a line; the end when none does. */
  private static long lineStart(FileChannel file, long from) throws IOException {
    if (from == 0) {
      return 0;
    }
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    long at = from - 1;
    while (true) {
      buffer.clear();
      int n = file.read(buffer, at);
      if (n <= 0) {
        return file.size();
      }
      for (int i = 0; i < n; i++) {
        if (buffer.get(i) == '\n') {
          return at + i + 1;
        }
      }
      at += n;
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
