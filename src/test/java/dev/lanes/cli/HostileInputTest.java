package dev.lanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.testing.HostileInputs;
import dev.lanes.testing.HostileInputs.Input;
import dev.lanes.testing.RepoChecks;
import dev.lanes.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile-shaped input (issue 10, finding 5): every command that reads the plan answers exit 0 for
 * a valid input and exit 2 at the problem's file:line:col for a bad one, writes nothing, and never
 * fails inside lanes (no internal error, stack overflow, hang or running out of memory). The
 * timeout only guards against a hang; times are measured by {@code HostileInputBench}.
 */
@ExtendWith(RepoChecks.class)
class HostileInputTest {
  @TempDir Path tmp;

  static List<Input> inputs() {
    return HostileInputs.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyCommandAnswersExit0Or2AndWritesNothing(Input input) {
    TestRepo repo =
        TestRepo.init(tmp)
            .withTwoSourceFolders()
            .write("PLAN.md", input.plan())
            .write("AGENTS.md", input.agents())
            .commit("hostile input");
    Map<String, String> before = repo.snapshot();
    List<List<String>> commands =
        input.valid()
            ? List.of(List.of("validate"), List.of("waves"), List.of("dispatch", "--dry-run"))
            : List.of(
                List.of("validate"),
                List.of("waves"),
                List.of("dispatch", "--dry-run"),
                List.of("dispatch"));
    for (List<String> command : commands) {
      TestRepo.Run run = repo.lanes(command.toArray(String[]::new));
      String what = "lanes " + String.join(" ", command) + " on " + input.name();
      assertThat(run.err()).as(what).doesNotContain("internal error");
      assertThat(run.exitCode()).as(what + ": " + run.err()).isEqualTo(input.exitCode());
      if (!input.valid()) {
        assertThat(run.err()).as(what).startsWith(input.where());
      }
      assertThat(repo.snapshot()).as(what + " writes nothing").isEqualTo(before);
    }
  }
}
