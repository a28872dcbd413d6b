package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.cli.RepoCommand.Loaded;
import dev.lanes.git.GitCheckout;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the repository a command will most likely use (its checkout, PLAN.md, AGENTS.md and tracked
 * files, as {@link RepoCommand#load} does) on a background thread while picocli builds the command
 * line, which costs a cold JVM ~0.15 s. The command takes the result if it asks for the same
 * folder; anything else (another folder, a failure) and it reads for itself, so errors are reported
 * as they always were. Only commands that read the repository first start it.
 */
public final class RepoPreload {
  private static final Set<String> COMMANDS =
      Set.of("dispatch", "integrate", "resume", "status", "validate", "waves");

  private record Pending(Path dir, FutureTask<Loaded> loaded) {}

  private static final AtomicReference<Pending> PENDING = new AtomicReference<>();

  private RepoPreload() {}

  /** Starts reading for {@code args} when they name a command that reads the repository. */
  public static void start(List<String> args) {
    if (args.stream().noneMatch(COMMANDS::contains)) {
      return;
    }
    Path dir = normal(repoArgument(args).orElse(Path.of("")));
    FutureTask<Loaded> task = new FutureTask<>(() -> load(dir));
    PENDING.set(new Pending(dir, task));
    Thread t = new Thread(task, "lanes-preload");
    t.setDaemon(true);
    t.start();
  }

  /** What was read for {@code dir}, once; empty when nothing was, or it failed. */
  static Optional<Loaded> take(Path dir) {
    Pending pending = PENDING.getAndSet(null);
    if (pending == null || !pending.dir().equals(normal(dir))) {
      return Optional.empty();
    }
    try {
      return Optional.of(pending.loaded().get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.empty();
    }
  }

  /** As {@link RepoCommand#load}. */
  static Loaded load(Path dir) {
    GitCheckout checkout = GitCheckout.open(dir);
    // Two cores: list the tracked files while PLAN.md and AGENTS.md are parsed.
    CompletableFuture<List<String>> files = CompletableFuture.supplyAsync(checkout::trackedFiles);
    Workspace workspace = Workspace.load(checkout.workTree(), LocalDate.now(Clock.systemUTC()));
    return new Loaded(workspace, files.join(), checkout.branch().orElse("HEAD"));
  }

  private static Path normal(Path dir) {
    return dir.toAbsolutePath().normalize();
  }

  private static Optional<Path> repoArgument(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--repo") && i + 1 < args.size()) {
        return Optional.of(Path.of(args.get(i + 1)));
      }
      if (args.get(i).startsWith("--repo=")) {
        return Optional.of(Path.of(args.get(i).substring("--repo=".length())));
      }
    }
    return Optional.empty();
  }
}
