package dev.lanes.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lines a worker may write to its handoff file ({@code risks:}, {@code next:}, {@code
 * commands:}, {@code approval:}); anything else in the file is kept as free text. Only the first
 * {@link #MAX_BYTES} of the file are read.
 *
 * @param cutBytes how many bytes of the file after the first {@link #MAX_BYTES} were not read
 */
public record HandoffNotes(
    List<String> risks,
    List<String> next,
    List<String> commands,
    List<String> approvals,
    long cutBytes) {

  /**
   * How much of a handoff file is read: notes are a few lines, and what is read goes whole into a
   * ledger entry (a 100 MB file once took 3 GB of memory on its way there, 500 MB ran out).
   */
  public static final int MAX_BYTES = 1 << 20;

  public static HandoffNotes read(Path file) {
    List<String> risks = new ArrayList<>();
    List<String> next = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    List<String> approvals = new ArrayList<>();
    long cut = 0;
    if (!Files.isRegularFile(file)) {
      return new HandoffNotes(risks, next, commands, approvals, cut);
    }
    try {
      byte[] head;
      try (InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(MAX_BYTES);
      }
      cut = head.length < MAX_BYTES ? 0 : Math.max(0, Files.size(file) - MAX_BYTES);
      // A character the cut splits (or any malformed byte) is read as U+FFFD.
      String text = new String(head, StandardCharsets.UTF_8);
      for (String raw : text.split("\r?\n")) {
        String line = raw.strip().replaceFirst("^[-*]\\s+", "");
        int colon = line.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        if (value.startsWith("`") && value.endsWith("`") && value.length() > 1) {
          value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty()) {
          continue;
        }
        switch (key) {
          case "risks", "risk" -> risks.add(value);
          case "next" -> next.add(value);
          case "commands", "command" -> commands.add(value);
          case "approval" -> approvals.add(value);
          default -> {
            // free text: kept in the file, not in the entry
          }
        }
      }
    } catch (IOException e) {
      // An unreadable handoff file is treated as empty; the worker's exit code still decides.
    }
    return new HandoffNotes(risks, next, commands, approvals, cut);
  }

  /** The risks the worker stated, and that its file was cut when it was. */
  public List<String> risksNoted() {
    if (cutBytes == 0) {
      return risks;
    }
    List<String> all = new ArrayList<>(risks);
    all.add(
        "the handoff file was cut after its first "
            + MAX_BYTES
            + " bytes (1 MiB); the remaining "
            + cutBytes
            + " bytes were not read");
    return all;
  }

  public Optional<String> approval() {
    return approvals.isEmpty() ? Optional.empty() : Optional.of(approvals.get(0));
  }
}
