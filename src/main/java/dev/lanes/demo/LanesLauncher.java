package dev.lanes.demo;

import dev.lanes.policy.ShellWords;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a worker started by this lanes process can run lanes itself: the same Java and the same class
 * path (the jar, or a build folder's classes and dependencies).
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
    // Absolute, because the worker runs in its own folder: `java -jar target/lanes.jar` gives a
    // relative class path.
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().toString())
            .collect(Collectors.joining(File.pathSeparator));
    return ShellWords.quote(java) + " -cp " + ShellWords.quote(classPath) + " dev.lanes.Main";
  }
}
