package dev.lanes.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.lanes.error.Problem;
import dev.lanes.plan.Position;
import dev.lanes.policy.AgentSpec;
import dev.lanes.policy.BootstrapCheck;
import dev.lanes.policy.Gate;
import dev.lanes.policy.GateStage;
import dev.lanes.policy.Policy;
import dev.lanes.policy.PolicySection;
import dev.lanes.policy.Setting;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolicyReaderTest {
  // Line numbers in the comments on the right are what the assertions below rely on.
  static final String FULL =
      """
      # AGENTS.md: how agents work here

      ## Worklog

      PLAN.md and ledger/ are the execution ledger; lanes is the single writer.

      ## Locks

      - ttl: 45m
      - heartbeat: `90s`
      - hotspots: `pom.xml`, `src/main/resources/**`

      ## Integration

      Only the integrator lands patches.

      - target: main
      - sandbox: bwrap
      - max-parallel: 3
      - limits of this machine:
        - max-cpu: 70%
        - MAX-Memory: 90

      ## Approvals

      Escalate permission failures to a person.

      - pre-approved: `./mvnw`, `git status`

      ## Gates

      | gate | name | command | when | timeout |
      |---|---|---|---|---|
      | 2 | package tests | `./mvnw -q -pl {modules} -am test` | lane, patch | 15m |
      | 1 | format and static checks | `./mvnw -q spotless:check` | Lane,PATCH | 5m |
      | 3 | full build | `./mvnw -q verify \\| tee build.log` | wave |  |

      ## Workers

      Workers run only their lane's tests.

      ## Agents

      | agent | command |
      |---|---|
      | claude | `claude -p --permission-mode acceptEdits "$(cat {prompt_file})"` |
      | codex | `codex exec --sandbox workspace-write "$(cat {prompt_file})"` |
      """;

  @Test
  void readsAFullAgentsMdIntoThePolicy() {
    PolicyRead read = PolicyReader.read(FULL);
    assertThat(read.problems()).isEmpty();
    Policy policy = read.policy();

    assertThat(policy.sections())
        .containsExactly(
            new PolicySection("Worklog", new Position(3, 1), false),
            new PolicySection("Locks", new Position(7, 1), false),
            new PolicySection("Integration", new Position(13, 1), false),
            new PolicySection("Approvals", new Position(24, 1), false),
            new PolicySection("Gates", new Position(30, 1), false),
            new PolicySection("Workers", new Position(38, 1), false),
            new PolicySection("Agents", new Position(42, 1), false));

    assertThat(policy.settings())
        .contains(
            new Setting("Locks", "ttl", "45m", new Position(9, 1)),
            new Setting("Locks", "heartbeat", "90s", new Position(10, 1)),
            new Setting("Integration", "max-cpu", "70%", new Position(21, 3)),
            new Setting("Integration", "max-memory", "90", new Position(22, 3)));
    assertThat(policy.setting("hotspots")).contains("pom.xml, src/main/resources/**");
    assertThat(policy.ttl()).isEqualTo(Duration.ofMinutes(45));
    assertThat(policy.heartbeat()).isEqualTo(Duration.ofSeconds(90));
    assertThat(policy.hotspots()).containsExactly("pom.xml", "src/main/resources/**");
    assertThat(policy.target()).contains("main");
    assertThat(policy.sandbox()).isEqualTo("bwrap");
    assertThat(policy.maxParallel()).isEqualTo(3);
    assertThat(policy.maxCpuPercent()).isEqualTo(70);
    assertThat(policy.maxMemoryPercent()).isEqualTo(90);
    assertThat(policy.preApproved()).containsExactly("./mvnw", "git status");
    assertThat(policy.retries()).isZero();

    assertThat(policy.gates())
        .containsExactly(
            new Gate(
                1,
                "format and static checks",
                "./mvnw -q spotless:check",
                java.util.EnumSet.of(GateStage.LANE, GateStage.PATCH),
                Duration.ofMinutes(5),
                new Position(35, 1)),
            new Gate(
                2,
                "package tests",
                "./mvnw -q -pl {modules} -am test",
                java.util.EnumSet.of(GateStage.LANE, GateStage.PATCH),
                Duration.ofMinutes(15),
                new Position(34, 1)),
            new Gate(
                3,
                "full build",
                "./mvnw -q verify | tee build.log",
                java.util.EnumSet.of(GateStage.WAVE),
                Duration.ofMinutes(30),
                new Position(36, 1)));
    assertThat(policy.gates(GateStage.WAVE)).extracting(Gate::number).containsExactly(3);

    assertThat(policy.agents())
        .containsExactly(
            new AgentSpec(
                "claude",
                "claude -p --permission-mode acceptEdits \"$(cat {prompt_file})\"",
                new Position(46, 1)),
            new AgentSpec(
                "codex",
                "codex exec --sandbox workspace-write \"$(cat {prompt_file})\"",
                new Position(47, 1)));
    assertThat(policy.defaultAgent()).map(AgentSpec::name).contains("claude");
    assertThat(BootstrapCheck.check(policy)).isEmpty();
  }

  @Test
  void crlfLineEndingsGiveTheSamePolicyAndPositions() {
    PolicyRead lf = PolicyReader.read(FULL);
    PolicyRead crlf = PolicyReader.read(FULL.replace("\n", "\r\n"));
    assertThat(crlf.problems()).isEmpty();
    assertThat(crlf.policy()).isEqualTo(lf.policy());

    String broken = "## Locks\r\n\r\n- ttl: soon\r\n  - heartbeat: never\r\n";
    assertThat(PolicyReader.read(broken).problems())
        .extracting(p -> p.line() + ":" + p.column())
        .containsExactly("3:1", "4:3");
  }

  @Test
  void aByteOrderMarkDoesNotHideTheFirstHeading() {
    PolicyRead read = PolicyReader.read("\uFEFF## Locks\n\n- ttl: 5m\n");
    assertThat(read.policy().sections())
        .containsExactly(new PolicySection("Locks", new Position(1, 1), false));
    assertThat(read.policy().ttl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void reportsEveryMalformedGateRowAtItsCell() {
    String text =
        """
        ## Gates

        | gate | name | command | when | timeout |
        |---|---|---|---|---|
        | x | not a number | `true` | lane | 1m |
        | 0 | zero | `true` | lane | 1m |
        | 1 | fine | `true` | lane | 1m |
        | 1 | twice | `true` | lane | 1m |
        | 2 | no command |  | lane | 1m |
        | 3 | bad stage | `true` | lane, nightly | 1m |
        | 4 | no stage | `true` | , | 1m |
        | 5 | bad timeout | `true` | wave | 5 |
        | 6 | zero timeout | `true` | wave | 0s |
        |  |  |  |  |  |
        """;
    PolicyRead read = PolicyReader.read(text);
    assertThat(read.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "AGENTS.md:5:3: gate `x` is not a positive whole number",
            "AGENTS.md:6:3: gate `0` is not a positive whole number",
            "AGENTS.md:8:3: gate 1 is numbered twice (first at line 7): give each gate its own"
                + " number",
            "AGENTS.md:9:19: gate 2 has no command",
            "AGENTS.md:10:28: gate 3 runs `when` nightly, which is not lane, patch or wave",
            "AGENTS.md:11:27: gate 4 has no `when`: write lane, patch or wave, comma-separated",
            "AGENTS.md:12:37: gate 5 has timeout `5`, which is not a duration: write it like 5m,"
                + " 90s or 1h30m",
            "AGENTS.md:13:38: gate 6 has timeout `0s`, which is not a duration: write it like 5m,"
                + " 90s or 1h30m");
    // Only the row without problems stands in the ladder; the blank template row is ignored.
    assertThat(read.policy().gates()).extracting(Gate::name).containsExactly("fine");
  }

  @Test
  void aGatesTableWithoutARequiredColumnIsReportedAtItsHeader() {
    String text =
        """
        ## Gates

        Some prose first.

        | Gate | Name | Command | When | owner |
        |---|---|---|---|---|
        | 1 | tests | `true` | lane | me |
        """;
    PolicyRead read = PolicyReader.read(text);
    assertThat(read.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "AGENTS.md:5:1: the gates table has no `timeout` column: its header is | gate | name"
                + " | command | when | timeout |");
    assertThat(read.policy().gates()).isEmpty();
  }

  @Test
  void extraColumnsAreIgnoredAndColumnsMayComeInAnyOrder() {
    String text =
        """
        ## Gates

        | When | Timeout | Owner | Command | Gate | Name |
        |---|---|---|---|---|---|
        | patch | 2m | me | make check | 1 | check |
        """;
    PolicyRead read = PolicyReader.read(text);
    assertThat(read.problems()).isEmpty();
    assertThat(read.policy().gates())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.command()).isEqualTo("make check");
              assertThat(g.when()).containsExactly(GateStage.PATCH);
              assertThat(g.timeout()).isEqualTo(Duration.ofMinutes(2));
            });
  }

  @Test
  void reportsEveryMalformedAgentRow() {
    String text =
        """
        ## Agents

        | agent | command |
        |---|---|
        | claude | `claude -p` |
        |  | `orphan` |
        | aider |  |
        | Claude | `claude --other` |
        """;
    PolicyRead read = PolicyReader.read(text);
    assertThat(read.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "AGENTS.md:6:2: this agent row has no name in its `agent` column",
            "AGENTS.md:7:10: agent `aider` has no command",
            "AGENTS.md:8:3: agent `Claude` is listed twice (first at line 5): give each agent its"
                + " own name");
    assertThat(read.policy().agents())
        .extracting(AgentSpec::name, AgentSpec::command)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("claude", "claude -p"));
  }

  @Test
  void anAgentsTableWithoutACommandColumnIsReported() {
    PolicyRead read = PolicyReader.read("## Agents\n\n| agent | cmd |\n|---|---|\n| a | b |\n");
    assertThat(read.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "AGENTS.md:3:1: the agents table has no `command` column: its header is | agent |"
                + " command |");
  }

  @Test
  void validatesTheKnownSettingsAtTheirItems() {
    String text =
        """
        ## Locks

        - ttl: 30
        - heartbeat: 1m

        ## Integration

        - max-parallel: 0
        - retries: -1
        - max-cpu: 101%
        - max-memory: 0
        - sandbox: chroot
        - network: maybe
        - colour: blue
        """;
    PolicyRead read = PolicyReader.read(text);
    assertThat(read.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "AGENTS.md:3:1: `ttl: 30` is not a duration: write it like 30m, 90s or 1h30m",
            "AGENTS.md:8:1: `max-parallel: 0` is not a whole number of 1 or more",
            "AGENTS.md:9:1: `retries: -1` is not a whole number of 0 or more",
            "AGENTS.md:10:1: `max-cpu: 101%` is not a percentage from 1 to 100: write it like 80"
                + " or 80%",
            "AGENTS.md:11:1: `max-memory: 0` is not a percentage from 1 to 100: write it like 80"
                + " or 80%",
            "AGENTS.md:12:1: `sandbox: chroot` is not a sandbox lanes knows: use none, bwrap,"
                + " docker or podman",
            "AGENTS.md:13:1: `network: maybe` is neither allow nor deny");
    // An unknown setting is kept for whoever reads it, without complaint.
    assertThat(read.policy().setting("colour")).contains("blue");
    assertThat(read.policy().settings())
        .filteredOn(s -> s.key().equals("colour"))
        .extracting(Setting::heading)
        .containsExactly("Integration");
  }

  @Test
  void aLogLimitIsASizeAndABadOneIsReportedAtItsItem() {
    String text =
        """
        ## Workers

        - log-limit: 64k
        - log-limit: 50 MB
        - log-limit: lots
        - log-limit: 10
        - log-limit: 2048g
        """;
    PolicyRead read = PolicyReader.read(text);
    assertThat(read.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "AGENTS.md:5:1: `log-limit: lots` is not a size from 1k to 1024g: write it like 50m,"
                + " 200k or 1g",
            "AGENTS.md:6:1: `log-limit: 10` is not a size from 1k to 1024g: write it like 50m,"
                + " 200k or 1g",
            "AGENTS.md:7:1: `log-limit: 2048g` is not a size from 1k to 1024g: write it like 50m,"
                + " 200k or 1g");
    assertThat(read.policy().logLimit()).isEqualTo(64 * 1024);
    assertThat(PolicyReader.read("## Workers\n\n- log-limit: 1g\n").policy().logLimit())
        .isEqualTo(1L << 30);
    assertThat(PolicyReader.read("## Workers\n\n- log-limit: 50 MB\n").policy().logLimit())
        .isEqualTo(50L << 20);
    assertThat(PolicyReader.read("## Workers\n").policy().logLimit()).isEqualTo(50L << 20);
  }

  @Test
  void settingsInsideCodeBlocksAreNotRead() {
    String text =
        """
        ## Locks

        An example, not the policy:

        ```markdown
        - ttl: 5m
        - sandbox: chroot
        ```

        ~~~
        - heartbeat: 7m
        ~~~

            - retries: 9

        - hotspots: `pom.xml`
        """;
    PolicyRead read = PolicyReader.read(text);
    assertThat(read.problems()).isEmpty();
    assertThat(read.policy().settings()).extracting(Setting::key).containsExactly("hotspots");
    assertThat(read.policy().ttl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(read.policy().heartbeat()).isEqualTo(Duration.ofMinutes(1));
    assertThat(read.policy().retries()).isZero();
  }

  @Test
  void onlyListItemsUnderALevelTwoHeadingAreSettings() {
    String text =
        """
        - ttl: 1m

        # Title

        - heartbeat: 2m

        ## Locks

        ### Details

        1. ttl: 3m
        > - retries: 2

        - target: a long
          branch name
        - see https://example.com
        - **bold**: not a key
        - two words: not a key
        """;
    Policy policy = PolicyReader.read(text).policy();
    assertThat(policy.settings())
        .extracting(Setting::key, Setting::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ttl", "3m"),
            org.assertj.core.groups.Tuple.tuple("retries", "2"),
            org.assertj.core.groups.Tuple.tuple("target", "a long branch name"));
    assertThat(policy.settings()).allSatisfy(s -> assertThat(s.heading()).isEqualTo("Locks"));
  }

  @Test
  void aHeadingWithOnlyCommentsAndBlankLinesIsEmpty() {
    String text =
        """
        ## Worklog

        <!-- write the ledger policy here -->

        <!--
        still nothing
        -->
        ## Locks
        ### Stale locks
        # Title
        ## Approvals
        """;
    assertThat(PolicyReader.read(text).policy().sections())
        .containsExactly(
            new PolicySection("Worklog", new Position(1, 1), true),
            new PolicySection("Locks", new Position(8, 1), false),
            new PolicySection("Approvals", new Position(11, 1), true));
  }

  @Test
  void neverThrowsOnArbitraryInput() {
    qt().withExamples(300)
        .forAll(strings().betweenCodePoints(0, 0x7f).ofLengthBetween(0, 200))
        .checkAssert(noise -> assertThat(PolicyReader.read(noise)).isNotNull());
    String alphabet = "|`-:#\n\r \\ab1hm,<!>";
    qt().withExamples(300)
        .forAll(strings().ascii().ofLengthBetween(0, 300))
        .checkAssert(
            s -> {
              StringBuilder md =
                  new StringBuilder(
                      "## Gates\n| gate | name | command | when |"
                          + " timeout |\n|---|---|---|---|---|\n");
              for (char c : s.toCharArray()) {
                md.append(alphabet.charAt(c % alphabet.length()));
              }
              PolicyRead read = PolicyReader.read(md.toString());
              assertThat(read.problems()).allSatisfy(p -> assertThat(p.line()).isPositive());
            });
  }
}
