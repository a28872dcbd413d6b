package dev.lanes.store;

import dev.lanes.io.TempFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PLAN.md on disk, replaced without ever being missing and without losing a byte another writer
 * puts in it at the same moment (see the package description for the protocol).
 *
 * <p>Why not move the old file aside and link the new one in (what lanes did before): while PLAN.md
 * is moved aside, a person's {@code echo note >> PLAN.md} creates a new one-line PLAN.md, and the
 * plan was lost with the file moved aside. Here the old file stays where it is until one rename
 * replaces it, and lanes keeps it open until after that rename, so that what is appended to it in
 * the last instant can still be read and carried into the new file.
 */
final class PlanFile {
  /**
   * How long the old file must stay unchanged after the rename while someone appends: a shell's
   * {@code >>} opens the file and writes a moment later, and on a loaded machine that moment can
   * last tens of milliseconds.
   */
  static final long ACTIVE_QUIET_MILLIS = 50;

  /** How long after the last append lanes saw it keeps watching as if someone still appends. */
  static final long ACTIVE_MILLIS = 5000;

  /** The most time spent carrying late bytes of the old file into the new one. */
  static final long MAX_CARRY_MILLIS = 1000;

  private final Path plan;
  private final Path tempDir;
  // Tests write to PLAN.md at these two moments of a replace.
  private Runnable beforeRename = () -> {};
  private Runnable afterRename = () -> {};
  // PLAN.md as this file's last replace left it, and when an append by someone else was last
  // seen (System.nanoTime): the watch after a rename waits only while someone appends.
  private byte[] lastWritten = new byte[0];
  private long lastAppendSeen;
  private boolean appendSeen;

  PlanFile(Path plan, Path tempDir) {
    this.plan = plan;
    this.tempDir = tempDir;
  }

  void hooks(Runnable beforeRename, Runnable afterRename) {
    this.beforeRename = Objects.requireNonNull(beforeRename, "beforeRename");
    this.afterRename = Objects.requireNonNull(afterRename, "afterRename");
  }

  /**
   * PLAN.md's bytes and the identity of the file they were read from (its inode where the file
   * system has one); empty when there is no PLAN.md.
   *
   * @param bytes what the file held
   * @param key the file's identity, {@code null} where the platform has none
   */
  record Read(byte[] bytes, Object key) {}

  /** Reads PLAN.md; the identity is taken before and after the read and must not change. */
  Optional<Read> read() throws IOException {
    while (true) {
      try {
        Object before = key(plan);
        byte[] bytes = Files.readAllBytes(plan);
        if (Objects.equals(before, key(plan))) {
          return Optional.of(new Read(bytes, before));
        }
        // Replaced while it was read (a person's editor saving): read the new file.
      } catch (NoSuchFileException missing) {
        return Optional.empty();
      }
    }
  }

  /**
   * Replaces PLAN.md by {@code next} if it is still the file that {@code expected} was read from
   * and still starts with the bytes read; what was appended to it since is carried to the end of
   * the new file. Empty when PLAN.md changed otherwise (replaced, rewritten, truncated, missing):
   * then nothing of {@code next} is left in place and the caller reads it again.
   *
   * @return the bytes carried over from the old file after {@code next} (often none)
   */
  Optional<byte[]> replace(Read expected, byte[] next) throws IOException {
    return replace(expected, next, true);
  }

