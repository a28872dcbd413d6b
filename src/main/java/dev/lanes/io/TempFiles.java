package dev.lanes.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * New scratch files for writes that are made whole beside their target and then moved or linked in
 * place (PLAN.md, ledger entries, git's exclude file).
 *
 * <p>Why not {@code Files.createTempFile}: its files get mode 0600, and what is linked in from one
 * (PLAN.md, a ledger entry) is a file the person reads like any other, so it must get the default
 * mode of a new file (the umask's). A name made of the process id and a counter is unique among the
 * processes that share the folder, and the file is still created exclusively ({@code O_EXCL}: never
 * an existing file, never through a link).
 */
public final class TempFiles {
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final int ATTEMPTS = 100;

  private TempFiles() {}

  /** Creates a new empty file {@code <prefix><pid>-<n><suffix>} in {@code dir}. */
  public static Path create(Path dir, String prefix, String suffix) throws IOException {
    long pid = ProcessHandle.current().pid();
    for (int i = 0; i < ATTEMPTS; i++) {
      Path file = dir.resolve(prefix + pid + "-" + COUNTER.incrementAndGet() + suffix);
      try {
        return Files.createFile(file);
      } catch (FileAlreadyExistsException taken) {
        // Left by an earlier process with the same id: the next number.
      }
    }
    return Files.createTempFile(dir, prefix, suffix);
  }
}
