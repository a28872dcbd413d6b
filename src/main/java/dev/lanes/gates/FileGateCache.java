package dev.lanes.gates;

import dev.lanes.policy.Gate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link GateCache} kept in one append-only text file, one outcome per line.
 *
 * <p>A line is tab-separated fields: the format version {@code 1}, tree id, gate number, rendered
 * command, status, exit code, duration (ISO-8601, as {@link Duration#toString}), log path, then the
 * output tail, one line per field. Backslash, tab, line feed and carriage return inside a field are
 * written {@code \\}, {@code \t}, {@code \n}, {@code \r}, so any command or output fits on one
 * line. The last line for a key wins; a line that does not read back (cut short by a kill, written
 * by a newer lanes) is ignored, which costs at most one gate run again. Each lookup reads what was
 * appended since the last one, so two processes sharing the file see each other's entries.
 */
public final class FileGateCache implements GateCache {
  private static final String VERSION = "1";
  private static final int FIXED_FIELDS = 8;

  private final Path file;
  // The file's entries by tree, gate number and command, read up to readUpTo: one read per run
  // instead of one per lookup, which grew with every gate the run cached.
  private final Map<String, List<String>> entries = new HashMap<>();
  private long readUpTo;
  // Which file (inode) was read: a cache replaced by a longer one is read again from the start.
  private Optional<Object> fileKey = Optional.empty();

  /** A cache kept in {@code file}, created with its folders on the first {@link #put}. */
  public FileGateCache(Path file) {
    this.file = file;
  }

  @Override
  public synchronized Optional<GateOutcome> find(String treeId, Gate gate, String command) {
    catchUp();
    List<String> f = entries.get(key(treeId, Integer.toString(gate.number()), command));
    return f == null ? Optional.empty() : outcome(gate, f);
  }

  /**
   * Reads what was appended since the last lookup (by this or another process) into the index; a
   * file that shrank was replaced, so it is read again from the start. Only whole lines are taken:
   * a line still being written is read once its line end is there.
   */
  private void catchUp() {
    long size;
    Optional<Object> key;
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      size = attributes.isRegularFile() ? attributes.size() : 0;
      key = Optional.ofNullable(attributes.fileKey());
    } catch (NoSuchFileException e) {
      size = 0;
      key = Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the gate cache " + file, e);
    }
    if (size < readUpTo || !key.equals(fileKey)) {
      entries.clear();
      readUpTo = 0;
      fileKey = key;
    }
    if (size == readUpTo) {
      return;
    }
    byte[] added;
    try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
      ch.position(readUpTo);
      ByteBuffer buffer =
          ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - readUpTo));
      while (buffer.hasRemaining() && ch.read(buffer) > 0) {
        // read until the size seen above
      }
      added = Arrays.copyOf(buffer.array(), buffer.position());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the gate cache " + file, e);
    }
    int lastEnd = -1;
    for (int i = added.length - 1; i >= 0; i--) {
      if (added[i] == '\n') {
        lastEnd = i;
        break;
      }
    }
    if (lastEnd < 0) {
      return;
    }
    // Decoding leniently: a torn multi-byte character must cost one line, not the whole cache.
    String text = new String(added, 0, lastEnd, StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      List<String> f = decode(line);
      // The last line for a key wins, unless it does not read back.
      if (f.size() >= FIXED_FIELDS && f.get(0).equals(VERSION) && readsBack(f)) {
        entries.put(key(f.get(1), f.get(2), f.get(3)), List.copyOf(f));
      }
    }
    readUpTo += lastEnd + 1;
  }

  private static String key(String treeId, String gateNumber, String command) {
    return treeId + '\t' + gateNumber + '\t' + command;
  }

  @Override
  public synchronized void put(String treeId, GateOutcome outcome) {
    List<String> f = new ArrayList<>();
    f.add(VERSION);
    f.add(treeId);
    f.add(Integer.toString(outcome.gate().number()));
    f.add(outcome.command());
    f.add(outcome.status().name());
    f.add(Integer.toString(outcome.exitCode()));
    f.add(outcome.duration().toString());
    f.add(outcome.log().toString());
    f.addAll(outcome.outputTail());
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // A line cut short by a kill must not swallow the next one: start on a fresh line.
      String text = (endsMidLine() ? "\n" : "") + encode(f) + "\n";
      Files.writeString(
          file,
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the gate cache " + file, e);
    }
  }

  private boolean endsMidLine() throws IOException {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
      if (ch.size() == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      ch.position(ch.size() - 1).read(last);
      return last.get(0) != '\n';
    }
  }

  private static boolean readsBack(List<String> f) {
    try {
      GateStatus.valueOf(f.get(4));
      Integer.parseInt(f.get(5));
      Duration.parse(f.get(6));
      Path.of(f.get(7));
      return true;
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return false;
    }
  }

  private static Optional<GateOutcome> outcome(Gate gate, List<String> f) {
    try {
      GateStatus status = GateStatus.valueOf(f.get(4));
      int exit = Integer.parseInt(f.get(5));
      Duration duration = Duration.parse(f.get(6));
      Path log = Path.of(f.get(7));
      List<String> tail = f.subList(FIXED_FIELDS, f.size());
      return Optional.of(new GateOutcome(gate, status, f.get(3), exit, duration, tail, log));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The fields joined by tabs, each escaped; the inverse of {@link #decode}. */
  static String encode(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (int f = 0; f < fields.size(); f++) {
      // Separate by position, not by what was written so far: the first field may be empty.
      if (f > 0) {
        sb.append('\t');
      }
      String field = fields.get(f);
      for (int i = 0; i < field.length(); i++) {
        char c = field.charAt(i);
        switch (c) {
          case '\\' -> sb.append("\\\\");
          case '\t' -> sb.append("\\t");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          default -> sb.append(c);
        }
      }
    }
    return sb.toString();
  }

  /** The fields of one line; empty when the line holds a broken escape. */
  static List<String> decode(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\t') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\\') {
        if (i + 1 >= line.length()) {
          return List.of();
        }
        char e = line.charAt(++i);
        switch (e) {
          case '\\' -> field.append('\\');
          case 't' -> field.append('\t');
          case 'n' -> field.append('\n');
          case 'r' -> field.append('\r');
          default -> {
            return List.of();
          }
        }
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
