package dev.lanes.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Real git repositories in a temporary folder, with a temporary HOME and no system config, so that
 * no identity or setting of the machine running the tests leaks in.
 */
final class TempRepos {
  final Path root;
  final Path home;
  final List<CliCall> calls = Collections.synchronizedList(new ArrayList<>());
  final GitCli git;

  TempRepos(Path root) {
    this.root = root;
    this.home = root.resolve("home");
    mkdirs(home);
    this.git =
        new GitCli(
            "git",
            Map.of(
                "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                "GIT_CONFIG_GLOBAL", home.resolve(".gitconfig").toString(),
                "GIT_CONFIG_NOSYSTEM", "1"),
            calls::add);
  }

  /** A new repository on branch main with one commit holding {@code files}. */
  Path repo(String name, Map<String, String> files) {
    Path dir = root.resolve(name);
    mkdirs(dir);
    git.run(dir, "init", "-q", "-b", "main");
    files.forEach((path, text) -> write(dir.resolve(path), text));
    commitAll(dir, "initial");
    return dir;
  }

  /** Commits everything as a person would, with an identity given on the command line only. */
  String commitAll(Path dir, String message) {
    git.run(dir, "add", "--all");
    git.run(
        dir,
        "-c",
        "user.name=Person",
        "-c",
        "user.email=person@example.com",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        message);
    return head(dir);
  }

  String head(Path dir) {
    return git.run(dir, "rev-parse", "HEAD");
  }

  static void write(Path file, String text) {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every file under {@code dir} as git would record it: path to kind, executable bit and exact
   * bytes (or link target). Skips {@code .git} and the paths in {@code skip}; empty folders do not
   * count, as git does not track them.
   */
  static Map<String, String> snapshot(Path dir, List<String> skip) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (rel.isEmpty() || rel.equals(".git") || rel.startsWith(".git/") || skip.contains(rel)) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          files.put(rel, "link -> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          boolean x =
              Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)
                  .contains(PosixFilePermission.OWNER_EXECUTE);
          files.put(rel, (x ? "755 " : "644 ") + HexFormat.of().formatHex(Files.readAllBytes(p)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
