package dev.lanes.port;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A lane's work as one patch: the base it applies to, the commit on the lane branch that holds it,
 * the bytes of {@code git diff --binary --full-index -M base commit}, and the files it touches. An
 * empty patch has no files, no bytes, and the base as its commit.
 */
public record CapturedPatch(
    String baseCommit, String commitId, byte[] patch, List<ChangedFile> files) {

  public CapturedPatch {
    Objects.requireNonNull(baseCommit, "baseCommit");
    Objects.requireNonNull(commitId, "commitId");
    patch = patch.clone();
    files = List.copyOf(files);
  }

  /** The patch bytes (a copy; the record stays immutable). */
  @Override
  public byte[] patch() {
    return patch.clone();
  }

  /** Whether the worker changed nothing. */
  public boolean isEmpty() {
    return patch.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CapturedPatch c
        && c.baseCommit.equals(baseCommit)
        && c.commitId.equals(commitId)
        && Arrays.equals(c.patch, patch)
        && c.files.equals(files);
  }

  @Override
  public int hashCode() {
    return Objects.hash(baseCommit, commitId, Arrays.hashCode(patch), files);
  }

  @Override
  public String toString() {
    return "CapturedPatch[base="
        + baseCommit
        + ", commit="
        + commitId
        + ", "
        + patch.length
        + " bytes, files="
        + files
        + "]";
  }
}
