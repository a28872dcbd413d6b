package dev.lanes.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree a patch is expected to give (from the blob ids in its headers, {@link PatchedTree})
 * equals the tree git records for the commit the patch was made from, for every kind of change git
 * writes; where the patch does not say enough, there is no expectation at all.
 */
class PatchedTreeTest {
  @TempDir Path tmp;

  private final WorktreeObjects objects = new WorktreeObjects(Map.of());
  private int repos;

  /** The base files, the change, the patch git makes of it and the tree git records. */
  private record Case(Path repo, String baseTree, byte[] patch, String tree) {}

  private Case change(TempRepos r, Map<String, String> files, Consumer<Path> edit) {
    Path repo = r.repo("r" + repos++, files);
    String base = r.head(repo);
    edit.accept(repo);
    String next = r.commitAll(repo, "change");
    byte[] patch = r.git.runBytes(repo, "diff", "--binary", "--full-index", "-M", base, next);
    return new Case(
        repo,
        r.git.run(repo, "rev-parse", base + "^{tree}"),
        patch,
        r.git.run(repo, "rev-parse", next + "^{tree}"));
  }

  private Optional<String> expected(Case c) {
    return objects.patchedTree(c.repo(), c.baseTree(), c.patch());
  }

  private static Map<String, String> files(String... pathsAndTexts) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
    }
    return files;
  }

  @Test
  void everyKindOfChangeGivesGitsOwnTree() {
    TempRepos r = new TempRepos(tmp);
    Map<String, String> base =
        files(
            "a.txt", "alpha\n",
            "src/main/App.java", "class App {}\n",
            "src/main/Gone.java", "class Gone {}\n",
            "lonely/only.txt", "the only file here\n",
            "moved/from.txt", "a file that moves\nwith two lines\n",
            "run.sh", "#!/bin/sh\necho hi\n",
            "a/x.txt", "under a\n",
            "a-b", "beside a\n",
            "docs/name with spaces.md", "spaces\n");
    Case c =
        change(
            r,
            base,
            repo -> {
              TempRepos.write(repo.resolve("a.txt"), "alpha, edited\n");
              TempRepos.write(repo.resolve("src/main/New.java"), "class New {}\n");
              TempRepos.write(repo.resolve("deep/er/still/new.txt"), "in new folders\n");
              TempRepos.write(repo.resolve("a.b"), "sorts between a-b and a/\n");
              TempRepos.write(repo.resolve("bin/data.bin"), new byte[] {0, 1, 2, 0, (byte) 255});
              TempRepos.write(repo.resolve("docs/ünïcode.md"), "ü\n");
              delete(repo.resolve("src/main/Gone.java"));
              delete(repo.resolve("lonely/only.txt"));
              move(repo.resolve("moved/from.txt"), repo.resolve("elsewhere/to.txt"));
              executable(repo.resolve("run.sh"));
            });
    assertThat(new String(c.patch(), StandardCharsets.UTF_8))
        .contains("rename from moved/from.txt", "GIT binary patch", "new mode 100755");
    assertThat(expected(c)).contains(c.tree());
  }

  @Test
  void aRenameWithEditsAndABinaryEditGiveGitsOwnTree() {
    TempRepos r = new TempRepos(tmp);
    StringBuilder long_ = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      long_.append("line ").append(i).append('\n');
    }
    Case c =
        change(
            r,
            files("old/name.txt", long_.toString(), "img.bin", "\0\1\2"),
            repo -> {
              move(repo.resolve("old/name.txt"), repo.resolve("new/name.txt"));
              TempRepos.write(repo.resolve("new/name.txt"), long_ + "one more\n");
              TempRepos.write(repo.resolve("img.bin"), new byte[] {0, 9, 9, 0, 7});
            });
    assertThat(new String(c.patch(), StandardCharsets.UTF_8)).contains("similarity index");
    assertThat(expected(c)).contains(c.tree());
  }

  @Test
  void deletingEveryFileGivesTheEmptyTree() {
    TempRepos r = new TempRepos(tmp);
    Case c =
        change(r, files("a/b.txt", "b\n", "c.txt", "c\n"), repo -> delete(repo.resolve("a/b.txt")));
    assertThat(expected(c)).contains(c.tree());
  }

  @Test
  void noExpectationWhereThePatchDoesNotSayEnough() {
    TempRepos r = new TempRepos(tmp);
    Case c = change(r, files("a.txt", "a\n", "b.txt", "b\n"), repo -> write(repo, "a.txt", "A\n"));
    // Abbreviated ids (no --full-index): the new blob is not named.
    byte[] shortIds = r.git.runBytes(c.repo(), "diff", "--binary", "HEAD~1", "HEAD");
    assertThat(objects.patchedTree(c.repo(), c.baseTree(), shortIds)).isEmpty();
    // A base whose file is not the patch's preimage (the patch was made on another tree).
    assertThat(objects.patchedTree(c.repo(), c.tree(), c.patch())).isEmpty();
    // Not a patch at all.
    assertThat(objects.patchedTree(c.repo(), c.baseTree(), "hello\n".getBytes(UTF8))).isEmpty();
  }

  @Test
  void noExpectationForASymbolicLink() throws IOException {
    TempRepos r = new TempRepos(tmp);
    Case c =
        change(
            r,
            files("a.txt", "a\n"),
            repo -> {
              try {
                Files.createSymbolicLink(repo.resolve("link"), Path.of("a.txt"));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    assertThat(new String(c.patch(), UTF8)).contains("new file mode 120000");
    assertThat(expected(c)).isEmpty();
  }

  @Test
  void randomChangesGiveGitsOwnTree() {
    TempRepos r = new TempRepos(tmp);
    AtomicInteger predicted = new AtomicInteger();
    qt().withFixedSeed(20261126L)
        .withExamples(40)
        .withShrinkCycles(0)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random random = new Random(seed);
              Map<String, String> base = new TreeMap<>();
              int count = 1 + random.nextInt(8);
              while (base.size() < count) {
                String path = path(random);
                if (fits(base.keySet(), path)) {
                  base.put(path, "text " + random.nextInt(5) + "\n");
                }
              }
              Case c =
                  change(
                      r, base, repo -> randomEdits(random, repo, new ArrayList<>(base.keySet())));
              if (c.baseTree().equals(c.tree())) {
                return;
              }
              Optional<String> expected = expected(c);
              // A type change (file to folder, say) is left to the index; any expectation made
              // must be git's tree.
              expected.ifPresent(
                  e -> {
                    predicted.incrementAndGet();
                    assertThat(e).as(new String(c.patch(), UTF8)).isEqualTo(c.tree());
                  });
            });
    assertThat(predicted.get()).as("examples with an expectation").isGreaterThan(25);
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
  private static final List<String> SEGMENTS = List.of("a", "a.b", "a-b", "b", "ab", "c d", "é");

  private static String path(Random random) {
    int depth = 1 + random.nextInt(3);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      parts.add(SEGMENTS.get(random.nextInt(SEGMENTS.size())));
    }
    return String.join("/", parts);
  }

  /** Whether {@code path} can be a file beside {@code files}: no file is a folder of another. */
  private static boolean fits(java.util.Collection<String> files, String path) {
    for (String f : files) {
      if (f.equals(path) || f.startsWith(path + "/") || path.startsWith(f + "/")) {
        return false;
      }
    }
    return true;
  }

  private static void randomEdits(Random random, Path repo, List<String> present) {
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits && !present.isEmpty(); i++) {
      String target = present.get(random.nextInt(present.size()));
      switch (random.nextInt(5)) {
        case 0 -> write(repo, target, "edited " + random.nextInt(1000) + "\n");
        case 1 -> {
          String added = path(random);
          if (fits(present, added)) {
            write(repo, added, "added " + random.nextInt(1000) + "\n");
            present.add(added);
          }
        }
        case 2 -> {
          delete(repo.resolve(target));
          present.remove(target);
        }
        case 3 -> {
          String to = path(random);
          if (fits(present, to)) {
            move(repo.resolve(target), repo.resolve(to));
            present.remove(target);
            present.add(to);
          }
        }
        default -> executable(repo.resolve(target));
      }
    }
  }

  private static void write(Path repo, String path, String text) {
    TempRepos.write(repo.resolve(path), text);
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
      // git tracks no folders: an emptied one is simply gone.
      Path parent = file.getParent();
      while (parent != null && !Files.exists(parent.resolve(".git")) && isEmpty(parent)) {
        Files.delete(parent);
        parent = parent.getParent();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var list = Files.list(dir)) {
      return list.findAny().isEmpty();
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.move(from, to);
      Path parent = from.getParent();
      while (parent != null && !Files.exists(parent.resolve(".git")) && isEmpty(parent)) {
        Files.delete(parent);
        parent = parent.getParent();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void executable(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
