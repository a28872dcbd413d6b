package dev.lanes.gates;

import static dev.lanes.gates.Gates.ctx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaceholdersTest {
  @TempDir Path repo;

  @Test
  void filesAreSortedDistinctAndQuotedOnlyWhenNeeded() {
    String rendered =
        Placeholders.render("lint {files}", ctx("src/b.js", "a b.txt", "src/b.js", "it's"), repo)
            .orElseThrow();
    assertThat(rendered).isEqualTo("lint 'a b.txt' 'it'\\''s' src/b.js");
  }

  @Test
  void dirsAreTheDistinctSortedParentsWithDotForTopLevel() {
    GateContext ctx = ctx("z/y.txt", "a/b/c.txt", "top.txt", "a/b/d.txt", "a/e f/g.txt");
    assertThat(Placeholders.dirs(ctx)).containsExactly(".", "a/b", "a/e f", "z");
    assertThat(Placeholders.render("ls {dirs}", ctx, repo)).hasValue("ls . a/b 'a/e f' z");
  }

  @Test
  void laneIsFilledQuoted() {
    assertThat(Placeholders.render("echo {lane}", new GateContext("L 7", List.of()), repo))
        .hasValue("echo 'L 7'");
  }

  @Test
  void modulesAreTheNearestFolderWithABuildFileOnDisk() throws IOException {
    touch("pom.xml");
    touch("web/package.json");
    touch("svc/core/pom.xml");
    touch("tools/rs/Cargo.toml");
    touch("tools/go/go.mod");
    touch("py/pyproject.toml");
    Files.createDirectories(repo.resolve("svc/other/pom.xml")); // a folder, not a build file
    GateContext ctx =
        ctx(
            "README.md",
            "web/src/app.js",
            "web/package.json",
            "svc/core/src/main/java/Main.java",
            "svc/other/x.txt",
            "tools/rs/src/lib.rs",
            "tools/go/cmd/main.go",
            "py/pkg/mod.py",
            "new/folder/not/yet/on/disk.txt");
    assertThat(Placeholders.modules(ctx, repo))
        .containsExactly(".", "py", "svc/core", "tools/go", "tools/rs", "web");
    assertThat(Placeholders.render("./mvnw -pl {modules} test", ctx("svc/core/A.java"), repo))
        .hasValue("./mvnw -pl svc/core test");
  }

  @Test
  void filesInNoModuleAreDroppedAndAllDroppedMeansSkip() throws IOException {
    touch("web/package.json");
    assertThat(Placeholders.modules(ctx("docs/guide.md", "web/x.js"), repo)).containsExactly("web");
    assertThat(Placeholders.render("npm test --workspace {modules}", ctx("docs/guide.md"), repo))
        .isEmpty();
  }

  @Test
  void anEmptyPlaceholderSkipsEvenWhenOthersHaveValues() {
    assertThat(Placeholders.render("check {lane} {files}", ctx(), repo)).isEmpty();
    assertThat(Placeholders.render("check {dirs}", ctx(), repo)).isEmpty();
  }

  @Test
  void commandsWithoutPlaceholdersRenderAsWrittenEvenWithNoFiles() {
    String command = "test -n \"${HOME}\" && awk '{print}' x";
    assertThat(Placeholders.render(command, ctx(), repo)).hasValue(command);
  }

  @Test
  void valuesAreFilledOnceSoAFileNamedLikeAPlaceholderStaysLiteral() {
    assertThat(Placeholders.render("echo {files} {lane}", ctx("{lane}"), repo))
        .hasValue("echo '{lane}' L-001");
  }

  @Test
  void anyFileNameReachesTheCommandAsOneWord() {
    // Names of printable characters (no line breaks: printf prints one name per line).
    qt().withExamples(60)
        .forAll(
            lists()
                .of(strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(1, 12))
                .ofSizeBetween(1, 4))
        .assuming(names -> names.stream().allMatch(PlaceholdersTest::isPlainName))
        .check(
            names -> {
              GateContext ctx = new GateContext("L-001", names);
              String command = Placeholders.render("printf '%s\\n' {files}", ctx, repo).get();
              return shellOutput(command).equals(List.copyOf(new TreeSet<>(names)));
            });
  }

  private static boolean isPlainName(String name) {
    return !name.contains("/") && !name.contains("\\") && !name.equals(".") && !name.equals("..");
  }

  private List<String> shellOutput(String command) {
    try {
      Process p =
          new ProcessBuilder("sh", "-c", command)
              .directory(repo.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("sh failed on " + command + ": " + out);
      }
      return out.lines().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void touch(String path) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "");
  }
}
