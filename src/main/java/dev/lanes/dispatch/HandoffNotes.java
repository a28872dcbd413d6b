package dev.lanes.dispatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lines a worker may write to its handoff file ({@code risks:}, {@code next:}, {@code
 * commands:}, {@code approval:}); anything else in the file is kept as free text.
 */
public record HandoffNotes(
    List<String> risks, List<String> next, List<String> commands, List<String> approvals) {

  public static HandoffNotes read(Path file) {
    List<String> risks = new ArrayList<>();
    List<String> next = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    List<String> approvals = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return new HandoffNotes(risks, next, commands, approvals);
    }
    try {
      for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
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
    return new HandoffNotes(risks, next, commands, approvals);
  }

  public Optional<String> approval() {
    return approvals.isEmpty() ? Optional.empty() : Optional.of(approvals.get(0));
  }
}
