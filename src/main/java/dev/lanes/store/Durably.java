package dev.lanes.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Forcing files and a directory's entries to disk, where the platform allows it. */
final class Durably {
  private Durably() {}

  /**
   * Writes {@code bytes} whole into the existing (new, empty) {@code file} and forces them to disk.
   */
  static void write(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
  }

  /** Makes a create, link or rename in {@code dir} survive a crash; a no-op where unsupported. */
  static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms (Windows) cannot open or force a directory; the rename is still atomic.
    }
  }
}
