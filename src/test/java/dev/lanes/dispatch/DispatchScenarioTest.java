package dev.lanes.dispatch;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every dispatch scenario test starts and ends with: a fresh {@link DispatchScenario} in its
 * own temporary folder, and {@link DispatchScenario#verifyAfter} once the test is done.
 */
abstract class DispatchScenarioTest {
  @TempDir Path tmp;
  DispatchScenario s;

  @BeforeEach
  void setUpScenario() {
    s = new DispatchScenario(tmp);
  }

  @AfterEach
  void verifyScenario() {
    s.verifyAfter();
  }
}
