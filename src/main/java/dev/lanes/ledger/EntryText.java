package dev.lanes.ledger;

import dev.lanes.plan.LaneId;
import dev.lanes.plan.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An entry's markdown split back into its title, its top {@code - Key: value} items and its level-2
 * sections; the inverse of {@link EntryMarkdown} for the parts a resume needs.
 */
final class EntryText {
  private static final Pattern TITLE =
      Pattern.compile("# ([A-Z][a-z]+): (\\S+)(?: attempt (\\d{1,9}))?");
  private static final Pattern ITEM = Pattern.compile("- ([^:]+): (.*)");
  private static final Pattern FENCE = Pattern.compile("`{3,}");

  private final Optional<LedgerEntry.Kind> kind;
  private final Optional<LaneId> lane;
  private final OptionalInt attempt;
  private final Map<String, String> items = new LinkedHashMap<>();
  private final Map<String, String> sections = new LinkedHashMap<>();

  private EntryText(List<String> lines) {
    Optional<LedgerEntry.Kind> k = Optional.empty();
    Optional<LaneId> l = Optional.empty();
    OptionalInt a = OptionalInt.empty();
    Matcher title = lines.isEmpty() ? null : TITLE.matcher(lines.get(0));
    if (title != null && title.matches()) {
      for (LedgerEntry.Kind candidate : LedgerEntry.Kind.values()) {
        if (candidate.title().equals(title.group(1))) {
          k = Optional.of(candidate);
        }
      }
      l = LaneId.isValid(title.group(2)) ? Optional.of(new LaneId(title.group(2))) : l;
      a = title.group(3) == null ? a : OptionalInt.of(Integer.parseInt(title.group(3)));
    }
    kind = k;
    lane = l;
    attempt = a;
    String heading = null;
    List<String> body = new ArrayList<>();
    String fence = null;
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      if (fence != null) {
        fence = line.equals(fence) ? null : fence;
      } else if (FENCE.matcher(line).matches()) {
        fence = line;
      } else if (line.startsWith("## ")) {
        close(heading, body);
        heading = line.substring(3).strip();
        body = new ArrayList<>();
        continue;
      } else if (heading == null) {
        Matcher item = ITEM.matcher(line);
        if (item.matches()) {
          items.putIfAbsent(item.group(1), item.group(2));
        }
      }
      body.add(line);
    }
    close(heading, body);
  }

  static EntryText parse(String markdown) {
    return new EntryText(List.of(EntryMarkdown.lf(markdown).split("\n", -1)));
  }

  private void close(String heading, List<String> body) {
    if (heading == null) {
      return;
    }
    int from = 0;
    int to = body.size();
    while (from < to && body.get(from).isEmpty()) {
      from++;
    }
    while (to > from && body.get(to - 1).isEmpty()) {
      to--;
    }
    sections.putIfAbsent(heading, String.join("\n", body.subList(from, to)));
  }

  Optional<LedgerEntry.Kind> kind() {
    return kind;
  }

  Optional<LaneId> lane() {
    return lane;
  }

  OptionalInt attempt() {
    return attempt;
  }

  Optional<String> item(String key) {
    return Optional.ofNullable(items.get(key));
  }

  /**
   * The value of a {@code - Key: value} line in a section written with {@link EntryMarkdown#raw}.
   */
  Optional<String> item(String heading, String key) {
    String prefix = "- " + key + ": ";
    return sections
        .getOrDefault(heading, "")
        .lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()).strip())
        .findFirst();
  }

  Optional<Instant> at() {
    return item("At").flatMap(t -> Times.parse(t, LocalDate.EPOCH));
  }

  /** A section written with {@link EntryMarkdown#text}, unescaped; empty when absent. */
  String text(String heading) {
    return EntryMarkdown.unescape(sections.getOrDefault(heading, ""));
  }

  /** A section holding one code span or {@code none}. */
  Optional<String> code(String heading) {
    String body = sections.getOrDefault(heading, "");
    return body.isEmpty() || body.equals(EntryMarkdown.NONE)
        ? Optional.empty()
        : Optional.of(EntryMarkdown.uncode(body));
  }

  /** A section holding one fenced block; its content, empty when absent. */
  String fenced(String heading) {
    String body = sections.getOrDefault(heading, "");
    int first = body.indexOf('\n');
    int last = body.lastIndexOf('\n');
    if (first < 0 || first == last) {
      return "";
    }
    return body.substring(first + 1, last);
  }
}
