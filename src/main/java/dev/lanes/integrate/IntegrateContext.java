package dev.lanes.integrate;

import dev.lanes.gates.MemoryGateCache;
import dev.lanes.policy.Policy;
import dev.lanes.port.ProcessRunner;
import dev.lanes.port.Staging;
import dev.lanes.port.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an integration works with: the repository and its policy, the single-writer store, staging,
 * the process runner for gates with the gate cache, the clock, the caller's environment (gates get
 * it; {@code LANES_TEST_CRASH_AT} is read from it), and where progress lines go.
 */
public record IntegrateContext(
    Path root,
    Policy policy,
    Store store,
    Staging staging,
    ProcessRunner runner,
    MemoryGateCache gateCache,
    Clock clock,
    Map<String, String> environment,
    Consumer<String> progress) {

  public IntegrateContext {
    environment = Map.copyOf(environment);
  }

  /** The folder for the integrator's gate logs. */
  public Path logDir() {
    return root.resolve(".lanes").resolve("logs").resolve("integrate");
  }
}
