package dev.lanes.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The tree a patch gives when it is applied to a tree holding exactly its preimages, worked out
 * from the blob ids in the patch's headers ({@code index <old>..<new>}, full with {@code
 * --full-index}) without reading an index or a file: only the trees along the changed paths are
 * read, and the ids of their new versions computed (not written: the index's own tree is).
 *
 * <p>A patch applied to its own preimage gives its postimage, whose id the header names; so when
 * every file the patch changes is in {@code base} with the header's old id and mode, the result is
 * {@code base} with each such path set to its new id and mode (or removed). Anything else (an
 * abbreviated id, a symbolic link or submodule, a file whose content or mode differs from the
 * preimage, a path named twice, a file where a folder would go) gives empty. It is a prediction:
 * the integrator still computes the index's own tree beside it and trusts only that one.
 */
final class PatchedTree {
  private PatchedTree() {}

  /** One path's new state: its mode and blob, or absent when the patch deletes it. */
  private record Leaf(FileMode mode, ObjectId id) {}

  /** Why a prediction was given up: the caller falls back to reading the index. */
  private static final class NoPrediction extends Exception {
    private static final long serialVersionUID = 1L;

    NoPrediction() {
      super(null, null, false, false);
    }
  }

  static Optional<ObjectId> of(
      ObjectReader reader, ObjectInserter inserter, ObjectId base, byte[] patch) {
    Patch parsed = new Patch();
    try {
      // From the array itself: the stream form buffers it again, in blocks sized for 2 GB.
      parsed.parse(patch, 0, patch.length);
      if (!parsed.getErrors().isEmpty() || parsed.getFiles().isEmpty()) {
        return Optional.empty();
      }
      Map<String, Optional<Leaf>> edits = new TreeMap<>();
      for (FileHeader h : parsed.getFiles()) {
        edit(reader, base, h, edits);
      }
      return Optional.of(write(reader, inserter, base, edits, true));
    } catch (NoPrediction | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void edit(
      ObjectReader reader, ObjectId base, FileHeader h, Map<String, Optional<Leaf>> edits)
      throws IOException, NoPrediction {
    FileHeader.ChangeType type = h.getChangeType();
    Optional<ObjectId> oldId = full(h.getOldId());
    Optional<ObjectId> newId = full(h.getNewId());
    if (type == FileHeader.ChangeType.ADD) {
      require(isFile(h.getNewMode()) && newId.isPresent() && absent(reader, base, h.getNewPath()));
      put(edits, h.getNewPath(), Optional.of(new Leaf(h.getNewMode(), newId.get())));
      return;
    }
    // Every other kind starts from a file of the base that must be the patch's preimage.
    Leaf old = leaf(reader, base, h.getOldPath()).orElseThrow(NoPrediction::new);
    // A pure rename has no mode lines: the mode stays what it was.
    FileMode oldMode = h.getOldMode() != null ? h.getOldMode() : old.mode();
    FileMode newMode = h.getNewMode() != null ? h.getNewMode() : oldMode;
    require(isFile(oldMode) && same(old.mode(), oldMode));
    // No index line (a pure rename or a change of mode alone): the content stays what it was.
    require(oldId.map(old.id()::equals).orElse(h.getOldId() == null));
    ObjectId result = newId.orElse(old.id());
    require(newId.isPresent() || h.getNewId() == null);
    switch (type) {
      case DELETE -> put(edits, h.getOldPath(), Optional.empty());
      case MODIFY -> {
        require(isFile(newMode));
        put(edits, h.getNewPath(), Optional.of(new Leaf(newMode, result)));
      }
      case RENAME, COPY -> {
        require(isFile(newMode) && absent(reader, base, h.getNewPath()));
        if (type == FileHeader.ChangeType.RENAME) {
          put(edits, h.getOldPath(), Optional.empty());
        }
        put(edits, h.getNewPath(), Optional.of(new Leaf(newMode, result)));
      }
      default -> throw new NoPrediction();
    }
  }

  private static Optional<ObjectId> full(AbbreviatedObjectId id) {
    return id != null && id.isComplete() ? Optional.of(id.toObjectId()) : Optional.empty();
  }

  private static boolean isFile(FileMode mode) {
    return same(mode, FileMode.REGULAR_FILE) || same(mode, FileMode.EXECUTABLE_FILE);
  }

  private static boolean same(FileMode a, FileMode b) {
    return a != null && b != null && a.getBits() == b.getBits();
  }

  private static void require(boolean condition) throws NoPrediction {
    if (!condition) {
      throw new NoPrediction();
    }
  }

  private static void put(Map<String, Optional<Leaf>> edits, String path, Optional<Leaf> leaf)
      throws NoPrediction {
    // A path named twice (a type change is a deletion and an addition): leave it to the index.
    require(path != null && !path.isEmpty() && edits.put(path, leaf) == null);
  }

  private static boolean absent(ObjectReader reader, ObjectId base, String path)
      throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(reader, path, base)) {
      return walk == null;
    }
  }

  private static Optional<Leaf> leaf(ObjectReader reader, ObjectId base, String path)
      throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(reader, path, base)) {
      if (walk == null) {
        return Optional.empty();
      }
      return Optional.of(new Leaf(walk.getFileMode(0), walk.getObjectId(0)));
    }
  }

  /** One entry of a tree being written. */
  private record Entry(byte[] name, FileMode mode, ObjectId id) {
    boolean isTree() {
      return same(mode, FileMode.TREE);
    }
  }

  /**
   * Writes {@code tree} (null: a new, empty one) with the edits, whose paths are relative to it;
   * returns the new tree's id, or null when nothing is left in a folder below the root.
   */
  private static ObjectId write(
      ObjectReader reader,
      ObjectInserter inserter,
      ObjectId tree,
      Map<String, Optional<Leaf>> edits,
      boolean root)
      throws IOException, NoPrediction {
    List<Entry> entries = new ArrayList<>();
    if (tree != null) {
      CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
      for (; !parser.eof(); parser.next()) {
        entries.add(
            new Entry(
                parser.getEntryPathString().getBytes(StandardCharsets.UTF_8),
                parser.getEntryFileMode(),
                parser.getEntryObjectId()));
      }
    }
    // The edits by their first path segment: a name here, or a folder to write in turn.
    Map<String, Map<String, Optional<Leaf>>> below = new TreeMap<>();
    Map<String, Optional<Leaf>> here = new TreeMap<>();
    for (Map.Entry<String, Optional<Leaf>> e : edits.entrySet()) {
      int slash = e.getKey().indexOf('/');
      if (slash < 0) {
        here.put(e.getKey(), e.getValue());
      } else {
        below
            .computeIfAbsent(e.getKey().substring(0, slash), k -> new TreeMap<>())
            .put(e.getKey().substring(slash + 1), e.getValue());
      }
    }
    for (Map.Entry<String, Optional<Leaf>> e : here.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      int at = find(entries, name);
      require(!below.containsKey(e.getKey()));
      if (e.getValue().isEmpty()) {
        require(at >= 0 && !entries.get(at).isTree());
        entries.remove(at);
      } else {
        require(at < 0 || !entries.get(at).isTree());
        Leaf leaf = e.getValue().get();
        Entry entry = new Entry(name, leaf.mode(), leaf.id());
        if (at >= 0) {
          entries.set(at, entry);
        } else {
          entries.add(entry);
        }
      }
    }
    for (Map.Entry<String, Map<String, Optional<Leaf>>> e : below.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      int at = find(entries, name);
      require(at < 0 || entries.get(at).isTree());
      ObjectId sub =
          write(reader, inserter, at < 0 ? null : entries.get(at).id(), e.getValue(), false);
      if (at >= 0) {
        entries.remove(at);
      }
      // git keeps no empty folders: a folder whose last file went is gone from its parent.
      if (sub != null) {
        entries.add(new Entry(name, FileMode.TREE, sub));
      }
    }
    if (entries.isEmpty() && !root) {
      return null;
    }
    entries.sort(PatchedTree::compare);
    TreeFormatter formatter = new TreeFormatter();
    for (Entry entry : entries) {
      formatter.append(entry.name(), entry.mode(), entry.id());
    }
    return formatter.computeId(inserter);
  }

  private static int find(List<Entry> entries, byte[] name) {
    for (int i = 0; i < entries.size(); i++) {
      if (Arrays.equals(entries.get(i).name(), name)) {
        return i;
      }
    }
    return -1;
  }

  /** git's order of tree entries: by name bytes, a folder's name read as if it ended in '/'. */
  static int compare(Entry a, Entry b) {
    return compareNames(a.name(), a.isTree(), b.name(), b.isTree());
  }

  static int compareNames(byte[] a, boolean aTree, byte[] b, boolean bTree) {
    int n = Math.min(a.length, b.length);
    int c = Arrays.compareUnsigned(a, 0, n, b, 0, n);
    if (c != 0) {
      return c;
    }
    int ca = a.length > n ? a[n] & 0xff : aTree ? '/' : 0;
    int cb = b.length > n ? b[n] & 0xff : bTree ? '/' : 0;
    return ca - cb;
  }
}
