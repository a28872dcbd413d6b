package dev.lanes;

import dev.lanes.markdown.PlanReader;
import dev.lanes.markdown.PolicyReader;
import java.time.LocalDate;

/**
 * Parses a small plan and policy on a background thread as lanes starts, so that loading the
 * markdown parser's classes (~0.1 s on a cold JVM) overlaps with reading the command line and
 * finding the repository instead of delaying the first real parse. Almost every command reads
 * PLAN.md or AGENTS.md; the few that do not lose nothing, the thread being a daemon.
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

  static void start() {
    Thread t =
        new Thread(
            () -> {
              try {
                PlanReader.read(PLAN, LocalDate.of(2026, 1, 1));
                PolicyReader.read(POLICY);
              } catch (RuntimeException e) {
                // Only a head start: the real reads report their own problems.
              }
            },
            "lanes-warm-markdown");
    t.setDaemon(true);
    t.start();
  }
}
