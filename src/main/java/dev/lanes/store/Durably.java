package dev.lanes.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Forcing a directory's entries to disk, where the platform allows it. */
final class Durably {
  private Durably() {}

  /** Makes a create, link or rename in {@code dir} survive a crash; a no-op where unsupported. */
  static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms (Windows) cannot open or force a directory; the rename is still atomic.
    }
  }
}
