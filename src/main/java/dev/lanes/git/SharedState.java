package dev.lanes.git;

import dev.lanes.io.TempFiles;
import dev.lanes.ledger.PatchDigest;
import dev.lanes.port.SharedRepoState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;

/**
 * What every worktree of a repository shares and a worker can change so that it outlives the
 * worker: the common git folder's {@code config}, its {@code hooks/} and {@code info/} folders, its
 * refs (loose and packed) and the main worktree's {@code HEAD}. A {@link Snapshot} of them, the
 * {@link Change}s between two snapshots, and {@link #restore} to put back what changed.
 *
 * <p>Two kinds of ref moves are lanes' own and never count: any move of a branch {@code lanes/*}
 * (the lanes' worktree branches and {@code lanes/integration}, which lanes' captures and the
 * integrator move while other workers run; the integrator lands a lane's stored patch, never its
 * branch), and a fast-forward through commits that all carry the integrator's {@code Lane:}, {@code
 * Attempt:} and {@code Gates:} trailers (a {@code lanes integrate} run beside a dispatch). A worker
 * that forges those trailers is beyond what lanes can tell without a sandbox. {@code refs/stash} is
 * not compared either (see {@link #STASH}), nor are remote-tracking refs (see {@link #REMOTES}).
 */
public final class SharedState implements SharedRepoState<SharedState.Snapshot> {
  /** The prefix of lanes' own branches, which only lanes moves. */
  static final String LANES_BRANCHES = "refs/heads/lanes/";

  /**
   * Not compared: its reflog is the person's stash list, which moving the ref back would garble
   * (and deleting it would drop), and nothing runs or lands from it.
   */
  private static final String STASH = "refs/stash";

  /**
   * Not compared: remote-tracking refs move with every {@code git fetch} (an editor's auto-fetch
   * while workers run), lanes never reads them, and the integrator lands on the local target only.
   */
  private static final String REMOTES = "refs/remotes/";

  private static final String ZERO = "0".repeat(40);

  /** Bytes of files larger than this are not kept, so such a file can be removed, not restored. */
  private static final long KEEP_LIMIT = 1 << 20;

  private final GitCli git;
  private final Path repoRoot;
  private volatile Path commonDir;

  public SharedState(GitCli git, Path repoRoot) {
    this.git = git;
    this.repoRoot = repoRoot;
  }

  /**
   * One file under {@code hooks/} or {@code info/}: a symbolic link (its target in {@code digest})
   * or a regular file with its permissions, size, SHA-256, and its bytes when small enough.
   */
  public record FileFacts(boolean link, String mode, long size, String digest, byte[] bytes) {
    boolean sameAs(FileFacts o) {
      return link == o.link && mode.equals(o.mode) && size == o.size && digest.equals(o.digest);
    }
  }

  /**
   * The shared state at one moment.
   *
   * @param config the bytes of {@code config} (empty when there is none)
   * @param files the files under {@code hooks/} and {@code info/}, by path relative to the common
   *     git folder ({@code hooks/pre-commit})
   * @param refs every ref's object id by full name, {@code lanes/*} branches included
   * @param head the main worktree's {@code HEAD} file as text
   */
  public record Snapshot(
      byte[] config, Map<String, FileFacts> files, Map<String, String> refs, String head) {}

