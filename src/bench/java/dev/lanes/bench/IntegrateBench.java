package dev.lanes.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of {@code lanes integrate} as a whole process, against a shell loop of {@code git apply
 * --3way} and {@code git commit}, and of what a {@code {modules}} patch gate saves over a full
 * build.
 *
 * <p>A) 50 one-file lanes handed off by a real {@code lanes dispatch --parallel 2} (an sh agent
 * that appends a line to one file of its module), every gate {@code true}; the prepared repository
 * is copied for each repetition, and a second one with a single handed-off lane gives the fixed
 * start cost, so per-lane figures are {@code (t(50) - t(1)) / 49} for lanes and for the loop alike.
 * Progress lines are time-stamped as they arrive, which splits the run into start-up, landing, wave
 * gates plus the move, and the recording of board and ledger. One extra, untimed run under {@code
 * GIT_TRACE2_EVENT} counts the git processes by subcommand.
 *
 * <p>B) 8 build modules (each with a {@code package.json}), 10 lanes each touching one module, a
 * build script costing {@code sleep 0.2} per module it is given: the patch gate {@code sh build.sh
 * {modules}} against {@code sh build.sh <all 8 modules>}, with the gate seconds read back from the
 * landed commits' {@code Gates:} trailers. Run it with:
 *
 * <pre>
 * ./mvnw -B -q -DskipTests package && java -cp target/test-classes dev.lanes.bench.IntegrateBench
 * </pre>
 */
