package dev.lanes.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start-up of {@code lanes status} on a 50-lane plan: through the launcher (quick compiler,
 * serial collector, the build's class archive), and for comparison plain {@code java -jar} and the
 * launcher's flags without the archive. Runs interleave, 7 of each; it prints minimum and median.
 *
 * <pre>./mvnw -B -q -DskipTests package &amp;&amp; java -cp target/test-classes
 * dev.lanes.bench.StartupBench</pre>
 */
public final class StartupBench {
  private static final int LANES = 50;
  private static final int RUNS = 7;

  private StartupBench() {}

  public static void main(String[] args) throws Exception {
    String jar = Path.of("target/lanes.jar").toAbsolutePath().toString();
    Path repo = Files.createTempDirectory("lanes-startup-bench");
    StringBuilder plan = new StringBuilder("# Plan\n\n## Lanes\n");
    for (int i = 1; i <= LANES; i++) {
      plan.append("\n### L-")
          .append(i)
          .append(": lane ")
          .append(i)
          .append("\n- scope: `src/m")
          .append(i)
          .append("/**`\n- acceptance:\n  - [ ] done\n");
      Files.createDirectories(repo.resolve("src/m" + i));
      Files.writeString(repo.resolve("src/m" + i + "/F.java"), "class F {}\n");
    }
    Files.writeString(repo.resolve("PLAN.md"), plan, StandardCharsets.UTF_8);
    Bench.git(repo, "init", "-q", "-b", "main");
    Bench.run(repo, Bench.lanes("init"));
    Bench.git(repo, "add", "-A");
    Bench.git(repo, "commit", "-q", "-m", "base");
    Bench.run(repo, Bench.lanes("validate"));

    List<String> quick = List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    List<List<String>> ways =
        List.of(
            Bench.lanes("status"),
            concat(quick, List.of("-jar", jar, "status")),
            List.of("java", "-jar", jar, "status"));
    List<String> names =
        List.of("target/lanes status", "flags, no archive", "java -jar lanes.jar status");
    double[][] seconds = new double[ways.size()][RUNS];
    for (int run = 0; run < RUNS; run++) {
      for (int w = 0; w < ways.size(); w++) {
        seconds[w][run] = Bench.run(repo, ways.get(w));
      }
    }
    System.out.printf("lanes status on a %d-lane plan, %d runs each%n", LANES, RUNS);
    System.out.printf("%-30s %8s %8s%n", "", "min s", "median s");
    for (int w = 0; w < ways.size(); w++) {
      double[] mm = Bench.minAndMedian(seconds[w]);
      System.out.printf("%-30s %8.2f %8.2f%n", names.get(w), mm[0], mm[1]);
    }
    Bench.delete(repo);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