  public Snapshot take() {
    Path common = commonDir();
    byte[] config = readOrEmpty(common.resolve("config"));
    Map<String, FileFacts> files = new TreeMap<>();
    for (String folder : List.of("hooks", "info")) {
      files.putAll(filesUnder(common, common.resolve(folder)));
    }
    Map<String, String> refs = new TreeMap<>();
    String out = git.run(repoRoot, "for-each-ref", "--format=%(objectname) %(refname)");
    for (String line : out.split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0) {
        refs.put(line.substring(space + 1), line.substring(0, space));
      }
    }
    String head =
        new String(readOrEmpty(common.resolve("HEAD")), java.nio.charset.StandardCharsets.UTF_8);
    return new Snapshot(config, Map.copyOf(files), Map.copyOf(refs), head.strip());
  }

  /**
   * What differs from {@code before} to {@code now}, less lanes' own ref moves (see the class
   * comment), sorted: config, files, refs, HEAD.
   */
  public List<Change> changes(Snapshot before, Snapshot now) {
    List<Change> changes = new ArrayList<>();
    if (!Arrays.equals(before.config(), now.config())) {
      changes.add(new Change(Area.CONFIG, "config", "config changed" + configKeys(before, now)));
    }
    Set<String> files = new TreeSet<>(before.files().keySet());
    files.addAll(now.files().keySet());
    for (String f : files) {
      FileFacts was = before.files().get(f);
      FileFacts is = now.files().get(f);
      if (was == null) {
        changes.add(new Change(Area.FILE, f, f + " added"));
      } else if (is == null) {
        changes.add(new Change(Area.FILE, f, f + " deleted"));
      } else if (!was.sameAs(is)) {
        changes.add(new Change(Area.FILE, f, f + " changed"));
      }
    }
    Set<String> refs = new TreeSet<>(before.refs().keySet());
    refs.addAll(now.refs().keySet());
    for (String r : refs) {
      if (r.startsWith(LANES_BRANCHES) || r.equals(STASH) || r.startsWith(REMOTES)) {
        continue;
      }
      String was = before.refs().get(r);
      String is = now.refs().get(r);
      if (was == null) {
        changes.add(new Change(Area.REF, r, r + " created at " + shortId(is)));
      } else if (is == null) {
        changes.add(new Change(Area.REF, r, r + " deleted (was " + shortId(was) + ")"));
      } else if (!was.equals(is) && !integratorLanding(was, is)) {
        changes.add(
            new Change(Area.REF, r, r + " moved from " + shortId(was) + " to " + shortId(is)));
      }
    }
    if (!before.head().equals(now.head())) {
      changes.add(
          new Change(
              Area.HEAD,
              "HEAD",
              "HEAD of the main checkout changed from `"
                  + before.head()
                  + "` to `"
                  + now.head()
                  + "`"));
    }
    return List.copyOf(changes);
  }

  /**
   * Puts back what {@code changes} (between {@code before} and {@code now}) name: each ref with a
   * compare-and-swap from its value in {@code now}, so a ref that moved again meanwhile is left as
   * it is; each file of {@code hooks/} and {@code info/} and the config written back (or removed)
   * only when it is still as {@code now} saw it. The main checkout's HEAD is never moved: its files
   * follow HEAD, and moving HEAD alone would make them look changed.
   */
  public Restoration restore(Snapshot before, Snapshot now, List<Change> changes) {
    List<String> done = new ArrayList<>();
    List<String> notDone = new ArrayList<>();
    Path common = commonDir();
    for (Change c : changes) {
      switch (c.area()) {
        case CONFIG -> {
          if (restoreFile(common.resolve("config"), before.config(), now.config())) {
            done.add("config restored");
          } else {
            notDone.add("config (it changed again meanwhile)");
          }
        }
        case FILE -> restoreListed(common, c.name(), before, now, done, notDone);
        case REF -> restoreRef(c.name(), before, now, done, notDone);
        case HEAD -> notDone.add("HEAD of the main checkout (now `" + now.head() + "`)");
      }
    }
    return new Restoration(List.copyOf(done), List.copyOf(notDone));
  }

  private void restoreListed(
      Path common,
      String name,
      Snapshot before,
      Snapshot now,
      List<String> done,
      List<String> notDone) {
    Path file = common.resolve(name);
    FileFacts was = before.files().get(name);
    FileFacts is = now.files().get(name);
    try {
      Optional<FileFacts> current = facts(file);
      boolean unchangedSince =
          is == null ? current.isEmpty() : current.map(is::sameAs).orElse(false);
      if (!unchangedSince) {
        notDone.add(name + " (it changed again meanwhile)");
        return;
      }
      if (was == null) {
        Files.delete(file);
        done.add(name + " removed");
        return;
      }
      if (!was.link() && was.bytes() == null) {
        notDone.add(name + " (too large for lanes to have kept its content)");
        return;
      }
      Files.createDirectories(file.getParent());
      Path tmp = TempFiles.create(file.getParent(), ".lanes-restore", ".tmp");
      Files.delete(tmp);
      if (was.link()) {
        Files.createSymbolicLink(tmp, Path.of(was.digest()));
      } else {
        Files.write(tmp, was.bytes());
        setMode(tmp, was.mode());
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      done.add(name + (is == null ? " put back" : " restored"));
    } catch (IOException | UnsupportedOperationException e) {
      notDone.add(name + " (" + e.getMessage() + ")");
    }
  }

  private void restoreRef(
      String ref, Snapshot before, Snapshot now, List<String> done, List<String> notDone) {
    String was = before.refs().get(ref);
    String is = now.refs().get(ref);
    List<String> args = new ArrayList<>(List.of("update-ref", "-m", "lanes: put back"));
    if (was == null) {
      args.addAll(List.of("-d", ref, is));
    } else {
      args.addAll(List.of(ref, was, is == null ? ZERO : is));
    }
    CliResult r = git.execute(new CliCall(repoRoot, args, Map.of()), Optional.empty());
    if (r.exitCode() != 0) {
      notDone.add(ref + " (" + r.stderr().strip() + ")");
    } else if (was == null) {
      done.add(ref + " deleted");
    } else {
      done.add(ref + " back at " + shortId(was));
    }
  }

  /**
   * Whether {@code from -> to} is a fast-forward through commits that all carry the trailers the
   * integrator writes: {@code lanes integrate} landing lanes beside a dispatch.
   */
  private boolean integratorLanding(String from, String to) {
    String log;
    try {
      if (git.exitCode(repoRoot, "merge-base", "--is-ancestor", from, to) != 0) {
        return false;
      }
      log = git.run(repoRoot, "log", "-z", "--format=%B", from + ".." + to, "--");
    } catch (CliCallException e) {
      return false; // a commit git cannot read: no landing lanes can vouch for
    }
    for (String message : log.split("\0")) {
      if (message.isBlank()) {
        continue;
      }
      List<String> lines = message.lines().map(String::strip).toList();
      for (String trailer : List.of("Lane: ", "Attempt: ", "Gates: ")) {
        if (lines.stream().noneMatch(l -> l.startsWith(trailer))) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@code : core.fsmonitor, filter.x.clean}: the keys whose values differ, when both parse. */
  private static String configKeys(Snapshot before, Snapshot now) {
    Optional<Map<String, List<String>>> was = configValues(before.config());
    Optional<Map<String, List<String>>> is = configValues(now.config());
    if (was.isEmpty() || is.isEmpty()) {
      return "";
    }
    Set<String> keys = new TreeSet<>(was.get().keySet());
    keys.addAll(is.get().keySet());
    List<String> changed =
        keys.stream()
            .filter(
                k ->
                    !was.get()
                        .getOrDefault(k, List.of())
                        .equals(is.get().getOrDefault(k, List.of())))
            .toList();
    return changed.isEmpty() ? " (layout only)" : ": " + String.join(", ", changed);
  }

  private static Optional<Map<String, List<String>>> configValues(byte[] bytes) {
    Config config = new Config();
    try {
      config.fromText(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    } catch (ConfigInvalidException e) {
      return Optional.empty();
    }
    Map<String, List<String>> values = new TreeMap<>();
    for (String section : config.getSections()) {
      String s = section.toLowerCase(java.util.Locale.ROOT);
      for (String name : config.getNames(section)) {
        values.put(s + "." + name, List.of(config.getStringList(section, null, name)));
      }
      for (String sub : config.getSubsections(section)) {
        for (String name : config.getNames(section, sub)) {
          values.put(s + "." + sub + "." + name, List.of(config.getStringList(section, sub, name)));
        }
      }
    }
    return Optional.of(values);
  }

  private Path commonDir() {
    Path dir = commonDir;
    if (dir == null) {
      dir = Path.of(git.run(repoRoot, "rev-parse", "--path-format=absolute", "--git-common-dir"));
      commonDir = dir;
    }
    return dir;
  }

  private static Map<String, FileFacts> filesUnder(Path common, Path folder) {
    Map<String, FileFacts> files = new TreeMap<>();
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        facts(p).ifPresent(f -> files.put(common.relativize(p).toString(), f));
      }
    } catch (IOException | UncheckedIOException e) {
      // A file removed while walked: the next snapshot sees the folder as it then is.
    }
    return files;
  }

  private static Optional<FileFacts> facts(Path p) throws IOException {
    try {
      if (Files.isSymbolicLink(p)) {
        String target = Files.readSymbolicLink(p).toString();
        return Optional.of(new FileFacts(true, "", target.length(), target, null));
      }
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(p);
      return Optional.of(
          new FileFacts(
              false,
              mode(p),
              bytes.length,
              PatchDigest.sha256(bytes),
              bytes.length <= KEEP_LIMIT ? bytes : null));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    }
  }

  private static String mode(Path p) throws IOException {
    try {
      return PosixFilePermissions.toString(
          Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    } catch (UnsupportedOperationException e) {
      return Files.isExecutable(p) ? "x" : "-";
    }
  }

  private static void setMode(Path p, String mode) throws IOException {
    if (mode.length() == 9) {
      Set<PosixFilePermission> perms = PosixFilePermissions.fromString(mode);
      Files.setPosixFilePermissions(p, perms);
    } else {
      p.toFile().setExecutable(mode.equals("x"));
    }
  }

  /**
   * Writes {@code bytes} over {@code file} (removes it when {@code bytes} is empty and it did not
   * exist) only when it still holds {@code expected}; false when it changed meanwhile.
   */
  private static boolean restoreFile(Path file, byte[] bytes, byte[] expected) {
    try {
      if (!Arrays.equals(readOrEmpty(file), expected)) {
        return false;
      }
      Path tmp = TempFiles.create(file.getParent(), ".lanes-restore", ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] readOrEmpty(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new byte[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
