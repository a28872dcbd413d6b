package dev.lanes.cli;

import dev.lanes.policy.Durations;
import dev.lanes.policy.Policy;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How a worker runs, for the commands that start workers: {@code --agent}, {@code --timeout}. */
final class WorkerOptions {
  @Option(names = "--agent", paramLabel = "NAME", description = "Use this agent for every lane.")
  String agent;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "End a worker after this long (e.g. 45m; default: AGENTS.md's timeout).")
  String timeout;

  Optional<String> agent() {
    return Optional.ofNullable(agent);
  }

  /** The given {@code --timeout}; a bad one is bad usage (exit 2), checked before any work. */
  Optional<Duration> timeout() {
    if (timeout == null) {
      return Optional.empty();
    }
    return Optional.of(
        Durations.parse(timeout).orElseThrow(() -> Remedies.badDuration("--timeout", timeout)));
  }

  /** The given {@code --timeout}, else AGENTS.md's. */
  Optional<Duration> timeout(Policy policy) {
    return timeout().or(() -> policy.duration("timeout"));
  }
}
