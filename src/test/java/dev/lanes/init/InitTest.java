package dev.lanes.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.lanes.error.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitTest {

  private static final List<Path> ALL =
      List.of(
          Path.of("AGENTS.md"),
          Path.of("PLAN.md"),
          Path.of("ledger", "README.md"),
          Path.of("policies", "README.md"));

  private static final List<String> POLICY_HEADINGS =
      List.of(
          "## Worklog",
          "## Locks",
          "## Integration",
          "## Approvals",
          "## Gates",
          "## Workers",
          "## Agents");

  @TempDir Path repo;

  private String read(String relative) throws IOException {
    return Files.readString(repo.resolve(relative), StandardCharsets.UTF_8);
  }

  private Map<Path, byte[]> snapshot() throws IOException {
    Map<Path, byte[]> bytes = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(repo)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        bytes.put(repo.relativize(p), Files.readAllBytes(p));
      }
    }
    return bytes;
  }

  @Test
  void freshRepositoryGetsAllFourFiles() throws IOException {
    InitResult result = Init.run(repo, Optional.empty());

    assertThat(result.created()).containsExactlyElementsOf(ALL);
    assertThat(result.kept()).isEmpty();
    for (Path p : ALL) {
      assertThat(repo.resolve(p)).isRegularFile();
      assertThat(Files.readString(repo.resolve(p))).doesNotContain("\r").endsWith("\n");
    }
    // Only the four files: no temporary file is left beside them.
    assertThat(snapshot().keySet()).containsExactlyInAnyOrderElementsOf(ALL);
  }

  @Test
  void agentsMdHasEveryPolicySectionWithProseAndTheFiveAgents() throws IOException {
    Init.run(repo, Optional.empty());
    String agents = read("AGENTS.md");
    MarkdownShape shape = MarkdownShape.of(agents);

    assertThat(shape.headings).containsAll(POLICY_HEADINGS);
    for (String heading : POLICY_HEADINGS) {
      assertThat(sectionBody(agents, heading)).as(heading).hasSizeGreaterThan(200);
    }
    assertThat(shape.tables.get("## Agents"))
        .containsExactly(
            List.of("agent", "command"),
            List.of("claude", "claude -p --permission-mode acceptEdits \"$(cat {prompt_file})\""),
            List.of("codex", "codex exec --sandbox workspace-write \"$(cat {prompt_file})\""),
            List.of(
                "gemini",
                "gemini --skip-trust --approval-mode auto_edit -p \"$(cat {prompt_file})\""),
            List.of("opencode", "opencode run \"$(cat {prompt_file})\""),
            List.of("aider", AgentPreset.AIDER.command()));
    assertThat(AgentPreset.AIDER.command())
        .startsWith("aider --yes-always")
        .endsWith("--message-file {prompt_file}");
    assertThat(sectionBody(agents, "## Agents"))
        .contains("<!-- presets checked on 2026-11-26 against: claude 2.1.197, codex-cli 0.171.0");
  }

  @Test
  void agentsMdSettingsAreListItemsUnderTheirHeadings() throws IOException {
    Files.writeString(repo.resolve("pom.xml"), "<project/>");

    Init.run(repo, Optional.of("trunk"));
    String agents = read("AGENTS.md");

    assertThat(sectionBody(agents, "## Locks"))
        .contains("\n- ttl: 30m\n", "\n- heartbeat: 1m\n", "\n- hotspots: pom.xml\n");
    assertThat(sectionBody(agents, "## Integration"))
        .contains("\n- target: trunk\n", "\n- max-parallel: 4\n", "\n- sandbox: none\n");
    assertThat(sectionBody(agents, "## Approvals"))
        .contains("\n- pre-approved: git status, git diff, git log, git show\n");
  }

  @Test
  void withoutBuildOrBranchTheOptionalSettingsAreLeftOut() throws IOException {
    Init.run(repo, Optional.empty());
    String agents = read("AGENTS.md");

    assertThat(agents).doesNotContain("- hotspots:", "- target:");
    assertThat(MarkdownShape.of(agents).tables.get("## Gates"))
        .containsExactly(
            List.of("gate", "name", "command", "when", "timeout"),
            List.of("1", "no build found: edit this gate", "true", "lane, patch, wave", "5m"));
  }

  @Test
  void gatesTableHoldsTheGuessedGatesNumberedFromOne() throws IOException {
    Files.writeString(repo.resolve("pom.xml"), "<project/>");
    Files.writeString(repo.resolve("mvnw"), "");
    Files.createDirectories(repo.resolve("app"));
    Files.writeString(repo.resolve("app/pom.xml"), "<project/>");

    Init.run(repo, Optional.empty());

    assertThat(MarkdownShape.of(read("AGENTS.md")).tables.get("## Gates"))
        .containsExactly(
            List.of("gate", "name", "command", "when", "timeout"),
            List.of(
                "1",
                "maven module tests",
                "./mvnw -q -pl {modules} -am test",
                "lane, patch",
                "15m"),
            List.of("2", "maven full build", "./mvnw -q verify", "wave", "30m"));
    // The example lane tests with a command that needs no placeholder.
    assertThat(read("PLAN.md")).contains("- tests: `./mvnw -q verify`\n").isNotNull();
  }

  @Test
  void planMdHasOneExampleLaneAndBothEmptyTables() throws IOException {
    Files.writeString(repo.resolve("go.mod"), "module x\n");

    Init.run(repo, Optional.empty());
    String plan = read("PLAN.md");
    MarkdownShape shape = MarkdownShape.of(plan);

    assertThat(shape.headings)
        .containsExactly(
            "# Plan",
            "## Lanes",
            "### L-001: Document how to build and test the project",
            "## Locks",
            "## Board");
    assertThat(plan)
        .contains(
            """
            ### L-001: Document how to build and test the project
            - scope: `README.md`
            - agent: claude
            - tests: `go vet ./...`
            - acceptance:
              - [ ] README.md says what the project is for and how to build it
              - [ ] every command README.md shows runs as written

            An example lane\
            """);
    assertThat(plan)
        .contains(
            "## Locks\n\n| lock_id | owner | scope | objective | start | heartbeat | expires |\n"
                + "|---|---|---|---|---|---|---|\n")
        .endsWith(
            "## Board\n\n| lane | status | wave | attempt | checkpoint | updated | note |\n"
                + "|---|---|---|---|---|---|---|\n");
    assertThat(shape.tables.get("## Locks"))
        .containsExactly(
            List.of("lock_id", "owner", "scope", "objective", "start", "heartbeat", "expires"));
    assertThat(shape.tables.get("## Board"))
        .containsExactly(
            List.of("lane", "status", "wave", "attempt", "checkpoint", "updated", "note"));
  }

  @Test
  void readmesSayWhatGoesInTheirFolders() throws IOException {
    Init.run(repo, Optional.empty());

    assertThat(read("ledger/README.md"))
        .startsWith("# Ledger\n")
        .contains("ledger/<lane>/<NNN>-<kind>.md", "append-only", "lanes only");
    assertThat(read("policies/README.md")).startsWith("# Policies\n").contains("AGENTS.md");
  }

  @Test
  void secondRunCreatesNothingAndChangesNoByte() throws IOException {
    Init.run(repo, Optional.empty());
    Map<Path, byte[]> before = snapshot();

    InitResult second = Init.run(repo, Optional.empty());

    assertThat(second.created()).isEmpty();
    assertThat(second.kept()).containsExactlyElementsOf(ALL);
    Map<Path, byte[]> after = snapshot();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach(
        (path, bytes) -> assertThat(after.get(path)).as(path.toString()).isEqualTo(bytes));
  }

  @Test
  void existingUserFilesAreKeptByteForByte() throws IOException {
    byte[] mine =
        "# My rules\r\n\r\nno trailing newline, CRLF, ünïcode".getBytes(StandardCharsets.UTF_8);
    Files.write(repo.resolve("AGENTS.md"), mine);
    Files.createDirectories(repo.resolve("ledger/L-009"));
    Files.writeString(repo.resolve("ledger/L-009/001-dispatch.md"), "dispatched\n");

    InitResult result = Init.run(repo, Optional.empty());

    assertThat(result.kept()).containsExactly(Path.of("AGENTS.md"));
    assertThat(result.created())
        .containsExactly(
            Path.of("PLAN.md"), Path.of("ledger", "README.md"), Path.of("policies", "README.md"));
    assertThat(Files.readAllBytes(repo.resolve("AGENTS.md"))).isEqualTo(mine);
    assertThat(read("ledger/L-009/001-dispatch.md")).isEqualTo("dispatched\n");
  }

  @Test
  void aFolderOrDanglingLinkWhereAFileWouldGoIsKept() throws IOException {
    Files.createDirectories(repo.resolve("PLAN.md"));
    Files.createSymbolicLink(repo.resolve("AGENTS.md"), repo.resolve("nowhere.md"));

    InitResult result = Init.run(repo, Optional.empty());

    assertThat(result.kept()).containsExactly(Path.of("AGENTS.md"), Path.of("PLAN.md"));
    assertThat(repo.resolve("nowhere.md")).doesNotExist();
    assertThat(repo.resolve("PLAN.md")).isEmptyDirectory();
  }

  @Test
  void aFileNamedLedgerIsBadInputAndNothingIsWritten() throws IOException {
    Files.writeString(repo.resolve("ledger"), "not a folder");

    assertThatThrownBy(() -> Init.run(repo, Optional.empty()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("ledger exists but is not a folder");
    assertThat(snapshot().keySet()).containsExactly(Path.of("ledger"));
  }

  @Test
  void aGateNameWithBracketsStaysInItsOwnCell() {
    // Found by the property below: flexmark read `[!!!!][` and the next `]` in the row as a link
    // reference spanning the separator, merging the name and command cells.
    GuessedGate gate =
        new GuessedGate("n !!!!]!!!!!!![!!!!][", "c !!!!]!!!!!!![!!!!][", "lane", "5m");
    List<List<String>> rows =
        MarkdownShape.of(StarterFiles.agentsMd(List.of(gate), List.of(), Optional.empty()))
            .tables
            .get("## Gates");
    assertThat(rows.get(1)).containsExactly("1", gate.name(), gate.command(), "lane", "5m");
  }

  @Test
  void anyGateTextSurvivesTheTableAsTheSameCells() {
    // Pipes, quotes and placeholders in names and commands must come back cell for cell.
    // (Backticks and backslashes are left out: no guessed gate has them, and a backslash right
    // before a pipe has no unambiguous spelling in a GFM table cell.)
    qt().withExamples(1000)
        .forAll(
            lists()
                .of(
                    strings()
                        .betweenCodePoints(32, 126)
                        .ofLengthBetween(1, 30)
                        .map(s -> s.replace('`', '\'').replace('\\', '/').strip())
                        .assuming(s -> !s.isEmpty()))
                .ofSizeBetween(1, 6),
            integers().between(0, 2))
        .checkAssert(
            (texts, w) -> {
              String when = List.of("lane", "lane, patch", "wave").get(w);
              List<GuessedGate> gates = new ArrayList<>();
              for (String t : texts) {
                gates.add(new GuessedGate("n " + t, "c " + t, when, "5m"));
              }
              List<List<String>> rows =
                  MarkdownShape.of(StarterFiles.agentsMd(gates, List.of(), Optional.empty()))
                      .tables
                      .get("## Gates");
              assertThat(rows).hasSize(gates.size() + 1);
              for (int i = 0; i < gates.size(); i++) {
                GuessedGate g = gates.get(i);
                assertThat(rows.get(i + 1))
                    .containsExactly(
                        String.valueOf(i + 1), g.name(), g.command(), g.when(), g.timeout());
              }
            });
  }

  @Test
  void aGateNameHoldingInlineHtmlKeepsItsCells() {
    // Found by the property above on a CI run: `<!A` up to the command's `>` read as inline HTML.
    GuessedGate gate = new GuessedGate("n !!>!!<!A", "c !!>!!<!A", "lane", "5m");
    List<List<String>> rows =
        MarkdownShape.of(StarterFiles.agentsMd(List.of(gate), List.of(), Optional.empty()))
            .tables
            .get("## Gates");
    assertThat(rows.get(1)).containsExactly("1", gate.name(), gate.command(), "lane", "5m");
  }

  /** The text between a level-2 heading line and the next level-2 heading (or the end). */
  private static String sectionBody(String markdown, String heading) {
    int start = markdown.indexOf("\n" + heading + "\n");
    assertThat(start).as("heading %s", heading).isNotNegative();
    int bodyStart = start + heading.length() + 2;
    int next = markdown.indexOf("\n## ", bodyStart);
    return markdown.substring(bodyStart - 1, next < 0 ? markdown.length() : next + 1);
  }
}
