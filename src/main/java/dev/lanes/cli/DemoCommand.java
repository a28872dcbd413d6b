package dev.lanes.cli;

import dev.lanes.Main;
import dev.lanes.demo.DemoStory;
import dev.lanes.demo.LanesLauncher;
import dev.lanes.error.ExitCode;
import dev.lanes.git.GitCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanes demo}: the whole loop in a throw-away repository with a scripted agent. */
@Command(
    name = "demo",
    header = "Run the whole loop in a throw-away repository with a scripted agent.",
    description = {
      "Make a throw-away git repository holding a tiny shell calculator, a PLAN.md of five lanes",
      "(two that overlap, one that depends on another, one whose first attempt fails a gate) and",
      "an AGENTS.md whose agent is a built-in script; then run validate, waves, dispatch, resume",
      "and integrate on it as you would, showing each command and its output, and end with the",
      "target branch's log, the Board and the ledger. Needs only git and sh; takes under a minute."
    },
    footer = {
      "",
      "Exit codes: 0 the demo ran as designed (the planned gate failure included), 1 it did not,",
      "2 bad usage (--dir not empty).",
      "Examples:",
      "  lanes demo",
      "  lanes demo --dir /tmp/try-lanes && cd /tmp/try-lanes && lanes status"
    })
public final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Make the repository here (a new or empty folder; default: a new temporary one).")
  Path dir;

  @Option(
      names = "--keep",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Keep the repository afterwards to look around (default); --no-keep deletes it.")
  boolean keep;

  @Override
  public Integer call() throws IOException {
    Path root =
        dir != null ? dir.toAbsolutePath().normalize() : Files.createTempDirectory("lanes-demo");
    DemoStory story =
        new DemoStory(
            spec.commandLine().getOut(), spec.commandLine().getErr(), Main::run, GitCli.system());
    boolean asDesigned = story.run(root, LanesLauncher.shellCommand(), keep);
    if (!keep) {
      deleteTree(root);
      spec.commandLine().getOut().println("Deleted " + root + " (--no-keep).");
    }
    return asDesigned ? ExitCode.OK.code() : ExitCode.WORK_FAILED.code();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
