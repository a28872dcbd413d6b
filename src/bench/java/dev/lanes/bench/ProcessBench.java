package dev.lanes.bench;

import dev.lanes.port.ProcessOutcome;
import dev.lanes.port.ProcessSpec;
import dev.lanes.process.ShellProcessRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Benchmark of what lanes pays to run one command: {@code true} run N times in a row through {@link
 * ShellProcessRunner} (as a gate runs: a time limit, lanes' environment, a log file), beside a bare
 * Commons Exec {@code DefaultExecutor} and a bare {@link ProcessBuilder}, both running {@code
 * setsid sh -c true} with the same environment and waiting for it.
 *
 * <p>Each figure is per run, in ms: wall time, and the CPU time of this JVM (all its threads, not
 * the children), over several rounds of N runs after warm-up rounds; min and median over the
 * rounds. The variants take turns within each round, so a machine that slows down hurts them alike.
 * Run it with:
 *
 * <pre>
 * ./mvnw -B -q -DskipTests package
 * java -cp target/test-classes:target/lanes.jar dev.lanes.bench.ProcessBench [runs] [rounds]
 * </pre>
 */
public final class ProcessBench {
  private static final int WARM_ROUNDS = 3;

  private ProcessBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    Path dir = Files.createTempDirectory("lanes-process-bench").toRealPath();
    Map<String, String> env = new HashMap<>(System.getenv());
    ShellProcessRunner runner = new ShellProcessRunner();
    ProcessSpec spec =
        new ProcessSpec(
            "true", dir, env, Optional.of(Duration.ofMinutes(10)), dir.resolve("logs/true.log"));
    ProcessSpec noLimit =
        new ProcessSpec("true", dir, env, Optional.empty(), dir.resolve("logs/true.log"));

    Map<String, Body> variants = new LinkedHashMap<>();
    variants.put("ShellProcessRunner, 10 min limit", () -> check(runner.run(spec, l -> {})));
    variants.put("ShellProcessRunner, no limit", () -> check(runner.run(noLimit, l -> {})));
    variants.put("Commons Exec DefaultExecutor", () -> commonsExec(dir, env));
    variants.put("ProcessBuilder", () -> processBuilder(dir, env));

    Map<String, List<double[]>> samples = new LinkedHashMap<>();
    variants.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
    for (int round = 0; round < WARM_ROUNDS + rounds; round++) {
      for (Map.Entry<String, Body> variant : variants.entrySet()) {
        double[] perRun = time(variant.getValue(), runs);
        if (round >= WARM_ROUNDS) {
          samples.get(variant.getKey()).add(perRun);
        }
      }
    }

    System.out.printf(
        "true x %d per round, %d rounds after %d warm-up rounds; ms per run%n",
        runs, rounds, WARM_ROUNDS);
    System.out.printf(
        "%-36s %9s %9s %9s %9s%n", "variant", "wall min", "wall med", "cpu min", "cpu med");
    for (Map.Entry<String, List<double[]>> entry : samples.entrySet()) {
      double[] wall = entry.getValue().stream().mapToDouble(s -> s[0]).toArray();
      double[] cpu = entry.getValue().stream().mapToDouble(s -> s[1]).toArray();
      System.out.printf(
          "%-36s %9.3f %9.3f %9.3f %9.3f%n",
          entry.getKey(), min(wall), median(wall), min(cpu), median(cpu));
    }
  }

  private interface Body {
    void run() throws Exception;
  }

  /** Wall and JVM CPU time per run, in ms. */
  private static double[] time(Body body, int runs) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      body.run();
    }
    long wall = System.nanoTime() - wall0;
    long cpu = os.getProcessCpuTime() - cpu0;
    return new double[] {wall / 1e6 / runs, cpu / 1e6 / runs};
  }

  private static void check(ProcessOutcome outcome) {
    if (!outcome.succeeded()) {
      throw new IllegalStateException("true failed: " + outcome);
    }
  }

  private static void commonsExec(Path dir, Map<String, String> env) throws IOException {
    CommandLine line = new CommandLine("setsid");
    line.addArgument("sh", false);
    line.addArgument("-c", false);
    line.addArgument("true", false);
    DefaultExecutor executor =
        DefaultExecutor.builder()
            .setWorkingDirectory(dir)
            .setExecuteStreamHandler(
                new PumpStreamHandler(
                    OutputStream.nullOutputStream(), OutputStream.nullOutputStream()))
            .get();
    int exit = executor.execute(line, env);
    if (exit != 0) {
      throw new IllegalStateException("true failed: " + exit);
    }
  }

  private static void processBuilder(Path dir, Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("setsid", "sh", "-c", "true").directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("true failed: " + process.exitValue());
    }
    process.getInputStream().close();
    process.getErrorStream().close();
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
