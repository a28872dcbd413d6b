package dev.lanes.testing;

import dev.lanes.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real git repository in a temporary folder, with its own git identity and home so that it
 * behaves the same on a fresh CI machine with no global git configuration.
 */
public final class TestRepo {
  private final Path root;
  private final Path home;

  private TestRepo(Path root, Path home) {
    this.root = root;
    this.home = home;
  }

  /** {@code git init -b main} in {@code dir/repo}, with a home folder beside it. */
  public static TestRepo init(Path dir) {
    try {
      Path root = Files.createDirectories(dir.resolve("repo"));
      Path home = Files.createDirectories(dir.resolve("home"));
      TestRepo repo = new TestRepo(root, home);
      repo.git("init", "-q", "-b", "main");
      return repo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path root() {
    return root;
  }

  /**
   * The two source folders most scenarios scope their lanes to: {@code src/a} and {@code src/b}.
   */
  public TestRepo withTwoSourceFolders() {
    return write("src/a/A.java", "class A {}\n").write("src/b/B.java", "class B {}\n");
  }

  public TestRepo write(String path, String text) {
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String read(String path) {
    try {
      return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds everything and commits with a fixed identity and date, so commit ids repeat. */
  public TestRepo commit(String message) {
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", message);
    return this;
  }

  /** Runs the git executable in the repository and returns its standard output. */
  public String git(String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "Test Person");
    env.put("GIT_AUTHOR_EMAIL", "person@example.com");
    env.put("GIT_COMMITTER_NAME", "Test Person");
    env.put("GIT_COMMITTER_EMAIL", "person@example.com");
    env.put("GIT_AUTHOR_DATE", "2026-11-22T14:10:00Z");
    env.put("GIT_COMMITTER_DATE", "2026-11-22T14:10:00Z");
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs lanes in-process with {@code --repo} set to this repository. */
  public Run lanes(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    // --repo goes after the subcommand name, where picocli expects the mixin option.
    int at = all.isEmpty() ? 0 : 1;
    all.add(at, "--repo");
    all.add(at + 1, root.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  /** Every file under the repository (outside .git) with its bytes, to prove nothing changed. */
  public Map<String, String> snapshot() {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path rel = root.relativize(p);
        if (rel.toString().isEmpty() || rel.startsWith(".git")) {
          continue;
        }
        files.put(
            rel.toString().replace('\\', '/'),
            Files.isDirectory(p)
                ? "<dir>"
                : new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The outcome of one lanes command. */
  public record Run(int exitCode, String out, String err) {}
}
