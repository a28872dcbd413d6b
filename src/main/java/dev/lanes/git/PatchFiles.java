package dev.lanes.git;

import dev.lanes.port.ChangedFile;
import dev.lanes.port.ChangedFile.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.Patch;

/**
 * The files a git patch touches, read from its own headers rather than asked of git again: the
 * patch lanes keeps is {@code git diff --binary --full-index -M}, whose headers carry exactly what
 * {@code git diff --raw -M} of the same two commits reports, in the same order. JGit's patch parser
 * reads them, quoted paths included; a patch it cannot read gives empty, and the caller asks git.
 */
public final class PatchFiles {
  private PatchFiles() {}

  /**
   * The changed files, as {@link PatchCapture#filesBetween} would list them; empty if unreadable.
   */
  public static Optional<List<ChangedFile>> of(byte[] patch) {
    Patch parsed = new Patch();
    try {
      // From the array itself: the stream form buffers it again, in blocks sized for 2 GB.
      parsed.parse(patch, 0, patch.length);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (!parsed.getErrors().isEmpty()) {
      return Optional.empty();
    }
    // git writes a file that changed type as its deletion followed by its addition: one change.
    Map<String, ChangedFile> byPath = new LinkedHashMap<>();
    List<ChangedFile> files = new ArrayList<>();
    for (FileHeader header : parsed.getFiles()) {
      ChangedFile file;
      switch (header.getChangeType()) {
        case ADD -> file = new ChangedFile(header.getNewPath(), Optional.empty(), Kind.ADDED);
        case COPY -> file = new ChangedFile(header.getNewPath(), Optional.empty(), Kind.ADDED);
        case DELETE -> file = new ChangedFile(header.getOldPath(), Optional.empty(), Kind.DELETED);
        case RENAME ->
            file =
                new ChangedFile(
                    header.getNewPath(), Optional.of(header.getOldPath()), Kind.RENAMED);
        default -> {
          boolean sameContent = same(header.getOldId(), header.getNewId());
          boolean modeOnly = sameContent && !header.getOldMode().equals(header.getNewMode());
          file =
              new ChangedFile(
                  header.getNewPath(),
                  Optional.empty(),
                  modeOnly ? Kind.MODE_CHANGED : Kind.MODIFIED);
        }
      }
      ChangedFile earlier = byPath.get(file.path());
      if (earlier != null
          && earlier.kind() == Kind.DELETED
          && file.kind() == Kind.ADDED
          && file.oldPath().isEmpty()) {
        ChangedFile typeChange = new ChangedFile(file.path(), Optional.empty(), Kind.TYPE_CHANGED);
        files.set(files.indexOf(earlier), typeChange);
        byPath.put(file.path(), typeChange);
        continue;
      }
      byPath.put(file.path(), file);
      files.add(file);
    }
    return Optional.of(List.copyOf(files));
  }

  /** Every path the patch touches (both sides of a rename), sorted as git sorts paths. */
  public static Optional<List<String>> touchedPaths(byte[] patch) {
    return of(patch)
        .map(
            files ->
                files.stream()
                    .flatMap(f -> f.touchedPaths().stream())
                    .distinct()
                    .sorted(PatchFiles::compareAsGit)
                    .toList());
  }

  // git orders paths by their bytes; String.compareTo orders by UTF-16 units, which differs only
  // for characters beyond the Basic Multilingual Plane.
  private static int compareAsGit(String a, String b) {
    return java.util.Arrays.compareUnsigned(
        a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static boolean same(AbbreviatedObjectId a, AbbreviatedObjectId b) {
    // A change of mode alone has no index line: no ids, the same content.
    if (a == null || b == null) {
      return a == null && b == null;
    }
    return a.equals(b);
  }
}
