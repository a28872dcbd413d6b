package dev.lanes.testing;

import dev.lanes.markdown.PlanRead;
import dev.lanes.markdown.PlanReader;
import dev.lanes.markdown.PlanTableWriter;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What must hold after every scenario, whatever the scenario did: a JUnit extension that checks
 * each repository the test made with {@link TestRepo} once the test is over. From the first lanes
 * command on (the baseline), PLAN.md parses (when it parsed then) and keeps every byte outside its
 * Locks and Board tables, except what the person wrote through {@link TestRepo#write}; the writer
 * lock is free; no process runs in the repository's folder; every worktree under {@code
 * .lanes/worktrees} belongs to a lane the Board shows as dispatched; and every commit the target
 * branch gained is either a lane's (its {@code Lane}, {@code Attempt}, {@code Agent} and {@code
 * Gates} trailers) or one the person made through {@link TestRepo#git}.
 *
 * <p>Use it with {@code @ExtendWith(RepoChecks.class)} on a scenario test class; a test that breaks
 * one of these on purpose says so with {@link TestRepo#exemptFromChecks}.
 */
public final class RepoChecks implements BeforeEachCallback, AfterEachCallback {
  private static final ThreadLocal<List<TestRepo>> CHECKED = new ThreadLocal<>();

  /** Statuses whose lane may keep a worktree (a lane that never ran has none). */
  private static final Set<BoardStatus> HAS_RUN =
      Set.of(
          BoardStatus.DISPATCHED,
          BoardStatus.RUNNING,
          BoardStatus.BLOCKED,
          BoardStatus.HANDED_OFF,
          BoardStatus.INTEGRATING,
          BoardStatus.INTEGRATED,
          BoardStatus.FAILED,
          BoardStatus.REOPENED,
          BoardStatus.CANCELLED);

  /** Called by {@link TestRepo#init}: the repository is checked when the test ends. */
  static void track(TestRepo repo) {
    List<TestRepo> repos = CHECKED.get();
    if (repos != null) {
      repos.add(repo);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    CHECKED.set(new ArrayList<>());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<TestRepo> repos = CHECKED.get();
    CHECKED.remove();
    if (context.getExecutionException().isPresent() || repos == null) {
      return; // the test's own failure says more than a broken invariant would
    }
    for (TestRepo repo : repos) {
      check(repo);
    }
  }

  /** Checks one repository now; throws an {@link AssertionError} naming what broke. */
  public static void check(TestRepo repo) {
    Optional<TestRepo.Baseline> baseline = repo.baseline();
    if (baseline.isEmpty() || repo.exemptions().contains("all")) {
      return; // lanes never ran on it
    }
    Path root = repo.root();
    noProcessLeft(root.getParent());
    writerLockFree(root);
    if (!repo.exemptions().contains("plan")) {
      planKeepsItsBytes(root, baseline.get());
    }
    if (!repo.exemptions().contains("worktrees")) {
      worktreesAccountedFor(repo);
    }
    targetHoldsOnlyLanesAndPersonCommits(repo, baseline.get());
  }

  /** The text with both tables emptied: two texts agree outside their tables when these agree. */
  public static String outsideTables(String plan) {
    return PlanTableWriter.write(plan, List.of(), List.of());
  }

  private static void planKeepsItsBytes(Path root, TestRepo.Baseline baseline) {
    Path file = root.resolve("PLAN.md");
    if (baseline.outsideTables().isEmpty()) {
      return; // it did not parse at the baseline: the scenario is about bad input
    }
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("PLAN.md is gone from " + root);
    }
    String text = read(file);
    PlanRead read = PlanReader.read(text, LocalDate.now(ZoneOffset.UTC));
    if (!read.problems().isEmpty()) {
      throw new AssertionError("PLAN.md no longer parses: " + read.problems() + "\n" + text);
    }
    if (!outsideTables(text).equals(baseline.outsideTables().get())) {
      throw new AssertionError(
          "PLAN.md's bytes outside the Locks and Board tables changed:\nwas\n"
              + baseline.outsideTables().get()
              + "\nis\n"
              + outsideTables(text));
    }
  }

  private static void writerLockFree(Path root) {
    Path lock = root.resolve(".lanes/state/writer.lock");
    if (!Files.isRegularFile(lock)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held == null) {
        throw new AssertionError("the writer lock " + lock + " is still held by another process");
      }
      held.release();
    } catch (OverlappingFileLockException e) {
      throw new AssertionError("the writer lock " + lock + " is still held by this JVM", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * No process runs in {@code folder} (the test's temporary folder, where workers and gates run):
   * none has its working folder there or names it on its command line. lanes ends a tree before it
   * returns, but a killed process may take a moment to exit, so this waits up to 5 s.
   */
  private static void noProcessLeft(Path folder) {
    List<String> left = leftovers(folder, Duration.ofSeconds(5));
    if (!left.isEmpty()) {
      throw new AssertionError("processes left running in " + folder + ": " + left);
    }
  }

  /** The processes running in {@code folder} once they had up to {@code limit} to end. */
  public static List<String> leftovers(Path folder, Duration limit) {
    Path real;
    try {
      real = folder.toRealPath();
    } catch (IOException e) {
      real = folder;
    }
    Path mark = real;
    return Await.until(limit, () -> processesIn(mark));
  }

  private static List<String> processesIn(Path folder) {
    List<String> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
          continue;
        }
        try {
          String stat = Files.readString(proc.resolve("stat"));
          if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
            continue; // a zombie runs nothing; its parent just has not reaped it yet
          }
          String command = commandLine(proc);
          Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
          if (cwd.startsWith(folder) || command.contains(folder.toString())) {
            found.add(name + " " + command + " (in " + cwd + ")");
          }
        } catch (IOException | RuntimeException gone) {
          // Exited while we looked, or not ours to read.
        }
      }
    } catch (IOException e) {
      return List.of(); // no /proc: not Linux, nothing to check
    }
    return found;
  }

  private static String commandLine(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ')
          .strip();
    } catch (IOException e) {
      return "?";
    }
  }

  private static void worktreesAccountedFor(TestRepo repo) {
    Path dir = repo.root().resolve(".lanes/worktrees");
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<BoardRow> board = board(repo.root());
    try (Stream<Path> trees = Files.list(dir)) {
      for (Path tree : (Iterable<Path>) trees::iterator) {
        String name = tree.getFileName().toString();
        boolean owned =
            board.stream()
                .anyMatch(
                    r ->
                        HAS_RUN.contains(r.status())
                            && (name.equals(r.lane().value())
                                || name.startsWith(r.lane().value() + ".")));
        if (!owned) {
          throw new AssertionError(
              "worktree .lanes/worktrees/" + name + " belongs to no lane the Board shows as run");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<BoardRow> board(Path root) {
    Path file = root.resolve("PLAN.md");
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    return PlanReader.read(read(file), LocalDate.now(ZoneOffset.UTC)).plan().board();
  }

  private static void targetHoldsOnlyLanesAndPersonCommits(
      TestRepo repo, TestRepo.Baseline baseline) {
    if (baseline.tip().isEmpty() || baseline.branch().isEmpty()) {
      return; // no commit or no branch to hold the person's work yet
    }
    String target = "refs/heads/" + baseline.branch();
    String log = repo.git("log", "--format=%H%x1f%B%x1e", baseline.tip().get() + ".." + target);
    for (String record : log.split("\u001e")) {
      String[] f = record.strip().split("\u001f", 2);
      if (f.length < 2 || repo.personCommits().contains(f[0])) {
        continue;
      }
      for (String trailer : List.of("Lane", "Attempt", "Agent", "Gates")) {
        if (!f[1].lines().anyMatch(l -> l.startsWith(trailer + ": "))) {
          throw new AssertionError(
              baseline.branch()
                  + " holds commit "
                  + f[0]
                  + ", which the person did not make and lacks the "
                  + trailer
                  + " trailer of a gated lane:\n"
                  + f[1]);
        }
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
