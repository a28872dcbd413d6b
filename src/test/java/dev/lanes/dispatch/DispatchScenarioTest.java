package dev.lanes.dispatch;

import dev.lanes.testing.RepoChecks;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every dispatch scenario test starts and ends with: a fresh {@link DispatchScenario} in its
 * own temporary folder, and {@link RepoChecks} once the test is done.
 */
@ExtendWith(RepoChecks.class)
abstract class DispatchScenarioTest {
  @TempDir Path tmp;
  DispatchScenario s;

  @BeforeEach
  void setUpScenario() {
    s = new DispatchScenario(tmp);
  }
}
