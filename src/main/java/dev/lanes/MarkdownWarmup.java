package dev.lanes;

import dev.lanes.markdown.PlanReader;
import dev.lanes.markdown.PolicyReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Parses a small plan and policy on a background thread as lanes starts, so that loading the
 * markdown parser's classes (~0.1 s on a cold JVM) overlaps with reading the command line and
 * finding the repository instead of delaying the first real parse; then it reads the PLAN.md of the
 * repository the command will most likely use ({@code --repo}, else the working folder's), which
 * {@link PlanReader} keeps, so the command's own read of the same text is free. Almost every
 * command reads PLAN.md or AGENTS.md; the few that do not lose nothing, the thread being a daemon.
 */
final class MarkdownWarmup {
  private static final String PLAN =
      """
      # Plan

      ## Lanes

      ### L-1: warm up
      - scope: `src/**`
      - acceptance:
        - [ ] done

      ## Locks

      | lock_id | owner | scope | objective | start | heartbeat | expires |
      |---|---|---|---|---|---|---|

      ## Board

      | lane | status | wave | attempt | checkpoint | updated | note |
      |---|---|---|---|---|---|---|
      | L-1 | planned | 1 | 0 | | | |
      """;

  private static final String POLICY =
      """
      # Agents

      ## Gates
      | gate | name | command | when | timeout |
      |---|---|---|---|---|
      | 1 | test | `true` | lane | 5m |
      """;

  private MarkdownWarmup() {}

  static void start(List<String> args) {
    Thread t =
        new Thread(
            () -> {
              try {
                PlanReader.read(PLAN, LocalDate.of(2026, 1, 1));
                PolicyReader.read(POLICY);
                Optional<Path> plan = planOf(repoArgument(args).orElse(Path.of("")));
                if (plan.isPresent()) {
                  // The same day as the command's own read (RepoCommand), or the read is wasted.
                  PlanReader.read(
                      Files.readString(plan.get(), StandardCharsets.UTF_8),
                      LocalDate.now(Clock.systemUTC()));
                }
              } catch (IOException | RuntimeException e) {
                // Only a head start: the real reads report their own problems.
              }
            },
            "lanes-warm-markdown");
    t.setDaemon(true);
    t.start();
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

  /** PLAN.md at the top of the work tree {@code dir} is in: the first folder up with a .git. */
  private static Optional<Path> planOf(Path dir) {
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"))) {
        Path plan = d.resolve("PLAN.md");
        return Files.isRegularFile(plan) ? Optional.of(plan) : Optional.empty();
      }
    }
    return Optional.empty();
  }
}
