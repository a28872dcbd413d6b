package dev.lanes.demo;

import dev.lanes.policy.ShellWords;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a worker started by this lanes process can run lanes itself: the same Java and the same jar
 * (or, when lanes runs from a build folder, the same class path).
 */
public final class LanesLauncher {
  private LanesLauncher() {}

  /** Shell words that start {@code dev.lanes.Main} with this process's Java and class path. */
  public static String shellCommand() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return ShellWords.quote(java) + " -cp " + ShellWords.quote(classPath()) + " dev.lanes.Main";
  }

  private static String classPath() {
    // The fat jar holds every dependency; a build folder (tests, IDE) needs the whole class path.
    return jar().map(Path::toString).orElse(System.getProperty("java.class.path"));
  }

  private static Optional<Path> jar() {
    try {
      var source = LanesLauncher.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      Path path = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(path) && path.toString().endsWith(".jar")
          ? Optional.of(path)
          : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }
}