public final class IntegrateBench {
  private static final int LANES = 50;
  private static final int FILES_PER_MODULE = 20;
  private static final int RUNS = 5;
  private static final int B_MODULES = 8;
  private static final int B_LANES = 10;
  private static final String B_COST = "0.2";
  private static final Pattern LANE_LINE = Pattern.compile("^  (L-\\d+): applied and gated");
  private static final Pattern FAILED_ROW = Pattern.compile("^\\| (L-\\d+) \\| failed \\|");
  private static final Pattern HANDED_OFF_ROW =
      Pattern.compile("^\\| (L-\\d+) \\| handed-off \\| [^|]* \\| (\\d+) \\|");
  private static final Pattern SECONDS = Pattern.compile("(\\d+\\.\\d)s");
  private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  private IntegrateBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("lanes-integrate-bench").toRealPath();
    Runs bench = new Runs(dir);
    System.out.println("work folder: " + dir);
    bench.benchA();
    bench.benchB();
  }

  /** One process run: its wall time and its output lines, each stamped when it arrived. */
  private record Timed(double seconds, List<Stamped> lines, int exitCode) {
    String text() {
      StringBuilder sb = new StringBuilder();
      lines.forEach(l -> sb.append(l.text()).append('\n'));
      return sb.toString();
    }

    long count(String contains) {
      return lines.stream().filter(l -> l.text().contains(contains)).count();
    }

    /** Seconds from the start to the first line starting with {@code prefix}. */
    double at(String prefix) {
      return lines.stream()
          .filter(l -> l.text().startsWith(prefix))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no line `" + prefix + "` in\n" + text()))
          .seconds();
    }

    List<Double> laneLines() {
      return lines.stream()
          .filter(l -> LANE_LINE.matcher(l.text()).find())
          .map(Stamped::seconds)
          .toList();
    }
  }

  private record Stamped(double seconds, String text) {}

  /** Where one integrate run spent its time, split by its progress lines. */
  private record Phases(
      double startup, double firstLane, double perLane, double waveMove, double record) {
    static Phases of(Timed t) {
      List<Double> lanes = t.laneLines();
      double integrating = t.at("Integrating ");
      double first = lanes.get(0);
      double last = lanes.get(lanes.size() - 1);
      double moved = t.at("Moved ");
      return new Phases(
          integrating,
          first - integrating,
          lanes.size() < 2 ? 0 : (last - first) / (lanes.size() - 1),
          moved - last,
          t.seconds() - moved);
    }
  }

  private static final class Runs {
    private final Path dir;
    private final Path agent;
    private final Path build;

    Runs(Path dir) throws IOException {
      this.dir = dir;
      this.agent = dir.resolve("agent.sh");
      this.build = dir.resolve("build.sh");
      // The worker edits one existing file of its lane: mod<i % modules>/f<i>.txt.
      Files.writeString(
          agent,
          "i=${1#L-}\nm=$((i % $2))\nprintf 'edited by %s\\n' \"$1\" >> \"mod$m/f$i.txt\"\n");
      // One unit of build cost per module named on the command line.
      Files.writeString(
          build, "for m in \"$@\"; do sleep " + B_COST + "; done\necho \"built $*\"\n");
    }

    void benchA() throws Exception {
      long t0 = System.nanoTime();
      String gates = "| 1 | t | `true` | patch, wave | 5m |\n";
      Path many = prepare("a50", LANES, LANES, FILES_PER_MODULE, gates, List.of());
      Path one = prepare("a1", LANES, LANES, FILES_PER_MODULE, gates, List.of("L-0"));
      System.out.printf(
          "A setup: %d modules of %d files, %d lanes handed off by lanes dispatch --parallel 2"
              + " (and a copy with 1), in %.1f s%n",
          LANES, FILES_PER_MODULE, LANES, (System.nanoTime() - t0) / 1e9);
      List<Path> patches = new ArrayList<>();
      for (int i = 0; i < LANES; i++) {
        patches.add(patchOf(many, "L-" + i));
      }
      double[] lanesMany = new double[RUNS];
      double[] lanesOne = new double[RUNS];
      double[] shellMany = new double[RUNS];
      double[] shellOne = new double[RUNS];
      List<Phases> phasesMany = new ArrayList<>();
      List<Phases> phasesOne = new ArrayList<>();
      List<Phases> phasesNoGate = new ArrayList<>();
      for (int r = 0; r < RUNS; r++) {
        // The same queue with no patch or wave gate (the gate runs only in lanes): what one gate
        // run costs lanes beyond the command itself.
        Path bare = copy(many, "a50-nogate-run" + r);
        Path policy = bare.resolve("AGENTS.md");
        Files.writeString(policy, Files.readString(policy).replace("| patch, wave |", "| lane |"));
        // integrate runs the gates committed on the target only.
        run(
            bare,
            Map.of(),
            "git",
            "commit",
            "-q",
            "-m",
            "no patch or wave gates",
            "--",
            "AGENTS.md");
        phasesNoGate.add(Phases.of(integrate(bare, LANES, Map.of())));
        Timed m = integrate(copy(many, "a50-run" + r), LANES, Map.of());
        Timed o = integrate(copy(one, "a1-run" + r), 1, Map.of());
        lanesMany[r] = m.seconds();
        lanesOne[r] = o.seconds();
        phasesMany.add(Phases.of(m));
        phasesOne.add(Phases.of(o));
        shellMany[r] = shellLoop(many, "sh50-run" + r, patches, Map.of()).seconds();
        shellOne[r] = shellLoop(many, "sh1-run" + r, patches.subList(0, 1), Map.of()).seconds();
      }
      double[] lanesPer = perLane(lanesMany, lanesOne);
      double[] shellPer = perLane(shellMany, shellOne);
      System.out.println();
      System.out.printf(
          "A) integrate %d one-file lanes, every gate `true` (%d runs; per lane = (t%d - t1)"
              + " / %d, pairing run i with run i)%n",
          LANES, RUNS, LANES, LANES - 1);
      row("", "min", "median");
      row("lanes integrate, 50 lanes (s)", lanesMany);
      row("lanes integrate, 1 lane (s)", lanesOne);
      row("shell loop, 50 patches (s)", shellMany);
      row("shell loop, 1 patch (s)", shellOne);
      rowMs("lanes integrate per lane (ms)", lanesPer);
      rowMs("shell loop per lane (ms)", shellPer);
      double ratioMin = min(lanesPer) / min(shellPer);
      double ratioMed = median(lanesPer) / median(shellPer);
      System.out.printf(
          Locale.ROOT,
          "%-38s %10.2f %10.2f   (guard: at most 2)%n",
          "ratio lanes / shell per lane",
          ratioMin,
          ratioMed);

      System.out.println();
      System.out.println("Where the time of lanes integrate goes (median of the runs, ms):");
      System.out.printf(
          Locale.ROOT,
          "%-46s %10s %10s %12s%n",
          "phase (split by progress lines)",
          "1 lane",
          "50 lanes",
          "per lane");
      phase("start-up to `Integrating` (JVM, queue)", phasesOne, phasesMany, Phases::startup, true);
      phase(
          "staging reset + base gates + first lane",
          phasesOne,
          phasesMany,
          Phases::firstLane,
          false);
      double perLaneLand = median(phasesMany.stream().mapToDouble(Phases::perLane).toArray());
      System.out.printf(
          Locale.ROOT,
          "%-46s %10s %10s %12.1f%n",
          "each further lane: apply, gate, commit",
          "-",
          "-",
          perLaneLand * 1000);
      System.out.printf(
          Locale.ROOT,
          "%-46s %10s %10s %12.1f%n",
          "  the same with no patch gate at all",
          "-",
          "-",
          median(phasesNoGate.stream().mapToDouble(Phases::perLane).toArray()) * 1000);
      phase("wave gates + moving the target", phasesOne, phasesMany, Phases::waveMove, true);
      phase("board + ledger records, exit", phasesOne, phasesMany, Phases::record, true);

      Timed traced =
          integrate(
              copy(many, "a50-traced"),
              LANES,
              Map.of("GIT_TRACE2_EVENT", dir.resolve("trace-lanes.json").toString()));
      shellLoop(
          many,
          "sh50-traced",
          patches,
          Map.of("GIT_TRACE2_EVENT", dir.resolve("trace-shell.json").toString()));
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "git processes of one traced run (GIT_TRACE2_EVENT; integrate %.2f s; self time is"
              + " git's own, without process start):%n",
          traced.seconds());
      printTrace("lanes integrate, 50 lanes", dir.resolve("trace-lanes.json"), LANES);
      printTrace("shell loop, 50 patches", dir.resolve("trace-shell.json"), LANES);
      spawnCosts();
    }

    void benchB() throws Exception {
      StringBuilder all = new StringBuilder();
      for (int m = 0; m < B_MODULES; m++) {
        all.append(" mod").append(m);
      }
      String wave = "| 2 | wave | `true` | wave | 5m |\n";
      String modulesGate = "| 1 | build | `sh " + build + " {modules}` | patch | 5m |\n" + wave;
      String fullGate = "| 1 | build | `sh " + build + all + "` | patch | 5m |\n" + wave;
      Path modules = prepare("b-modules", B_LANES, B_MODULES, 0, modulesGate, List.of());
      Path full = prepare("b-full", B_LANES, B_MODULES, 0, fullGate, List.of());
      double[] totalModules = new double[RUNS];
      double[] totalFull = new double[RUNS];
      double[] gateModules = new double[RUNS];
      double[] gateFull = new double[RUNS];
      for (int r = 0; r < RUNS; r++) {
        Path a = copy(modules, "b-modules-run" + r);
        totalModules[r] = integrate(a, B_LANES, Map.of()).seconds();
        gateModules[r] = gateSeconds(a, B_LANES);
        Path b = copy(full, "b-full-run" + r);
        totalFull[r] = integrate(b, B_LANES, Map.of()).seconds();
        gateFull[r] = gateSeconds(b, B_LANES);
      }
      System.out.println();
      System.out.printf(
          "B) %d lanes over %d modules (package.json each), build cost sleep %s s per module"
              + " (%d runs)%n",
          B_LANES, B_MODULES, B_COST, RUNS);
      row("", "min", "median");
      row("integrate, gate `build.sh {modules}` (s)", totalModules);
      row("  patch gate seconds (Gates: trailers)", gateModules);
      row("integrate, gate `build.sh <all 8>` (s)", totalFull);
      row("  patch gate seconds (Gates: trailers)", gateFull);
      double[] saved = new double[RUNS];
      double[] savedTotal = new double[RUNS];
      for (int r = 0; r < RUNS; r++) {
        saved[r] = (gateFull[r] - gateModules[r]) / B_LANES;
        savedTotal[r] = totalFull[r] - totalModules[r];
      }
      row("{modules} saves per patch, gate s", saved);
      row("{modules} saves in total, wall s", savedTotal);
    }

    /**
     * A repository of {@code modules} modules and {@code lanes} lanes (lane i owns {@code mod<i %
     * modules>/f<i>.txt}, or all of {@code mod<i>/**} when each lane has its own module),
     * dispatched by lanes itself; {@code only} names the lanes to dispatch, all when empty.
     */
    Path prepare(String name, int lanes, int modules, int filler, String gates, List<String> only)
        throws Exception {
      Path repo = dir.resolve(name);
      Files.createDirectories(repo);
      run(repo, Map.of(), "git", "init", "-q", "-b", "main");
      run(repo, Map.of(), "git", "config", "user.name", "bench");
      run(repo, Map.of(), "git", "config", "user.email", "bench@lanes.local");
      boolean ownModule = lanes == modules;
      for (int m = 0; m < modules; m++) {
        Path module = repo.resolve("mod" + m);
        Files.createDirectories(module.resolve("src"));
        if (!ownModule) {
          Files.writeString(module.resolve("package.json"), "{\"name\": \"mod" + m + "\"}\n");
        }
        for (int f = 0; f < filler; f++) {
          Files.writeString(module.resolve("src/F" + f + ".java"), "class F" + f + " {}\n");
        }
      }
      StringBuilder plan = new StringBuilder("# Plan\n\n## Lanes\n\n");
      for (int i = 0; i < lanes; i++) {
        int m = i % modules;
        Files.writeString(repo.resolve("mod" + m + "/f" + i + ".txt"), "line 1\nline 2\nline 3\n");
        String scope = ownModule ? "mod" + m + "/**" : "mod" + m + "/f" + i + ".txt";
        plan.append("### L-")
            .append(i)
            .append(": lane ")
            .append(i)
            .append("\n- scope: `")
            .append(scope)
            .append("`\n- acceptance:\n  - [ ] done\n\n");
      }
      Files.writeString(repo.resolve("PLAN.md"), plan.toString());
      Files.writeString(repo.resolve("AGENTS.md"), agents(gates, modules));
      run(repo, Map.of(), "git", "add", "-A");
      run(repo, Map.of(), "git", "commit", "-q", "-m", "base");
      List<String> command = Bench.lanes("dispatch", "--parallel", "2");
      command.addAll(only);
      Timed dispatched = stamped(repo, Map.of(), command.toArray(String[]::new));
      // A lane dispatch failed for a reason of lanes' own (seen: two `git worktree add` side by
      // side) is continued the documented way, and reported, so the benchmark still gets its queue.
      for (String line : Files.readString(repo.resolve("PLAN.md")).split("\n")) {
        Matcher m = FAILED_ROW.matcher(line);
        if (m.find()) {
          String why =
              dispatched.lines().stream()
                  .map(Stamped::text)
                  .filter(l -> l.startsWith(m.group(1) + " attempt") || l.startsWith("fatal:"))
                  .reduce((a, b) -> a + " / " + b)
                  .orElse(line);
          System.out.println("note: dispatch of " + m.group(1) + " in " + name + " failed: " + why);
          run(repo, Map.of(), Bench.lanes("resume", m.group(1)).toArray(String[]::new));
        }
      }
      String board = Files.readString(repo.resolve("PLAN.md"));
      long handedOff = board.lines().filter(l -> l.contains("| handed-off |")).count();
      int expected = only.isEmpty() ? lanes : only.size();
      if (handedOff != expected) {
        throw new IllegalStateException(name + ": " + handedOff + " lanes handed off\n" + board);
      }
      return repo;
    }

    /** The patch file of a handed-off lane, for the attempt its Board row names. */
    Path patchOf(Path repo, String lane) throws IOException {
      for (String line : Files.readString(repo.resolve("PLAN.md")).split("\n")) {
        Matcher m = HANDED_OFF_ROW.matcher(line);
        if (m.find() && m.group(1).equals(lane)) {
          return repo.resolve(".lanes/run/" + lane + "/" + m.group(2) + ".patch");
        }
      }
      throw new IllegalStateException(lane + " is not handed off in " + repo);
    }

    private String agents(String gates, int modules) {
      StringBuilder s = new StringBuilder("# Agents\n\n");
      s.append("## Worklog\nPLAN.md and ledger/ are written by lanes only.\n\n");
      s.append("## Locks\nOne lock per dispatched lane.\n\n");
      s.append("## Integration\nOnly the integrator lands work.\n- target: main\n\n");
      s.append("## Approvals\nAsk before destructive commands.\n\n");
      s.append("## Gates\n| gate | name | command | when | timeout |\n|---|---|---|---|---|\n");
      s.append(gates).append('\n');
      s.append("## Workers\nRun the tests of what you touch.\n\n");
      s.append("## Agents\n| agent | command |\n|---|---|\n");
      s.append("| script | `sh ").append(agent).append(" {lane} ").append(modules).append("` |\n");
      return s.toString();
    }

    /** A copy of a prepared repository without the lane worktrees, which integrate never reads. */
    Path copy(Path prepared, String name) throws Exception {
      Path target = dir.resolve(name);
      Files.createDirectories(target);
      run(
          prepared,
          Map.of(),
          "sh",
          "-c",
          "tar cf - --exclude=./.lanes/worktrees . | (cd \"$1\" && tar xf -)",
          "sh",
          target.toString());
      settle();
      return target;
    }

    /**
     * Writes the copy just made to disk before the clock starts: otherwise its write-back runs
     * during the timed process, and the larger copy (50 lanes' records) pays more of it.
     */
    void settle() throws Exception {
      run(dir, Map.of(), "sync");
    }

    Timed integrate(Path repo, int lanes, Map<String, String> env) throws Exception {
      Timed t = stamped(repo, env, Bench.lanes("integrate").toArray(String[]::new));
      if (t.exitCode() != 0 || t.count("landed as") != lanes) {
        throw new IllegalStateException(
            "lanes integrate in " + repo + " exited " + t.exitCode() + ":\n" + t.text());
      }
      return t;
    }

    /** {@code git apply --3way} and {@code git commit} per patch, in a plain clone at the base. */
    Timed shellLoop(Path prepared, String name, List<Path> patches, Map<String, String> env)
        throws Exception {
      Path clone = dir.resolve(name);
      run(dir, Map.of(), "git", "clone", "-q", prepared.toString(), clone.toString());
      run(clone, Map.of(), "git", "config", "user.name", "bench");
      run(clone, Map.of(), "git", "config", "user.email", "bench@lanes.local");
      settle();
      List<String> command = new ArrayList<>();
      command.addAll(
          List.of(
              "sh",
              "-c",
              "set -e\nfor p in \"$@\"; do\n  git apply --3way \"$p\"\n"
                  + "  git commit -q --no-verify -m \"land $p\"\ndone",
              "sh"));
      patches.forEach(p -> command.add(p.toString()));
      Timed t = stamped(clone, env, command.toArray(String[]::new));
      if (t.exitCode() != 0) {
        throw new IllegalStateException("shell loop failed:\n" + t.text());
      }
      int commits =
          Integer.parseInt(run(clone, Map.of(), "git", "rev-list", "--count", "HEAD").strip());
      if (commits != 1 + patches.size()) {
        throw new IllegalStateException("shell loop made " + (commits - 1) + " commits");
      }
      return t;
    }

    /** The sum of the seconds in the Gates: trailers of the landed commits. */
    double gateSeconds(Path repo, int lanes) throws Exception {
      String out =
          run(
              repo,
              Map.of(),
              "git",
              "log",
              "-" + lanes,
              "--format=%(trailers:key=Gates,valueonly,separator=%x2c)",
              "main");
      double sum = 0;
      Matcher m = SECONDS.matcher(out);
      while (m.find()) {
        sum += Double.parseDouble(m.group(1));
      }
      return sum;
    }

    /** Git processes of a trace by subcommand: count, per lane, and git's own time. */
    void printTrace(String title, Path trace, int lanes) throws IOException {
      Map<String, String> argv = new TreeMap<>();
      Map<String, Double> self = new TreeMap<>();
      for (String line : Files.readAllLines(trace, StandardCharsets.UTF_8)) {
        String sid = field(line, "sid");
        String event = field(line, "event");
        if (event.equals("start")) {
          argv.put(sid, subcommand(line));
        } else if (event.equals("exit")) {
          Matcher m = Pattern.compile("\"t_abs\":([0-9.]+)").matcher(line);
          if (m.find()) {
            self.put(sid, Double.parseDouble(m.group(1)));
          }
        }
      }
      Map<String, double[]> by = new TreeMap<>();
      argv.forEach(
          (sid, cmd) -> {
            double[] agg = by.computeIfAbsent(cmd, c -> new double[2]);
            agg[0]++;
            agg[1] += self.getOrDefault(sid, 0.0);
          });
      System.out.printf(
          Locale.ROOT, "  %-40s %8s %9s %12s%n", title, "count", "per lane", "self ms");
      double n = 0;
      double ms = 0;
      for (Map.Entry<String, double[]> e : by.entrySet()) {
        System.out.printf(
            Locale.ROOT,
            "    %-38s %8d %9.2f %12.1f%n",
            e.getKey(),
            (int) e.getValue()[0],
            e.getValue()[0] / lanes,
            e.getValue()[1] * 1000);
        n += e.getValue()[0];
        ms += e.getValue()[1] * 1000;
      }
      System.out.printf(
          Locale.ROOT, "    %-38s %8d %9.2f %12.1f%n", "all git processes", (int) n, n / lanes, ms);
    }

    /** What one process start costs from a JVM, for reading the trace: git, sh, setsid sh. */
    void spawnCosts() throws Exception {
      System.out.println();
      System.out.println("cost of one process started from a JVM (median of 30, ms):");
      List<List<String>> commands =
          List.of(
              List.of("git", "--version"),
              List.of("git", "rev-parse", "HEAD"),
              List.of("sh", "-c", "true"),
              List.of("setsid", "sh", "-c", "true"));
      for (List<String> c : commands) {
        double[] ms = new double[30];
        for (int i = 0; i < ms.length; i++) {
          long s = System.nanoTime();
          run(dir.resolve("a50"), Map.of(), c.toArray(String[]::new));
          ms[i] = (System.nanoTime() - s) / 1e6;
        }
        System.out.printf(Locale.ROOT, "  %-38s %8.1f%n", String.join(" ", c), median(ms));
      }
    }
  }

  private static String subcommand(String startLine) {
    int at = startLine.indexOf("\"argv\":[");
    List<String> words = new ArrayList<>();
    Matcher m = JSON_STRING.matcher(startLine.substring(at + 8, startLine.indexOf(']', at)));
    while (m.find()) {
      words.add(m.group(1));
    }
    // lanes runs git with -c options first: name the command by what follows them.
    while (words.size() > 2 && words.get(1).equals("-c")) {
      words.subList(1, 3).clear();
    }
    if (words.size() < 2) {
      return "git";
    }
    String second = words.size() > 2 ? " " + words.get(2) : "";
    return words.get(1) + (second.length() > 22 ? second.substring(0, 22) + "..." : second);
  }

  private static String field(String jsonLine, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(jsonLine);
    return m.find() ? m.group(1) : "";
  }

  private static void phase(
      String name,
      List<Phases> one,
      List<Phases> many,
      ToDoubleFunction<Phases> f,
      boolean perLane) {
    double a = median(one.stream().mapToDouble(f).toArray());
    double b = median(many.stream().mapToDouble(f).toArray());
    System.out.printf(
        Locale.ROOT,
        "%-46s %10.1f %10.1f %12s%n",
        name,
        a * 1000,
        b * 1000,
        perLane ? String.format(Locale.ROOT, "%.1f", (b - a) * 1000 / (LANES - 1)) : "-");
  }

  private static double[] perLane(double[] many, double[] one) {
    double[] out = new double[many.length];
    for (int i = 0; i < many.length; i++) {
      out[i] = (many[i] - one[i]) / (LANES - 1);
    }
    return out;
  }

  private static void row(String name, String a, String b) {
    System.out.printf(Locale.ROOT, "%-38s %10s %10s%n", name, a, b);
  }

  private static void row(String name, double[] values) {
    System.out.printf(Locale.ROOT, "%-38s %10.2f %10.2f%n", name, min(values), median(values));
  }

  private static void rowMs(String name, double[] seconds) {
    System.out.printf(
        Locale.ROOT, "%-38s %10.1f %10.1f%n", name, min(seconds) * 1000, median(seconds) * 1000);
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static Timed stamped(Path dir, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    long start = System.nanoTime();
    Process p = pb.start();
    List<Stamped> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(new Stamped((System.nanoTime() - start) / 1e9, line));
      }
    }
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " hangs");
    }
    return new Timed((System.nanoTime() - start) / 1e9, lines, p.exitValue());
  }

  private static String run(Path dir, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    Timed t = stamped(dir, env, command);
    if (t.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + t.text());
    }
    return t.text();
  }
}
