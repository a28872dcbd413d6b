package dev.lanes.dispatch;

import static dev.lanes.testing.Fixtures.lane;
import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardStatus;
import dev.lanes.testing.ScriptedAgent;
import dev.lanes.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What a worker starts with: its environment, the copied untracked files, the setup command. */
class WorkerSetupTest extends DispatchScenarioTest {
  @Test
  void theWorkerGetsTheContractVariablesTheCallersLessTheDeniedAndTheCopiedEnvFile()
      throws Exception {
    Map<String, String> caller = System.getenv();
    assertThat(caller).containsKey("HOME").containsKey("PATH");
    // A prefix pattern too: the first variable of this JVM whose name no kept one starts with.
    String prefixed =
        caller.keySet().stream()
            .sorted()
            .filter(n -> !n.startsWith("LANES_") && !"PATH".startsWith(n) && !"HOME".startsWith(n))
            .findFirst()
            .orElseThrow();
    Path envDump = tmp.resolve("env.bin");
    Path seenEnvFile = tmp.resolve("dot-env.txt");
    ScriptedAgent agent =
        s.agent(
            "script",
            "env -0 > "
                + ScriptedAgent.quote(envDump.toString())
                + "\ncat .env > "
                + ScriptedAgent.quote(seenEnvFile.toString())
                + "\necho 'class A { int env; }' > src/a/A.java\n");
    s.repo.write(".gitignore", ".env\n");
    s.setUp(
        "- ttl: 30m\n- heartbeat: 1s\n",
        "- env-deny: HOME, " + prefixed + "*\n- copy: .env\n",
        lane("L-1", "src/a/**", ""),
        agent);
    s.repo.write(".env", "API_URL=http://localhost:9\n");
    String base = s.repo.git("rev-parse", "HEAD").strip();

    TestRepo.Run run = s.lanes("dispatch", "L-1");

    assertThat(run).succeeded();
    Map<String, String> env = new TreeMap<>();
    for (String pair :
        new String(Files.readAllBytes(envDump), StandardCharsets.UTF_8).split("\0")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        env.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    Path runDir = s.root.resolve(".lanes/run/L-1");
    assertThat(env)
        .containsEntry("LANES_LANE", "L-1")
        .containsEntry("LANES_ATTEMPT", "1")
        .containsEntry("LANES_WORKTREE", s.worktree("L-1").toString())
        .containsEntry("LANES_PROMPT_FILE", runDir.resolve("prompt.md").toString())
        .containsEntry("LANES_HANDOFF_FILE", runDir.resolve("1.handoff.md").toString())
        .containsEntry("LANES_BASE", base)
        .containsEntry("PATH", caller.get("PATH"))
        .doesNotContainKey("HOME");
    assertThat(env.keySet()).noneMatch(n -> n.startsWith(prefixed));
    assertThat(env.keySet())
        .as("every other variable of the caller is passed on")
        .containsAll(
            caller.keySet().stream()
                .filter(
                    n -> !n.startsWith(prefixed) && !n.equals("HOME") && !n.startsWith("LANES_"))
                .toList());
    assertThat(seenEnvFile).hasContent("API_URL=http://localhost:9");
    assertThat(s.worktree("L-1").resolve(".env")).hasContent("API_URL=http://localhost:9");
    assertThat(s.entry("L-1", "handoff"))
        .contains("modified: `src/a/A.java`")
        .doesNotContain(".env");
    String prompt = s.repo.read(".lanes/run/L-1/prompt.md");
    assertThat(prompt).contains("L-1").contains("src/a/**").contains("it works");
  }

  @Test
  void aFailingSetupCommandFailsTheLaneWithItsOutput() {
    Path ran = tmp.resolve("agent-ran");
    ScriptedAgent agent =
        s.agent("script", "touch " + ScriptedAgent.quote(ran.toString()) + "\necho x > src/a/x\n");
    s.setUp(
        "- ttl: 30m\n- heartbeat: 1s\n",
        "- setup: echo 'resolving deps: registry unreachable' && exit 3\n",
        lane("L-1", "src/a/**", ""),
        agent);

    TestRepo.Run run = s.lanes("dispatch", "L-1");

    assertThat(run).exitedWith(1);
    assertThat(run.out()).contains("setup command");
    assertThat(ran).as("the agent never starts").doesNotExist();
    assertThat(s.board("L-1").status()).isEqualTo(BoardStatus.FAILED);
    assertThat(s.locks()).isEmpty();
    assertThat(s.entry("L-1", "failure"))
        .contains("- Kind: setup")
        .contains("failed with exit 3")
        .contains("resolving deps: registry unreachable");
  }
}
