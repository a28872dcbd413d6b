package dev.lanes.dispatch;

import dev.lanes.plan.LaneId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code .lanes/run/<lane>/worker}: which lanes process runs the lane's current attempt (written as
 * the lane takes a worker slot) and, once started, its worker's pid. Lines: {@code lanes-pid N},
 * {@code worker-pid N} (optional), {@code attempt N}.
 */
record WorkerFile(long lanesPid, int attempt) {
  static Path of(Path runDir) {
    return runDir.resolve("worker");
  }

  /** The file's text for this process running {@code attempt}. */
  static String text(Optional<Long> workerPid, int attempt) {
    return "lanes-pid "
        + ProcessHandle.current().pid()
        + workerPid.map(pid -> "\nworker-pid " + pid).orElse("")
        + "\nattempt "
        + attempt
        + "\n";
  }

  /** The lane's worker file; empty when there is none or it cannot be read. */
  static Optional<WorkerFile> read(Path root, LaneId id) {
    Path file = of(root.resolve(".lanes").resolve("run").resolve(id.value()));
    long pid = -1;
    int attempt = -1;
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("lanes-pid ")) {
          pid = Long.parseLong(line.substring("lanes-pid ".length()).trim());
        } else if (line.startsWith("attempt ")) {
          attempt = Integer.parseInt(line.substring("attempt ".length()).trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return pid < 0 ? Optional.empty() : Optional.of(new WorkerFile(pid, attempt));
  }
}
