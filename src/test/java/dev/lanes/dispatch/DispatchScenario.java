package dev.lanes.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.analysis.WaveAnalysis;
import dev.lanes.analysis.Workspace;
import dev.lanes.gates.GateLadder;
import dev.lanes.git.GitCli;
import dev.lanes.git.PatchCapture;
import dev.lanes.git.SharedState;
import dev.lanes.git.Worktrees;
import dev.lanes.markdown.PlanRead;
import dev.lanes.markdown.PlanReader;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import dev.lanes.policy.Policy;
import dev.lanes.port.MachineLoad;
import dev.lanes.process.ShellProcessRunner;
import dev.lanes.store.PlanStore;
import dev.lanes.testing.Fixtures;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A managed repository for dispatch scenarios: real git in a temporary folder, scripted agents
 * beside it, and the checks every scenario ends with (PLAN.md still parses, no process the test
 * started is left running).
 */
final class DispatchScenario {
  final Path tmp;
  final TestRepo repo;
  final Path root;

  DispatchScenario(Path tmp) {
    this.tmp = tmp;
    this.repo = TestRepo.init(tmp);
    try {
      this.root = repo.root().toRealPath(LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    repo.withTwoSourceFolders();
  }

  /**
   * Dispatches the next wave in this process through the use case itself, with the real adapters
   * (git, processes, files) but the given clock and machine load: what a scenario fakes is the one
   * thing it cannot control otherwise.
   */
  List<LaneResult> dispatchWith(
      Clock clock, MachineLoad load, DispatchListener listener, int parallel) {
    repo.beforeLanes();
    Workspace w = Workspace.load(root, LocalDate.now()).requireReadyToDispatch();
    Plan plan = w.requirePlan();
    Policy policy = w.policyOrEmpty();
    GitCli git = GitCli.system();
    ShellProcessRunner runner = new ShellProcessRunner();
    DispatchContext ctx =
        new DispatchContext(
            root,
            policy,
            new PlanStore(root, clock),
            new Worktrees(git),
            new PatchCapture(git),
            new SharedState(git, root),
            runner,
            new GateLadder(runner, 0),
            load,
            clock,
            System.getenv(),
            "test@host");
    DispatchSelection selection =
        DispatchPlanner.select(
            root,
            plan,
            policy,
            WaveAnalysis.analyze(plan, policy, List.of()),
            List.of(),
            Optional.empty(),
            "main");
    return new DispatchService(ctx, listener).dispatch(selection, parallel, Optional.empty());
  }

  ScriptedAgent agent(String name, String body) {
    return ScriptedAgent.write(tmp.resolve("agents"), name, body);
  }

  /** Writes AGENTS.md and PLAN.md with these lanes and commits everything as the base. */
  DispatchScenario setUp(
      String lockSettings, String workerSettings, String lanes, ScriptedAgent... agents) {
    repo.write(
        "AGENTS.md", ScriptedAgent.agentsFile(lockSettings, workerSettings, List.of(agents)));
    repo.write("PLAN.md", Fixtures.plan(lanes));
    repo.commit("base");
    return this;
  }

  DispatchScenario setUp(String lanes, ScriptedAgent... agents) {
    return setUp("- ttl: 30m\n- heartbeat: 1s\n", "", lanes, agents);
  }

  TestRepo.Run lanes(String... args) {
    return repo.lanes(args);
  }

  Plan plan() {
    PlanRead read = PlanReader.read(repo.read("PLAN.md"), LocalDate.now(Clock.systemUTC()));
    assertThat(read.problems()).as("PLAN.md parses").isEmpty();
    return read.plan();
  }

  BoardRow board(String lane) {
    return plan().board().stream()
        .filter(r -> r.lane().value().equals(lane))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Board row for " + lane));
  }

  List<LockRow> locks() {
    return plan().locks();
  }

  Optional<LockRow> lockOf(String lane) {
    return locks().stream().filter(l -> l.lockId().startsWith(lane + "#")).findFirst();
  }

  /** The ledger file names of a lane, e.g. {@code 001-dispatch.md}, sorted. */
  List<String> ledger(String lane) {
    Path dir = root.resolve("ledger").resolve(lane);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of the lane's only ledger entry of this kind ({@code 003-failure.md} for failure). */
  String entry(String lane, String kind) {
    List<String> matches =
        ledger(lane).stream().filter(f -> f.endsWith("-" + kind + ".md")).toList();
    assertThat(matches).as("%s entries of %s: %s", kind, lane, ledger(lane)).isNotEmpty();
    return repo.read("ledger/" + lane + "/" + matches.get(matches.size() - 1));
  }

  Path worktree(String lane) {
    return root.resolve(".lanes/worktrees").resolve(lane);
  }

  /** Sets a lane's Board status by hand, as a person editing the table would. */
  /** A person sets a lane's status on the Board by hand (no worktree need match it then). */
  void setBoardStatus(String lane, String status) {
    repo.exemptFromChecks("worktrees");
    editPlan(
        text -> {
          StringBuilder out = new StringBuilder();
          for (String line : text.split("\n", -1)) {
            if (line.startsWith("| " + lane + " |")) {
              List<String> cells = new ArrayList<>(Arrays.asList(line.split("\\|", -1)));
              cells.set(2, " " + status + " ");
              line = String.join("|", cells);
            }
            out.append(line).append('\n');
          }
          return out.substring(0, out.length() - 1);
        });
  }

  /**
   * A person's editor saving PLAN.md: reads the whole file, changes it, writes a swap file (beside
   * the repository, so it is no stray file of the checkout) and moves it over the original,
   * starting again when the file changed since it was read.
   */
  void editPlan(UnaryOperator<String> change) {
    Path file = root.resolve("PLAN.md");
    try {
      while (true) {
        byte[] read;
        try {
          read = Files.readAllBytes(file);
        } catch (NoSuchFileException saving) {
          continue;
        }
        Path swap = Files.createTempFile(tmp, "PLAN.md.", ".swp");
        String edited = change.apply(new String(read, StandardCharsets.UTF_8));
        Files.writeString(swap, edited, StandardCharsets.UTF_8);
        if (Arrays.equals(Files.readAllBytes(file), read)) {
          Files.move(swap, file, StandardCopyOption.ATOMIC_MOVE);
          if (repo.baseline().isPresent()) {
            repo.personEditedPlan(edited);
          }
          return;
        }
        Files.delete(swap);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under {@code dir} except git's own, with its bytes (ISO-8859-1 keeps NUL bytes). */
  static Map<String, String> files(Path dir) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = dir.relativize(p).toString();
        if (rel.isEmpty()
            || rel.equals(".git")
            || rel.startsWith(".git/")
            || Files.isDirectory(p)) {
          continue;
        }
        files.put(rel, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What every scenario ends with: PLAN.md parses, and nothing the test started still runs. */
  /** Processes still running in the test's folder after up to {@code waitMillis}. */
  List<String> leftovers(long waitMillis) {
    return RepoChecks.leftovers(tmp, Duration.ofMillis(waitMillis));
  }

  /** Whether the process runs: it exists and is not a zombie waiting to be reaped. */
  static boolean running(long pid) {
    try {
      String state = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return !state.substring(state.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException | RuntimeException gone) {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
          && !Files.isDirectory(Path.of("/proc"));
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
