package dev.lanes.bench;

import dev.lanes.testing.HostileInputs;
import dev.lanes.testing.HostileInputs.Input;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times every hostile input of {@link HostileInputs} (issue 10, finding 5) through the launcher
 * ({@code target/lanes}) as a whole process: {@code validate}, {@code waves} and {@code dispatch
 * --dry-run}, each in its own throw-away repository, and checks the exit code (0 or 2) on the way.
 * Goal: every one under 2 s. Run it with:
 *
 * <pre>./mvnw -B -q -DskipTests package &amp;&amp; java -cp target/test-classes
 * dev.lanes.bench.HostileInputBench</pre>
 */
public final class HostileInputBench {
  private static final int RUNS = 3;
  private static final List<List<String>> COMMANDS =
      List.of(List.of("validate"), List.of("waves"), List.of("dispatch", "--dry-run"));

  private HostileInputBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("lanes-hostile-bench");
    System.out.printf(
        "%-30s %-20s %4s %10s %10s%n", "input", "command", "exit", "min s", "median s");
    double worst = 0;
    for (Input input : HostileInputs.all()) {
      Path repo = dir.resolve(input.name());
      Files.createDirectories(repo.resolve("src/a"));
      Files.createDirectories(repo.resolve("src/b"));
      Files.writeString(repo.resolve("src/a/A.java"), "class A {}\n");
      Files.writeString(repo.resolve("src/b/B.java"), "class B {}\n");
      Files.writeString(repo.resolve("PLAN.md"), input.plan(), StandardCharsets.UTF_8);
      Files.writeString(repo.resolve("AGENTS.md"), input.agents(), StandardCharsets.UTF_8);
      Bench.git(repo, "init", "-q", "-b", "main");
      Bench.git(repo, "add", "-A");
      Bench.git(repo, "commit", "-q", "-m", "input");
      for (List<String> command : COMMANDS) {
        double[] seconds = new double[RUNS];
        int code = -1;
        for (int i = 0; i < RUNS; i++) {
          List<String> line = Bench.lanes(command.toArray(String[]::new));
          ProcessBuilder pb = new ProcessBuilder(line).directory(repo.toFile());
          pb.redirectErrorStream(true);
          pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
          long start = System.nanoTime();
          Process p = pb.start();
          if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(input.name() + " " + command + ": no answer in 120 s");
          }
          seconds[i] = (System.nanoTime() - start) / 1e9;
          code = p.exitValue();
        }
        if (code != input.exitCode()) {
          throw new IllegalStateException(
              input.name() + " " + command + ": exit " + code + ", expected " + input.exitCode());
        }
        Arrays.sort(seconds);
        worst = Math.max(worst, seconds[RUNS / 2]);
        System.out.printf(
            "%-30s %-20s %4d %10.2f %10.2f%n",
            input.name(), String.join(" ", command), code, seconds[0], seconds[RUNS / 2]);
      }
    }
    System.out.printf("slowest median: %.2f s; goal: every one under 2 s%n", worst);
    Bench.delete(dir);
  }
}
