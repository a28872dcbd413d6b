package dev.lanes.integrate;

import dev.lanes.error.BusyException;
import dev.lanes.error.WorkFailedException;
import dev.lanes.io.LanesFolder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one-integrator lock: an OS file lock on {@code .lanes/state/integrator.lock}, held for the
 * whole run, with {@code .lanes/state/integrator.pid} naming the holder (pid and start time) so a
 * second integrator can say who is in the way. The OS drops the lock when its process dies, so a
 * killed integrator never leaves the next one locked out; a stale pid file is simply overwritten.
 */
public final class IntegratorLock implements AutoCloseable {
  public static final String LOCK_FILE = ".lanes/state/integrator.lock";
  public static final String PID_FILE = ".lanes/state/integrator.pid";

  private final FileChannel channel;
  private final FileLock lock;
  private final Path pidFile;

  private IntegratorLock(FileChannel channel, FileLock lock, Path pidFile) {
    this.channel = channel;
    this.lock = lock;
    this.pidFile = pidFile;
  }

  /**
   * Takes the lock at once or throws {@link BusyException} (exit 3) naming the holder's pid and
   * start time.
   */
  public static IntegratorLock acquire(Path root, Instant now) {
    Path lockFile = root.resolve(LOCK_FILE);
    Path pidFile = root.resolve(PID_FILE);
    FileChannel channel = null;
    try {
      LanesFolder.create(root, "state");
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new BusyException(
            "another `lanes integrate` is running ("
                + holder(pidFile)
                + "); one integrator at a time moves the target branch. Wait for it to finish.");
      }
      Files.writeString(
          pidFile,
          "pid " + ProcessHandle.current().pid() + "\nstarted " + now + "\n",
          StandardCharsets.UTF_8);
      return new IntegratorLock(channel, lock, pidFile);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new WorkFailedException("cannot take the integrator lock " + lockFile + ": " + e, e);
    }
  }

  /** What the pid file says about the holder, e.g. {@code pid 4121, started 2026-11-22T14:10Z}. */
  static String holder(Path pidFile) {
    try {
      String text = Files.readString(pidFile, StandardCharsets.UTF_8);
      String pid = "unknown";
      String started = "unknown";
      for (String line : text.split("\n")) {
        if (line.startsWith("pid ")) {
          pid = line.substring(4).trim();
        } else if (line.startsWith("started ")) {
          started = line.substring(8).trim();
        }
      }
      return "pid " + pid + ", started " + started;
    } catch (IOException e) {
      return "pid unknown: " + pidFile + " is unreadable";
    }
  }

  @Override
  public void close() {
    try {
      // The pid goes before the lock, so it never names the next holder's predecessor.
      Files.deleteIfExists(pidFile);
      lock.release();
    } catch (IOException e) {
      // The lock dies with the channel below anyway.
    } finally {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing more to release.
    }
  }
}
