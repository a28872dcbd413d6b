package dev.lanes.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Benchmark of {@code lanes dispatch} as a whole process, against the same steps done by plain git
 * in a shell loop.
 *
 * <p>A) lanes' own cost per lane: a throw-away repository of 302 tracked files, 50 disjoint lanes
 * ({@code scope: mod<i>/**}), a no-op agent that appends one line to {@code mod<i>/f.txt}, no lane
 * gates and {@code max-parallel: 1}; one {@code lanes dispatch} of all 50 lanes, one of a single
 * named lane (lanes' fixed start-up cost), and the same steps in one {@code sh} loop ({@code git
 * worktree add}, the edit, {@code add}, {@code commit}, {@code diff --binary}) for 50 and for 1
 * lane. B) four lanes whose agent sleeps 10 s, {@code lanes dispatch --parallel 4}. Every figure is
 * the whole process, timed from outside, over fresh repositories; then one untimed dispatch of 50
 * lanes under {@code GIT_TRACE2_EVENT} shows how many git processes lanes starts per lane and how
 * long they take. CPU time (user + system of every process of a run) is shown beside wall time
 * because it hardly changes when other work slows the machine down. Run it with:
 *
 * <pre>
 * ./mvnw -B -q -DskipTests package && java -cp target/test-classes dev.lanes.bench.DispatchBench
 * </pre>
 *
 * <p>lanes runs through the launcher {@code target/lanes} ({@code -Dlanes.launcher=...} names
 * another command); {@code -Dkeep=true} keeps the throw-away repositories.
 */
public final class DispatchBench {
  private static final int LANES = 50;
  private static final int FILES_PER_MODULE = 6;
  private static final int RUNS = 5;
  private static final int SLEEP_LANES = 4;
  private static final int SLEEP_SECONDS = 10;

  // Each edit goes to the module the lane id names: L-07 edits mod07/f.txt.
  private static final String EDIT = "echo x >> \"mod${LANES_LANE#L-}/f.txt\"\n";

  private static final String LOOP =
      """
      set -e
      n=$1; repo=$2; wt=$3; patches=$4; agent=$5
      cd "$repo"
      i=0
      while [ "$i" -lt "$n" ]; do
        id=$(printf %02d "$i")
        git worktree add -q -b "b$id" "$wt/$id" main
        (cd "$wt/$id" && LANES_LANE="L-$id" sh "$agent")
        git -C "$wt/$id" add -A
        git -C "$wt/$id" commit -qm x
        git -C "$wt/$id" diff --binary main HEAD > "$patches/$id.patch"
        i=$((i + 1))
      done
      """;

  private final Path dir;
  private final Map<String, String> env;
  private int fresh;
  private double lastCpu;

  private DispatchBench(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("lanes-dispatch-bench").toRealPath();
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.writeString(
        home.resolve(".gitconfig"),
        "[user]\n\tname = Bench Person\n\temail = bench@example.com\n",
        StandardCharsets.UTF_8);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    try {
      new DispatchBench(dir, env).run();
    } finally {
      // About 750 MB of repositories and worktrees: kept only when asked for.
      if (!Boolean.getBoolean("keep")) {
        deleteTree(dir);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void run() throws Exception {
    Path edit = script("edit.sh", EDIT);
    Path sleepy = script("sleep.sh", "sleep " + SLEEP_SECONDS + "\n" + EDIT);
    Path loop = script("loop.sh", LOOP);
    System.out.printf(
        "setup: %d tracked files, %d lanes, %d runs of each, in %s%n",
        LANES * FILES_PER_MODULE + 2, LANES, RUNS, dir);
    System.out.println("machine: " + load());

    double[] jvm = new double[RUNS];
    double[] lanes50 = new double[RUNS];
    double[] lanes1 = new double[RUNS];
    double[] plain50 = new double[RUNS];
    double[] plain1 = new double[RUNS];
    double[] sleep4 = new double[RUNS];
    double[] cpuLanes50 = new double[RUNS];
    double[] cpuLanes1 = new double[RUNS];
    double[] cpuPlain50 = new double[RUNS];
    double[] cpuPlain1 = new double[RUNS];
    // Interleaved, so a burst of load from elsewhere on the machine hits every measure alike.
    for (int r = 0; r < RUNS; r++) {
      jvm[r] = timed(dir, Bench.lanes("--version").toArray(String[]::new));
      lanes50[r] = lanesDispatch(repo(LANES, edit, 1), LANES, List.of());
      cpuLanes50[r] = lastCpu;
      lanes1[r] = lanesDispatch(repo(LANES, edit, 1), 1, List.of("L-00"));
      cpuLanes1[r] = lastCpu;
      plain50[r] = plainLoop(repo(LANES, edit, 1), LANES, loop, edit);
      cpuPlain50[r] = lastCpu;
      plain1[r] = plainLoop(repo(LANES, edit, 1), 1, loop, edit);
      cpuPlain1[r] = lastCpu;
      sleep4[r] =
          lanesDispatch(repo(SLEEP_LANES, sleepy, 4), SLEEP_LANES, List.of("--parallel", "4"));
      System.out.printf(
          "run %d: lanes 50 %.2f s, lanes 1 %.2f s, plain 50 %.2f s, plain 1 %.2f s,"
              + " 4 x sleep %.2f s%n",
          r + 1, lanes50[r], lanes1[r], plain50[r], plain1[r], sleep4[r]);
    }

    System.out.println();
    System.out.printf("%-52s %10s %10s %s%n", "measure (whole processes)", "min", "median", "goal");
    row("JVM start: lanes --version", jvm, 1000, "ms", "");
    row("A lanes dispatch, 1 named lane (start-up + 1 lane)", lanes1, 1000, "ms", "");
    row("A lanes dispatch, 50 lanes", lanes50, 1, "s", "");
    row("A plain sh+git loop, 1 lane", plain1, 1000, "ms", "");
    row("A plain sh+git loop, 50 lanes", plain50, 1, "s", "");
    double[] lanesPer = perLane(lanes50, LANES);
    double[] plainPer = perLane(plain50, LANES);
    double[] lanesMarginal = marginal(lanes50, lanes1);
    double[] plainMarginal = marginal(plain50, plain1);
    row("A lanes per lane, 50-lane run / 50", lanesPer, 1000, "ms", "");
    row("A lanes per lane, marginal (T50 - T1) / 49", lanesMarginal, 1000, "ms", "");
    row("A plain per lane, 50-lane run / 50", plainPer, 1000, "ms", "");
    row("A plain per lane, marginal (T50 - T1) / 49", plainMarginal, 1000, "ms", "");
    System.out.printf(
        "%-52s %9.2fx %9.2fx %s%n",
        "A ratio lanes / plain, per lane (50-lane runs)",
        min(lanesPer) / min(plainPer),
        median(lanesPer) / median(plainPer),
        "<= 2x");
    System.out.printf(
        "%-52s %9.2fx %9.2fx %s%n",
        "A ratio lanes / plain, marginal per lane",
        min(lanesMarginal) / min(plainMarginal),
        median(lanesMarginal) / median(plainMarginal),
        "<= 2x");
    row("B lanes dispatch --parallel 4, 4 agents x sleep 10 s", sleep4, 1, "s", "<= 11 s");
    // The goal holds for every run, not only the typical one.
    System.out.printf(
        "%-52s %8.2f s %19s%n", "B slowest run", Arrays.stream(sleep4).max().orElse(0), "<= 11 s");

    // CPU time does not grow when other work on the machine slows the run down.
    System.out.println();
    System.out.printf(
        "%-52s %10s %10s%n", "CPU (user + system, all processes of the run)", "min", "median");
    row("A lanes dispatch, 1 named lane", cpuLanes1, 1000, "ms", "");
    row("A lanes dispatch, 50 lanes", cpuLanes50, 1, "s", "");
    row("A plain loop, 50 lanes", cpuPlain50, 1, "s", "");
    double[] cpuLanesMarginal = marginal(cpuLanes50, cpuLanes1);
    double[] cpuPlainMarginal = marginal(cpuPlain50, cpuPlain1);
    row("A lanes CPU per lane, marginal", cpuLanesMarginal, 1000, "ms", "");
    row("A plain CPU per lane, marginal", cpuPlainMarginal, 1000, "ms", "");
    System.out.printf(
        "%-52s %9.2fx %9.2fx%n",
        "A CPU ratio lanes / plain, marginal per lane",
        min(cpuLanesMarginal) / min(cpuPlainMarginal),
        median(cpuLanesMarginal) / median(cpuPlainMarginal));

    System.out.println();
    traced(edit, loop);
    System.out.println("machine: " + load());
  }

  /** Other work on a shared machine slows every figure: say how busy it was. */
  private static String load() throws IOException {
    Path loadavg = Path.of("/proc/loadavg");
    String avg =
        Files.exists(loadavg)
            ? "load average " + Files.readString(loadavg).strip().split(" ")[0]
            : "load average unknown";
    return Runtime.getRuntime().availableProcessors() + " processors, " + avg;
  }

  /** One untimed 50-lane dispatch and plain loop under trace2: git processes and time per lane. */
  private void traced(Path edit, Path loop) throws IOException, InterruptedException {
    Path lanesTrace = dir.resolve("trace-lanes.json");
    Path plainTrace = dir.resolve("trace-plain.json");
    Path lanesRepo = repo(LANES, edit, 1);
    Path plainRepo = repo(LANES, edit, 1);
    double lanesWall =
        timedWith(
            lanesRepo,
            Map.of("GIT_TRACE2_EVENT", lanesTrace.toString()),
            Bench.lanes("dispatch").toArray(String[]::new));
    Path wt = Files.createDirectories(dir.resolve("wt-trace"));
    Path patches = Files.createDirectories(dir.resolve("patches-trace"));
    double plainWall =
        timedWith(
            plainRepo,
            Map.of("GIT_TRACE2_EVENT", plainTrace.toString()),
            "sh",
            loop.toString(),
            Integer.toString(LANES),
            plainRepo.toString(),
            wt.toString(),
            patches.toString(),
            edit.toString());
    Map<String, double[]> lanesGit = gitCalls(lanesTrace);
    Map<String, double[]> plainGit = gitCalls(plainTrace);
    System.out.println(
        "git processes under GIT_TRACE2_EVENT, one 50-lane run each (calls and ms per lane):");
    System.out.printf(
        "%-40s %8s %8s %8s %8s%n", "git command", "lanes n", "lanes ms", "plain n", "plain ms");
    TreeMap<String, double[]> all = new TreeMap<>();
    lanesGit.keySet().forEach(k -> all.put(k, null));
    plainGit.keySet().forEach(k -> all.put(k, null));
    for (String key : all.keySet()) {
      double[] l = lanesGit.getOrDefault(key, new double[2]);
      double[] p = plainGit.getOrDefault(key, new double[2]);
      System.out.printf(
          "%-40s %8.2f %8.1f %8.2f %8.1f%n",
          key, l[0] / LANES, l[1] * 1000 / LANES, p[0] / LANES, p[1] * 1000 / LANES);
    }
    double[] lanesTotal = total(lanesGit);
    double[] plainTotal = total(plainGit);
    System.out.printf(
        "%-40s %8.2f %8.1f %8.2f %8.1f%n",
        "all git",
        lanesTotal[0] / LANES,
        lanesTotal[1] * 1000 / LANES,
        plainTotal[0] / LANES,
        plainTotal[1] * 1000 / LANES);
    System.out.printf(
        "%-40s %17.1f %17.1f%n",
        "wall per lane (traced run)", lanesWall * 1000 / LANES, plainWall * 1000 / LANES);
    System.out.printf(
        "%-40s %17.1f %17.1f%n",
        "wall per lane outside git",
        (lanesWall - lanesTotal[1]) * 1000 / LANES,
        (plainWall - plainTotal[1]) * 1000 / LANES);
    System.out.println(
        "(git ms is git's own run time as trace2 sees it; process start and JVM time are outside it)");
  }

  // The children line of the shell's `times`: 0m1.234s 0m0.567s (user, then system).
  private static final Pattern TIMES =
      Pattern.compile("\\s*(\\d+)m([0-9.]+)s\\s+(\\d+)m([0-9.]+)s\\s*");
  private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]*)\"");
  private static final Pattern ARGV = Pattern.compile("\"argv\":\\[([^\\]]*)\\]");
  private static final Pattern T_ABS = Pattern.compile("\"t_abs\":([0-9.]+)");

  /** Top-level git processes (not git's own children) by their first words: {count, seconds}. */
  private static Map<String, double[]> gitCalls(Path trace) throws IOException {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, double[]> calls = new TreeMap<>();
    for (String line : Files.readAllLines(trace, StandardCharsets.UTF_8)) {
      Matcher sid = SID.matcher(line);
      if (!sid.find() || sid.group(1).contains("/")) {
        continue;
      }
      if (line.contains("\"event\":\"start\"")) {
        Matcher argv = ARGV.matcher(line);
        if (argv.find()) {
          names.put(sid.group(1), command(argv.group(1)));
        }
      } else if (line.contains("\"event\":\"exit\"")) {
        Matcher t = T_ABS.matcher(line);
        String name = names.getOrDefault(sid.group(1), "?");
        double[] c = calls.computeIfAbsent(name, k -> new double[2]);
        c[0]++;
        c[1] += t.find() ? Double.parseDouble(t.group(1)) : 0;
      }
    }
    return calls;
  }

  /**
   * {@code git -C x diff --cached --quiet HEAD} becomes {@code diff --cached --quiet}: the
   * subcommand (with its verb for worktree and config) and up to two options.
   */
  private static String command(String argv) {
    List<String> words = new ArrayList<>();
    for (String w : argv.split(",")) {
      words.add(w.replaceAll("^\"|\"$", ""));
    }
    List<String> kept = new ArrayList<>();
    for (int i = 1; i < words.size() && kept.size() < 3; i++) {
      String w = words.get(i);
      if (w.equals("-C") || w.equals("-c")) {
        i++;
      } else if (kept.isEmpty()
          || kept.size() == 1 && List.of("worktree", "config").contains(kept.get(0))
          || w.startsWith("-")) {
        kept.add(w);
      } else {
        break;
      }
    }
    return String.join(" ", kept);
  }

  private static double[] total(Map<String, double[]> calls) {
    double[] t = new double[2];
    for (double[] c : calls.values()) {
      t[0] += c[0];
      t[1] += c[1];
    }
    return t;
  }

  /** Times {@code lanes dispatch} in {@code repo} and checks that every lane was handed off. */
  private double lanesDispatch(Path repo, int expected, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = Bench.lanes("dispatch");
    command.addAll(args);
    double seconds = timed(repo, command.toArray(String[]::new));
    long handedOff =
        Files.readAllLines(repo.resolve("PLAN.md"), StandardCharsets.UTF_8).stream()
            .filter(l -> l.matches("\\| L-\\d+ \\| handed-off \\|.*"))
            .count();
    if (handedOff != expected) {
      throw new IllegalStateException(
          "expected " + expected + " handed-off lanes in " + repo + ", found " + handedOff);
    }
    return seconds;
  }

  /** Times the plain loop over the first {@code lanes} lanes and checks every patch. */
  private double plainLoop(Path repo, int lanes, Path loop, Path edit)
      throws IOException, InterruptedException {
    Path wt = Files.createDirectories(repo.resolveSibling(repo.getFileName() + "-wt"));
    Path patches = Files.createDirectories(repo.resolveSibling(repo.getFileName() + "-patches"));
    double seconds =
        timed(
            repo,
            "sh",
            loop.toString(),
            Integer.toString(lanes),
            repo.toString(),
            wt.toString(),
            patches.toString(),
            edit.toString());
    for (int i = 0; i < lanes; i++) {
      String patch = Files.readString(patches.resolve(String.format("%02d.patch", i)));
      if (!patch.contains("+x")) {
        throw new IllegalStateException("plain loop lane " + i + " left no edit: " + patch);
      }
    }
    return seconds;
  }

  /** A fresh repository with {@code lanes} disjoint lanes whose agent runs {@code agent}. */
  private Path repo(int lanes, Path agent, int maxParallel)
      throws IOException, InterruptedException {
    Path repo = Files.createDirectories(dir.resolve("repo" + fresh++));
    run(repo, env, "git", "init", "-q", "-b", "main");
    for (int m = 0; m < LANES; m++) {
      Path module = Files.createDirectories(repo.resolve(String.format("mod%02d/src", m)));
      Files.writeString(module.resolveSibling("f.txt"), "f\n");
      for (int f = 1; f < FILES_PER_MODULE; f++) {
        Files.writeString(module.resolve("a" + f + ".txt"), "a" + f + "\n");
      }
    }
    Files.writeString(
        repo.resolve("AGENTS.md"), agents(agent, maxParallel), StandardCharsets.UTF_8);
    Files.writeString(repo.resolve("PLAN.md"), plan(lanes), StandardCharsets.UTF_8);
    run(repo, env, "git", "add", "-A");
    run(repo, env, "git", "commit", "-qm", "start");
    // On disk before the clock starts: its write-back must not run during the timed process.
    run(repo, env, "sync");
    return repo;
  }

  private static String agents(Path agent, int maxParallel) {
    StringBuilder s = new StringBuilder("# Agents\n\n");
    for (String h : List.of("Worklog", "Locks", "Integration", "Approvals", "Workers")) {
      s.append("## ").append(h).append("\nPolicy text.\n");
      if (h.equals("Integration")) {
        s.append("- max-parallel: ").append(maxParallel).append('\n');
      }
      s.append('\n');
    }
    // One wave-only gate: the bootstrap check wants rows, and no gate runs per lane.
    s.append("## Gates\n| gate | name | command | when | timeout |\n|---|---|---|---|---|\n");
    s.append("| 1 | wave check | `true` | wave | 5m |\n\n");
    s.append("## Agents\n| agent | command |\n|---|---|\n| bench | `sh ")
        .append(agent)
        .append("` |\n");
    return s.toString();
  }

  private static String plan(int lanes) {
    StringBuilder s = new StringBuilder("# Plan\n\n## Lanes\n\n");
    for (int i = 0; i < lanes; i++) {
      String id = String.format("%02d", i);
      s.append("### L-").append(id).append(": edit mod").append(id).append('\n');
      s.append("- scope: `mod").append(id).append("/**`\n");
      s.append("- acceptance:\n  - [ ] f.txt has one more line\n\nContext ").append(i);
      s.append(".\n\n");
    }
    s.append("## Locks\n\n| lock_id | owner | scope | objective | start | heartbeat | expires |\n");
    s.append("|---|---|---|---|---|---|---|\n\n## Board\n\n");
    s.append(
        "| lane | status | wave | attempt | checkpoint | updated | note |\n|---|---|---|---|---|---|---|\n");
    return s.toString();
  }

  private Path script(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private double timed(Path in, String... command) throws IOException, InterruptedException {
    return timedWith(in, Map.of(), command);
  }

  /**
   * Wall seconds of {@code command}; its CPU seconds (user + system, with every process it waited
   * for) go to {@link #lastCpu}, as the shell's {@code times} reports them.
   */
  private double timedWith(Path in, Map<String, String> more, String... command)
      throws IOException, InterruptedException {
    Map<String, String> all = new LinkedHashMap<>(env);
    all.putAll(more);
    List<String> wrapped =
        new ArrayList<>(List.of("sh", "-c", "\"$@\"; rc=$?; times; exit $rc", "sh"));
    wrapped.addAll(List.of(command));
    long start = System.nanoTime();
    String out = run(in, all, wrapped.toArray(String[]::new));
    double wall = (System.nanoTime() - start) / 1e9;
    List<String> lines = out.lines().toList();
    Matcher m = TIMES.matcher(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
    if (!m.matches()) {
      throw new IllegalStateException("no `times` line at the end of: " + out);
    }
    lastCpu = seconds(m.group(1), m.group(2)) + seconds(m.group(3), m.group(4));
    return wall;
  }

  private static double seconds(String minutes, String secs) {
    return Integer.parseInt(minutes) * 60 + Double.parseDouble(secs);
  }

  private static String run(Path dir, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static void row(String name, double[] seconds, int scale, String unit, String goal) {
    String format = scale == 1 ? "%-52s %8.2f %s %8.2f %s %s%n" : "%-52s %7.0f %s %7.0f %s %s%n";
    System.out.printf(
        format, name, min(seconds) * scale, unit, median(seconds) * scale, unit, goal);
  }

  private static double[] perLane(double[] seconds, int lanes) {
    return Arrays.stream(seconds).map(s -> s / lanes).toArray();
  }

  private static double[] marginal(double[] many, double[] one) {
    double[] m = new double[many.length];
    for (int i = 0; i < many.length; i++) {
      m[i] = (many[i] - one[i]) / (LANES - 1);
    }
    return m;
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(0);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
