package dev.lanes.init;

import dev.lanes.error.BadInputException;
import dev.lanes.error.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The {@code lanes init} use case: writes a starting AGENTS.md, PLAN.md, ledger/README.md and
 * policies/README.md, never touching a file that is already there.
 *
 * <p>Each file appears whole or not at all: its text is written to a hidden temporary file beside
 * it and then hard-linked into place, which fails rather than replaces when the name exists. So a
 * second run, or a run racing a person creating AGENTS.md, leaves every existing byte alone, and a
 * run killed midway leaves no half-written file for the next run to keep.
 */
public final class Init {

  private static final Path AGENTS = Path.of("AGENTS.md");
  private static final Path PLAN = Path.of("PLAN.md");
  private static final Path LEDGER = Path.of("ledger");
  private static final Path POLICIES = Path.of("policies");

  private Init() {}

  /**
   * Writes the starting files into {@code repoRoot}.
   *
   * @param branch the checked-out branch, AGENTS.md's {@code target:} when present
   * @return the files created and the files kept, relative to {@code repoRoot}
   * @throws BadInputException when ledger or policies exists but is not a folder (nothing is
   *     written then)
   */
  public static InitResult run(Path repoRoot, Optional<String> branch) {
    List<Problem> problems = new ArrayList<>();
    for (Path folder : List.of(LEDGER, POLICIES)) {
      Path abs = repoRoot.resolve(folder);
      if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(abs)) {
        problems.add(
            new Problem(
                folder.toString(),
                1,
                1,
                folder + " exists but is not a folder; move it aside and run lanes init again"));
      }
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }

    List<GuessedGate> gates = ProjectProbe.guessGates(repoRoot);
    List<Path> created = new ArrayList<>();
    List<Path> kept = new ArrayList<>();
    write(
        repoRoot,
        AGENTS,
        () -> StarterFiles.agentsMd(gates, ProjectProbe.hotspots(repoRoot), branch),
        created,
        kept);
    write(repoRoot, PLAN, () -> StarterFiles.planMd(exampleTests(gates)), created, kept);
    write(repoRoot, LEDGER.resolve("README.md"), StarterFiles::ledgerReadme, created, kept);
    write(repoRoot, POLICIES.resolve("README.md"), StarterFiles::policiesReadme, created, kept);
    return new InitResult(created, kept);
  }

  /**
   * The example lane's test command: the first lane gate that needs no placeholder, else any such
   * gate, else a check git always has.
   */
  static String exampleTests(List<GuessedGate> gates) {
    List<GuessedGate> runnable =
        gates.stream()
            .filter(g -> !g.name().equals(ProjectProbe.PLACEHOLDER_NAME))
            .filter(g -> !g.command().contains("{"))
            .toList();
    return runnable.stream()
        .filter(g -> g.when().contains("lane"))
        .findFirst()
        .or(() -> runnable.stream().findFirst())
        .map(GuessedGate::command)
        .orElse("git diff --check");
  }

  private static void write(
      Path repoRoot, Path relative, Supplier<String> text, List<Path> created, List<Path> kept) {
    Path target = repoRoot.resolve(relative);
    try {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        kept.add(relative);
        return;
      }
      Files.createDirectories(target.getParent());
      if (createNew(target, text.get())) {
        created.add(relative);
      } else {
        kept.add(relative);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + relative + ": " + e.getMessage(), e);
    }
  }

  private static boolean createNew(Path target, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      // Not Files.createTempFile: its 0600 mode would carry over to the linked file.
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
        out.write(bytes);
      }
      try {
        Files.createLink(target, tmp);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException | FileSystemException e) {
        // No hard links on this file system: fall back to a plain exclusive create.
        return writeExclusive(target, bytes);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static boolean writeExclusive(Path target, byte[] bytes) throws IOException {
    try (OutputStream out =
        Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      out.write(bytes);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }
}
