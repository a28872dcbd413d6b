package dev.lanes.testing;

import dev.lanes.Main;
import dev.lanes.git.CliCall;
import dev.lanes.markdown.PlanReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real git repository in a temporary folder, with its own git identity and home so that it
 * behaves the same on a fresh CI machine with no global git configuration.
 */
public final class TestRepo {
  private final Path root;
  private final Path home;
  // What RepoChecks holds later states against, taken at the first lanes command.
  private Optional<Baseline> baseline = Optional.empty();
  private final Set<String> personCommits = new HashSet<>();
  private final Set<String> exemptions = new HashSet<>();

  /**
   * The repository as the first lanes command found it: PLAN.md with its tables emptied (empty when
   * it did not parse), the branch checked out and its tip.
   */
  public record Baseline(Optional<String> outsideTables, String branch, Optional<String> tip) {}

  private TestRepo(Path root, Path home) {
    this.root = root;
    this.home = home;
  }

  /**
   * A repository like {@code git init -b main} in {@code dir/repo}, with a home folder beside it: a
   * copy of one made once per test run, so that hundreds of scenarios do not each start git.
   */
  public static TestRepo init(Path dir) {
    try {
      Path root = Files.createDirectories(dir.resolve("repo"));
      Path home = Files.createDirectories(dir.resolve("home"));
      copy(BASE.resolve(".git"), root.resolve(".git"));
      TestRepo repo = new TestRepo(root, home);
      RepoChecks.track(repo);
      return repo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository every test's is copied from: an empty {@code main}, made at first use. */
  private static final Path BASE = base();

  private static Path base() {
    try {
      Path dir = Files.createTempDirectory("lanes-base-repo");
      TestRepo made = new TestRepo(Files.createDirectories(dir.resolve("repo")), dir);
      made.rawGit("init", "-q", "-b", "main");
      return made.root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  public Path root() {
    return root;
  }

  /**
   * The two source folders most scenarios scope their lanes to: {@code src/a} and {@code src/b}.
   */
  public TestRepo withTwoSourceFolders() {
    return write("src/a/A.java", "class A {}\n").write("src/b/B.java", "class B {}\n");
  }

  public TestRepo write(String path, String text) {
    if (path.equals("PLAN.md") && baseline.isPresent()) {
      personEditedPlan(text);
    }
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String read(String path) {
    try {
      return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds everything and commits with a fixed identity and date, so commit ids repeat. */
  public TestRepo commit(String message) {
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", message);
    return this;
  }

  /**
   * Runs the git executable in the repository and returns its standard output. Commits it makes are
   * the person's own (RepoChecks accepts them on the target).
   */
  public String git(String... args) {
    String out = rawGit(args);
    if (args.length > 0 && PERSON_WRITES.contains(args[0])) {
      personCommits.add(rawGit("rev-parse", "HEAD").strip());
    }
    return out;
  }

  private static final Set<String> PERSON_WRITES =
      Set.of("commit", "merge", "cherry-pick", "revert", "am");

  private String rawGit(String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "Test Person");
    env.put("GIT_AUTHOR_EMAIL", "person@example.com");
    env.put("GIT_COMMITTER_NAME", "Test Person");
    env.put("GIT_COMMITTER_EMAIL", "person@example.com");
    env.put("GIT_AUTHOR_DATE", "2026-11-22T14:10:00Z");
    env.put("GIT_COMMITTER_DATE", "2026-11-22T14:10:00Z");
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs lanes in-process with {@code --repo} set to this repository. */
  public Run lanes(String... args) {
    beforeLanes();
    List<String> all = new ArrayList<>(List.of(args));
    // --repo goes after the subcommand name, where picocli expects the mixin option.
    int at = all.isEmpty() ? 0 : 1;
    all.add(at, "--repo");
    all.add(at + 1, root.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<CliCall> calls = Collections.synchronizedList(new ArrayList<>());
    int code =
        Main.run(
            new PrintWriter(out), new PrintWriter(err), calls::add, all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString(), List.copyOf(calls));
  }

  /** Every file under the repository (outside .git) with its bytes, to prove nothing changed. */
  public Map<String, String> snapshot() {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path rel = root.relativize(p);
        if (rel.toString().isEmpty() || rel.startsWith(".git")) {
          continue;
        }
        files.put(
            rel.toString().replace('\\', '/'),
            Files.isDirectory(p)
                ? "<dir>"
                : new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Marks the state RepoChecks holds later states against, unless already marked: called before the
   * first lanes command (scenarios that run a use case directly call it themselves).
   */
  public void beforeLanes() {
    if (baseline.isEmpty()) {
      Path plan = root.resolve("PLAN.md");
      baseline = Optional.of(takeBaseline(Files.isRegularFile(plan) ? read("PLAN.md") : ""));
    }
  }

  /** A commit the person made outside {@link #git} (from a script the test wrote): theirs. */
  public void personMade(String commit) {
    personCommits.add(commit);
  }

  /** The person changed PLAN.md to {@code text}: that is what lanes must keep from now on. */
  public void personEditedPlan(String text) {
    Baseline was = baseline.orElseThrow();
    // No git here: lanes may be making a worktree at this very moment.
    baseline = Optional.of(new Baseline(outsideTables(text), was.branch(), was.tip()));
  }

  private Baseline takeBaseline(String plan) {
    String branch = gitOrEmpty("symbolic-ref", "--short", "-q", "HEAD").strip();
    String head = gitOrEmpty("rev-parse", "--verify", "-q", "HEAD^{commit}").strip();
    return new Baseline(
        outsideTables(plan), branch, head.isEmpty() ? Optional.empty() : Optional.of(head));
  }

  /** PLAN.md with its tables emptied; empty when it does not parse. */
  private static Optional<String> outsideTables(String plan) {
    return plan.isEmpty()
            || !PlanReader.read(plan, LocalDate.now(ZoneOffset.UTC)).problems().isEmpty()
        ? Optional.empty()
        : Optional.of(RepoChecks.outsideTables(plan));
  }

  private String gitOrEmpty(String... args) {
    try {
      return rawGit(args);
    } catch (IllegalStateException failed) {
      return ""; // no commit yet
    }
  }

  /**
   * Tells RepoChecks that this scenario breaks one of its checks on purpose: {@code "plan"} (the
   * test writes PLAN.md behind lanes' back), {@code "worktrees"} (the test sets Board statuses
   * lanes would not) or {@code "all"}.
   */
  public TestRepo exemptFromChecks(String check) {
    exemptions.add(check);
    return this;
  }

  public Optional<Baseline> baseline() {
    return baseline;
  }

  Set<String> personCommits() {
    return personCommits;
  }

  Set<String> exemptions() {
    return exemptions;
  }

  /** The outcome of one lanes command, with every git call it made, in order. */
  public record Run(int exitCode, String out, String err, List<CliCall> git) {
    public Run(int exitCode, String out, String err) {
      this(exitCode, out, err, List.of());
    }

    /** The git calls whose command starts with {@code words}, e.g. {@code "apply", "--3way"}. */
    public List<CliCall> git(String... words) {
      List<String> prefix = List.of(words);
      return git.stream()
          .filter(
              c -> {
                List<String> command = command(c);
                return command.size() >= prefix.size()
                    && command.subList(0, prefix.size()).equals(prefix);
              })
          .toList();
    }

    /** A call's arguments from its subcommand on, without leading {@code -c key=value} pairs. */
    public static List<String> command(CliCall call) {
      List<String> args = call.args();
      int at = 0;
      while (at + 1 < args.size() && args.get(at).equals("-c")) {
        at += 2;
      }
      return args.subList(at, args.size());
    }
  }
}
