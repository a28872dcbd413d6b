package dev.lanes.integrate;

import dev.lanes.gates.LadderResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A lane committed on the staging branch: the checked bytes of its patch (what a bisection applies
 * again), its commit, the files it touched, the patch gates it passed, and the wave gates and notes
 * (flaky gates) gathered since.
 */
record Landed(
    QueueItem item,
    byte[] patch,
    String commit,
    List<String> files,
    LadderResult patchGates,
    List<String> notes) {

  Landed {
    files = List.copyOf(files);
    notes = List.copyOf(notes);
  }

  Landed plus(List<String> more) {
    List<String> all = new ArrayList<>(notes);
    all.addAll(more);
    return new Landed(item, patch, commit, files, patchGates, all);
  }
}