  private Optional<byte[]> replace(Read expected, byte[] next, boolean mayPutBack)
      throws IOException {
    Path temp = TempFiles.create(tempDir, "PLAN.md.", ".tmp");
    try (FileChannel out =
        FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      writeAll(out, next);
      out.force(true);
      copyPermissions(temp);
      Object ours = key(temp);
      if (!stillNamed(expected.key())) {
        return Optional.empty();
      }
      FileChannel old;
      try {
        // Opened before the check, so that it is the file the check saw, and kept open until
        // after the rename, so that what lands in it meanwhile is still there to read.
        old = FileChannel.open(plan, StandardOpenOption.READ);
      } catch (NoSuchFileException missing) {
        return Optional.empty();
      }
      try (old) {
        byte[] now = readAll(old);
        if (!stillNamed(expected.key()) || !startsWith(now, expected.bytes())) {
          return Optional.empty();
        }
        ByteArrayOutputStream carried = new ByteArrayOutputStream();
        carried.write(now, expected.bytes().length, now.length - expected.bytes().length);
        if (carried.size() > 0) {
          writeAll(out, carried.toByteArray());
          out.force(true);
        }
        beforeRename.run();
        // The last look and the rename follow each other at once: a save that lands between them
        // is the one thing a rename cannot see (see the package description). The rename is the
        // only moment PLAN.md changes, so that it is never missing or half written.
        if (!stillNamed(expected.key())) {
          return Optional.empty();
        }
        Files.move(temp, plan, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durably.forceDirectory(plan.toAbsolutePath().getParent());
        afterRename.run();
        if (carried.size() > 0
            || (lastWritten.length > 0
                && expected.bytes().length > lastWritten.length
                && startsWith(expected.bytes(), lastWritten))) {
          sawAppend();
        }
        boolean someoneAppends =
            appendSeen
                && System.nanoTime() - lastAppendSeen
                    < TimeUnit.MILLISECONDS.toNanos(ACTIVE_MILLIS);
        long start = System.nanoTime();
        long lastGrowth = start;
        while (true) {
          byte[] later = readAll(old);
          if (!startsWith(later, now)) {
            if (mayPutBack) {
              putBack(old, new Read(concat(next, carried.toByteArray()), ours));
            }
            return Optional.empty();
          }
          if (later.length > now.length) {
            byte[] tail = Arrays.copyOfRange(later, now.length, later.length);
            // Appended (O_APPEND), after anything a person's next `>>` already put in the new file.
            writeAll(out, tail);
            out.force(true);
            carried.write(tail, 0, tail.length);
            now = later;
            someoneAppends = true;
            sawAppend();
            lastGrowth = System.nanoTime();
          }
          long quiet = someoneAppends ? ACTIVE_QUIET_MILLIS : 0;
          long nowNanos = System.nanoTime();
          if (nowNanos - lastGrowth >= TimeUnit.MILLISECONDS.toNanos(quiet)
              || nowNanos - start >= TimeUnit.MILLISECONDS.toNanos(MAX_CARRY_MILLIS)) {
            lastWritten = concat(next, carried.toByteArray());
            return Optional.of(carried.toByteArray());
          }
          sleep(1);
        }
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * The old file was rewritten in place (truncated and written again) just as lanes replaced it:
   * the person's version goes back as PLAN.md, with what was appended to lanes' file since, and the
   * update runs again on it. When lanes' file was itself replaced meanwhile, that later save
   * stands.
   */
  private void putBack(FileChannel old, Read ours) throws IOException {
    byte[] person = readAll(old);
    long start = System.nanoTime();
    while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(MAX_CARRY_MILLIS)) {
      // A rewrite in progress: wait until the person's program stops writing.
      sleep(ACTIVE_QUIET_MILLIS);
      byte[] again = readAll(old);
      if (Arrays.equals(again, person)) {
        break;
      }
      person = again;
    }
    replace(ours, person, false);
  }

  private void sawAppend() {
    appendSeen = true;
    lastAppendSeen = System.nanoTime();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] readAll(FileChannel channel) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream((int) Math.min(channel.size(), 1 << 20));
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    long position = 0;
    while (true) {
      buffer.clear();
      int n = channel.read(buffer, position);
      if (n < 0) {
        return all.toByteArray();
      }
      all.write(buffer.array(), 0, n);
      position += n;
    }
  }

  private static void writeAll(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /** Whether PLAN.md is still the file with this identity. */
  private boolean stillNamed(Object key) throws IOException {
    try {
      return Objects.equals(key(plan), key);
    } catch (NoSuchFileException missing) {
      return false;
    }
  }

  private static Object key(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
  }

  private void copyPermissions(Path temp) {
    try {
      Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(plan));
    } catch (IOException | UnsupportedOperationException e) {
      // Not a POSIX file system, or PLAN.md vanished: the default permissions will do.
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing PLAN.md");
    }
  }
}
