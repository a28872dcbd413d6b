package dev.lanes.store;

import dev.lanes.io.TempFiles;
import dev.lanes.ledger.LedgerEntry;
import dev.lanes.ledger.PatchDigest;
import dev.lanes.plan.LaneId;
import dev.lanes.store.LedgerFolder.Rendered;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The ledger entries of a store write that also rewrites PLAN.md, kept in {@code
 * .lanes/state/journal} from just before PLAN.md is replaced until the entries are in {@code
 * ledger/}. A lanes process killed between the two leaves the journal behind, and the next write
 * (under the same writer lock) finishes the job: when PLAN.md is no longer byte for byte what it
 * was before that write, the write landed and the entries not yet in the ledger are appended; when
 * it is unchanged, the write never happened and the journal is dropped.
 *
 * <p>Format: {@code lanes-journal 1}, {@code before <sha-256 of PLAN.md before the write>}, then
 * per entry {@code entry <lane> <kind> <length>} followed by that many bytes and a newline.
 */
final class Journal {
  static final String FILE = "journal";
  private static final String HEADER = "lanes-journal 1";

  private final Path state;

  Journal(Path state) {
    this.state = state;
  }

  /** What a journal holds: the hash of PLAN.md before the write, and its entries. */
  record Pending(String planBefore, List<Rendered> entries) {}

  /** Writes the journal whole and durably (a new file moved into place) before PLAN.md changes. */
  void begin(byte[] planBefore, List<Rendered> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        (HEADER + "\nbefore " + PatchDigest.sha256(planBefore) + "\n")
            .getBytes(StandardCharsets.UTF_8));
    for (Rendered e : entries) {
      out.writeBytes(
          ("entry " + e.lane().value() + " " + e.kind().word() + " " + e.bytes().length + "\n")
              .getBytes(StandardCharsets.UTF_8));
      out.writeBytes(e.bytes());
      out.write('\n');
    }
    Path temp = TempFiles.create(state, "journal.", ".tmp");
    try {
      Durably.write(temp, out.toByteArray());
      Files.move(
          temp,
          state.resolve(FILE),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      Durably.forceDirectory(state);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The journal left by a write that did not finish; empty when there is none. */
  Optional<Pending> read() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(state.resolve(FILE));
    } catch (NoSuchFileException none) {
      return Optional.empty();
    }
    int[] at = {0};
    if (!HEADER.equals(line(bytes, at))) {
      throw new IOException("not a lanes journal: " + state.resolve(FILE));
    }
    String before = line(bytes, at);
    if (!before.startsWith("before ")) {
      throw new IOException("a journal without its PLAN.md hash: " + state.resolve(FILE));
    }
    List<Rendered> entries = new ArrayList<>();
    while (at[0] < bytes.length) {
      String[] head = line(bytes, at).split(" ");
      if (head.length != 4 || !head[0].equals("entry")) {
        throw new IOException("a damaged journal entry in " + state.resolve(FILE));
      }
      // A journal from an older lanes may name an id today's rules refuse: it cannot be replayed.
      if (!LaneId.isValid(head[1])) {
        throw new IOException(
            "an entry of lane `"
                + head[1]
                + "`, which is not a usable lane id: "
                + problem(head[1]));
      }
      if (!head[3].matches("[0-9]{1,9}")) {
        throw new IOException("a damaged journal entry in " + state.resolve(FILE));
      }
      int length = Integer.parseInt(head[3]);
      if (length < 0 || length >= bytes.length - at[0]) {
        throw new IOException("a journal entry cut short in " + state.resolve(FILE));
      }
      byte[] text = Arrays.copyOfRange(bytes, at[0], at[0] + length);
      at[0] += length + 1;
      entries.add(new Rendered(new LaneId(head[1]), kind(head[2]), text));
    }
    return Optional.of(new Pending(before.substring("before ".length()), entries));
  }

  private static String problem(String id) {
    return LaneId.problem(id).orElse("");
  }

  /** Ends the journal: its entries are in the ledger, or its write never happened. */
  void end() throws IOException {
    Files.deleteIfExists(state.resolve(FILE));
  }

  private static String line(byte[] bytes, int[] at) throws IOException {
    int start = at[0];
    int end = start;
    while (end < bytes.length && bytes[end] != '\n') {
      end++;
    }
    if (end >= bytes.length) {
      throw new IOException("a journal cut short");
    }
    at[0] = end + 1;
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  private static LedgerEntry.Kind kind(String word) throws IOException {
    for (LedgerEntry.Kind k : LedgerEntry.Kind.values()) {
      if (k.word().equals(word)) {
        return k;
      }
    }
    throw new IOException("an unknown entry kind in the journal: " + word);
  }
}
