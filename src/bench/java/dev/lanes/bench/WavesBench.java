package dev.lanes.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark of {@code lanes waves} as a whole process: 1,000 lanes over 100,000 tracked files.
 *
 * <p>Builds a throw-away repository (500 modules of 200 files), a PLAN.md of 1,000 lanes (most
 * disjoint, every tenth reaching into a neighbour's docs, some with out-of-scope, some with a
 * prefix-free glob such as {@code *.gradle}, three with {@code **}{@code /build.gradle}, dependency
 * chains) and an AGENTS.md with a hotspot, then times {@code lanes waves --json} end to end through
 * the launcher {@code target/lanes}, and through plain {@code java -jar} for comparison. Run it
 * with:
 *
 * <pre>./mvnw -B -q -DskipTests package && java -cp target/test-classes dev.lanes.bench.WavesBench
 * </pre>
 */
public final class WavesBench {
  private static final int MODULES = 500;
  private static final int FILES_PER_MODULE = 200;
  private static final int LANES = 1000;
  private static final int RUNS = 7;

  private WavesBench() {}

  public static void main(String[] args) throws Exception {
    String jar = Path.of("target/lanes.jar").toAbsolutePath().toString();
    Path dir = Files.createTempDirectory("lanes-waves-bench");
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo);
    long t0 = System.nanoTime();
    run(repo, "git", "init", "-q", "-b", "main");
    for (int m = 0; m < MODULES; m++) {
      Path module = repo.resolve(String.format("mod%03d", m));
      Files.createDirectories(module.resolve("src/part0"));
      Files.createDirectories(module.resolve("src/part1"));
      Files.createDirectories(module.resolve("docs"));
      for (int f = 0; f < FILES_PER_MODULE; f++) {
        String sub =
            f < 90
                ? "src/part0/F" + f + ".java"
                : f < 180
                    ? "src/part1/F" + f + ".java"
                    : f < 199 ? "docs/d" + f + ".md" : "build.gradle";
        Files.writeString(module.resolve(sub), "x\n");
      }
    }
    Files.writeString(repo.resolve("AGENTS.md"), agents(), StandardCharsets.UTF_8);
    Files.writeString(repo.resolve("PLAN.md"), plan(), StandardCharsets.UTF_8);
    run(repo, "git", "add", "-A");
    long tracked = run(repo, "git", "ls-files").lines().count();
    System.out.printf(
        "setup: %d tracked files, %d lanes, in %.1f s%n",
        tracked, LANES, (System.nanoTime() - t0) / 1e9);

    String first = "";
    List<List<String>> ways =
        List.of(Bench.lanes("waves", "--json"), List.of("java", "-jar", jar, "waves", "--json"));
    List<String> names = List.of("target/lanes waves --json", "java -jar lanes.jar waves --json");
    for (int w = 0; w < ways.size(); w++) {
      double[] seconds = new double[RUNS];
      for (int i = 0; i < RUNS; i++) {
        long start = System.nanoTime();
        String out = run(repo, ways.get(w).toArray(String[]::new));
        seconds[i] = (System.nanoTime() - start) / 1e9;
        if (first.isEmpty()) {
          first = out;
        }
      }
      Arrays.sort(seconds);
      System.out.printf(
          "%s (whole process, %d runs): min %.2f s, median %.2f s, max %.2f s%n",
          names.get(w), RUNS, seconds[0], seconds[RUNS / 2], seconds[RUNS - 1]);
    }
    long waves = first.lines().filter(l -> l.startsWith("  \"waves\"")).count();
    System.out.println(
        "waves key present: " + (waves == 1) + "; output " + first.length() + " chars");
    System.out.println("goal: under 2 s as a whole process on this 2-core machine");
  }

  private static String agents() {
    StringBuilder s = new StringBuilder("# Agents\n\n");
    for (String h : List.of("Worklog", "Locks", "Integration", "Approvals", "Workers")) {
      s.append("## ").append(h).append("\nPolicy text.\n");
      if (h.equals("Locks")) {
        s.append("- hotspots: `mod000/build.gradle`\n");
      }
      s.append('\n');
    }
    s.append("## Gates\n| gate | name | command | when | timeout |\n|---|---|---|---|---|\n");
    s.append("| 1 | t | `true` | lane, patch, wave | 5m |\n\n");
    s.append("## Agents\n| agent | command |\n|---|---|\n| a | `true` |\n");
    return s.toString();
  }

  private static String plan() {
    StringBuilder s = new StringBuilder("# Plan\n\n## Lanes\n\n");
    for (int i = 0; i < LANES; i++) {
      int module = i / 2;
      String mod = String.format("mod%03d", module);
      s.append("### L-").append(i).append(": lane ").append(i).append('\n');
      List<String> scope = new ArrayList<>();
      scope.add("`" + mod + "/src/part" + (i % 2) + "/**`");
      if (i % 10 == 0) {
        scope.add("`" + String.format("mod%03d", (module + 1) % MODULES) + "/docs/**`");
      }
      if (i % 97 == 0) {
        // Prefix-free: no literal prefix prunes it, so it is paired with every lane.
        scope.add("`*.gradle`");
      }
      if (i % 400 == 0) {
        // Could create a build.gradle in any folder: conflicts with every lane, on purpose.
        scope.add("`**/build.gradle`");
      }
      s.append("- scope: ").append(String.join(", ", scope)).append('\n');
      if (i % 7 == 0) {
        s.append("- out-of-scope: `")
            .append(mod)
            .append("/src/part")
            .append(i % 2)
            .append("/F1*.java`\n");
      }
      if (i % 50 == 49) {
        s.append("- depends-on: L-").append(i - 1).append('\n');
      }
      s.append("- acceptance:\n  - [ ] done\n\nContext ").append(i).append(".\n\n");
    }
    s.append("## Locks\n\n| lock_id | owner | scope | objective | start | heartbeat | expires |\n");
    s.append("|---|---|---|---|---|---|---|\n\n## Board\n\n");
    s.append(
        "| lane | status | wave | attempt | checkpoint | updated | note |\n|---|---|---|---|---|---|---|\n");
    return s.toString();
  }

  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
