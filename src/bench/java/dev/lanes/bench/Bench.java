package dev.lanes.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What every benchmark shares: lanes run the way README's set-up runs it (the launcher {@code
 * target/lanes}, or another given with {@code -Dlanes.launcher=...}), plain git, and wall-clock
 * timing of whole processes reported as minimum and median.
 */
final class Bench {
  private Bench() {}

  /** The command line that runs lanes with {@code args}, through the launcher. */
  static List<String> lanes(String... args) {
    List<String> line = new ArrayList<>(launcher());
    line.addAll(List.of(args));
    return line;
  }

  /** The launcher's command: {@code -Dlanes.launcher} split on spaces, else target/lanes. */
  static List<String> launcher() {
    String given = System.getProperty("lanes.launcher", "");
    if (!given.isBlank()) {
      return List.of(given.strip().split(" +"));
    }
    return List.of(Path.of("target/lanes").toAbsolutePath().toString());
  }

  /** Runs a command in {@code dir} to its end; returns its wall time in seconds. */
  static double run(Path dir, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.redirectErrorStream(true);
    long start = System.nanoTime();
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Runs git with a fixed identity in {@code dir}. */
  static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("git", "-c", "user.name=bench", "-c", "user.email=bench@b"));
    command.addAll(List.of(args));
    run(dir, command);
  }

  /** The minimum and the median of some timings, in the order given. */
  static double[] minAndMedian(double[] seconds) {
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    return new double[] {sorted[0], sorted[sorted.length / 2]};
  }

  /** Deletes a folder and everything under it. */
  static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
