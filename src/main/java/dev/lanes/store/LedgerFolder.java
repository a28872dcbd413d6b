package dev.lanes.store;

import dev.lanes.error.WorkFailedException;
import dev.lanes.io.LanesFolder;
import dev.lanes.io.TempFiles;
import dev.lanes.ledger.LedgerEntry;
import dev.lanes.ledger.LedgerFacts;
import dev.lanes.ledger.LedgerFileName;
import dev.lanes.ledger.LedgerNames;
import dev.lanes.plan.LaneId;
import dev.lanes.port.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code ledger/} folder: one sub-folder per lane holding {@code NNN-<kind>.md} files that are
 * created once and never rewritten. Only {@link PlanStore} appends, under its writer lock.
 */
public final class LedgerFolder implements Store.Ledger {
  public static final String DIR = "ledger";

  private final Path root;

  LedgerFolder(Path repoRoot) {
    this.root = repoRoot.resolve(DIR);
  }

  public Path dir() {
    return root;
  }

  /** The lane's entry file names in ledger order (by number); other files are left out. */
  public List<String> fileNames(LaneId lane) {
    return entryNames(root.resolve(lane.value())).stream()
        .map(n -> n.getValue().fileName())
        .toList();
  }

  public List<String> entries(LaneId lane) {
    Path dir = root.resolve(lane.value());
    List<String> texts = new ArrayList<>();
    for (String name : fileNames(lane)) {
      readEntry(dir.resolve(name)).ifPresent(texts::add);
    }
    return texts;
  }

  public LedgerFacts facts(LaneId lane) {
    return LedgerFacts.of(entries(lane));
  }

  public long fenceFloor() {
    long floor = 0;
    for (Path dir : laneDirs()) {
      List<String> dispatches = new ArrayList<>();
      for (Map.Entry<String, LedgerFileName> e : entryNames(dir)) {
        if (e.getValue().kind() == LedgerEntry.Kind.DISPATCH) {
          readEntry(dir.resolve(e.getKey())).ifPresent(dispatches::add);
        }
      }
      floor = Math.max(floor, LedgerFacts.of(dispatches).highestFence());
    }
    return floor;
  }

  /**
   * Appends the entries in order, each as the lane's next numbered file, created new and forced to
   * disk (when the number is taken meanwhile, the next one is tried), with each changed directory
   * forced to disk once at the end rather than once per entry: a dispatch of 50 lanes writes 50
   * entries in one store write. The entries are durable when this returns, as with one at a time.
   */
  List<Path> appendAll(List<LedgerEntry> entries) {
    return appendRendered(entries.stream().map(Rendered::of).toList());
  }

  /** As {@link #appendAll}, for entries already rendered (a journal's, see {@link Journal}). */
  List<Path> appendRendered(List<Rendered> entries) {
    List<Path> written = new ArrayList<>();
    // Insertion order: lane directories first, then ledger/ and its parent when a lane's
    // directory is new, so a directory's entry is on disk only once what it names is.
    Set<Path> toForce = new LinkedHashSet<>();
    boolean anyFresh = false;
    for (Rendered entry : entries) {
      Path dir = root.resolve(entry.lane().value());
      anyFresh |= !Files.isDirectory(dir);
      written.add(write(entry, dir));
      toForce.add(dir);
    }
    if (anyFresh) {
      toForce.add(root);
      toForce.add(root.getParent());
    }
    toForce.forEach(Durably::forceDirectory);
    return written;
  }

  /**
   * Whether the lane's folder already holds an entry with exactly these bytes. Entries carry their
   * time and content, so this tells a journaled entry that was appended before a crash from one
   * that was not.
   */
  boolean holds(Rendered entry) {
    Path dir = root.resolve(entry.lane().value());
    for (Map.Entry<String, LedgerFileName> name : entryNames(dir)) {
      if (name.getValue().kind() == entry.kind()) {
        try {
          if (Arrays.equals(Files.readAllBytes(dir.resolve(name.getKey())), entry.bytes())) {
            return true;
          }
        } catch (IOException e) {
          // Unreadable: not this one.
        }
      }
    }
    return false;
  }

  /** An entry as its file holds it: the lane, the kind (for the file name) and the bytes. */
  record Rendered(LaneId lane, LedgerEntry.Kind kind, byte[] bytes) {
    static Rendered of(LedgerEntry entry) {
      return new Rendered(
          entry.lane(), entry.kind(), entry.render().getBytes(StandardCharsets.UTF_8));
    }
  }

  private Path write(Rendered entry, Path dir) {
    byte[] bytes = entry.bytes();
    try {
      Files.createDirectories(dir);
      List<String> names = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        files.forEach(f -> names.add(f.getFileName().toString()));
      }
      int number = LedgerNames.nextNumber(names);
      // Written whole to a temporary file first and then linked under its name, so a crash never
      // leaves an empty or half-written entry in ledger/ (a link never overwrites).
      Path staging = LanesFolder.create(root.getParent(), "state");
      Path temp = TempFiles.create(staging, "entry", ".tmp");
      try {
        Durably.write(temp, bytes);
        while (true) {
          Path file = dir.resolve(LedgerNames.fileName(number, entry.kind()));
          try {
            Files.createLink(file, temp);
          } catch (FileAlreadyExistsException taken) {
            number++;
            continue;
          } catch (UnsupportedOperationException noLinks) {
            // File systems without hard links: a plain new file, still never overwriting.
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          }
          return file;
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new WorkFailedException(
          "cannot write the "
              + entry.kind().word()
              + " entry of lane "
              + entry.lane()
              + " in "
              + dir
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private List<Path> laneDirs() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new WorkFailedException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  private static List<Map.Entry<String, LedgerFileName>> entryNames(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .flatMap(n -> LedgerNames.parse(n).map(p -> Map.entry(n, p)).stream())
          .sorted(Comparator.comparing(Map.Entry::getValue))
          .toList();
    } catch (IOException e) {
      throw new WorkFailedException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> readEntry(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (IOException e) {
      throw new WorkFailedException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
