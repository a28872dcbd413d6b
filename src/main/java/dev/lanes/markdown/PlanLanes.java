package dev.lanes.markdown;

import com.vladsch.flexmark.ast.BulletList;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.ListBlock;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.util.ast.Node;
import dev.lanes.error.Problem;
import dev.lanes.plan.AcceptanceItem;
import dev.lanes.plan.Lane;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.Located;
import dev.lanes.plan.Plan;
import dev.lanes.plan.Position;
import dev.lanes.plan.Shortened;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the lanes under {@code ## Lanes}: each level-3 heading, the first bullet list after it (the
 * fields) and the rest of its text up to the next heading of level 3 or less (the context). Values
 * are taken from the original text, not from the rendered markdown, so {@code a/**} stays a glob
 * even without backticks.
 */
final class PlanLanes {
  private static final List<String> LIST_FIELDS = List.of("scope", "out-of-scope", "depends-on");
  private static final Pattern LINE_BREAK = Pattern.compile("[ \\t]*(\\r\\n|\\r|\\n)\\s*");

  private final MarkdownSource source;
  private final List<Problem> problems;

  PlanLanes(MarkdownSource source, List<Problem> problems) {
    this.source = source;
    this.problems = problems;
  }

  List<Lane> read() {
    List<MarkdownSection> sections = MarkdownSection.named(source.document(), "Lanes");
    for (MarkdownSection extra : sections.subList(Math.min(1, sections.size()), sections.size())) {
      problem(
          source.start(extra.heading()),
          "a second `## Lanes` section; put every lane under the first one (line "
              + source.position(source.start(sections.get(0).heading())).line()
              + ")");
    }
    List<Lane> lanes = new ArrayList<>();
    if (sections.isEmpty()) {
      return lanes;
    }
    List<Node> blocks = sections.get(0).blocks();
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i) instanceof Heading && ((Heading) blocks.get(i)).getLevel() == 3) {
        Heading heading = (Heading) blocks.get(i);
        List<Node> body = new ArrayList<>();
        int j = i + 1;
        while (j < blocks.size()
            && !(blocks.get(j) instanceof Heading && ((Heading) blocks.get(j)).getLevel() <= 3)) {
          body.add(blocks.get(j));
          j++;
        }
        int end =
            j < blocks.size()
                ? source.lineStart(source.start(blocks.get(j)))
                : sectionEnd(sections.get(0));
        lane(heading, body, end).ifPresent(lanes::add);
        i = j - 1;
      }
    }
    return lanes;
  }

  private int sectionEnd(MarkdownSection section) {
    Node last =
        section.blocks().isEmpty()
            ? section.heading()
            : section.blocks().get(section.blocks().size() - 1);
    Node next = last.getNext();
    return next == null ? source.text().length() : source.lineStart(source.start(next));
  }

  private Optional<Lane> lane(Heading heading, List<Node> body, int end) {
    int headingStart = source.start(heading);
    int textStart = source.offset(heading.getText().getStartOffset());
    String text = heading.getText().toString();
    int colon = text.indexOf(':');
    String id = colon < 0 ? text.trim() : text.substring(0, colon).trim();
    if (colon < 0 || (!LaneId.hasForm(id) && id.length() <= LaneId.MAX_LENGTH)) {
      problem(
          textStart,
          "lane heading `"
              + text.trim()
              + "` must read `### <id>: <objective>` with an id like L-001 (a letter, then"
              + " letters, digits, `.`, `_` or `-`)");
      return Optional.empty();
    }
    Optional<String> badId = LaneId.problem(id);
    if (badId.isPresent()) {
      String shown = Shortened.of(id, 43);
      problem(textStart, "lane id `" + shown + "` cannot be used: " + badId.get() + "; rename it");
      return Optional.empty();
    }
    Optional<BulletList> fields =
        body.stream().filter(BulletList.class::isInstance).map(BulletList.class::cast).findFirst();
    LaneFields f = new LaneFields();
    int afterHeading = source.nextLineStart(headingStart);
    String context;
    if (fields.isPresent()) {
      for (Node item = fields.get().getFirstChild(); item != null; item = item.getNext()) {
        if (item instanceof ListItem) {
          field((ListItem) item, f, id);
        }
      }
      int listStart = source.lineStart(source.start(fields.get()));
      int listEnd = source.nextLineStart(Math.max(listStart, source.end(fields.get()) - 1));
      context =
          source.text().substring(afterHeading, Math.max(afterHeading, listStart))
              + source.text().substring(Math.min(listEnd, end), end);
    } else {
      context = source.text().substring(Math.min(afterHeading, end), end);
    }
    return Optional.of(
        new Lane(
            new LaneId(id),
            text.substring(colon + 1).trim(),
            source.position(headingStart),
            f.scope,
            f.outOfScope,
            f.dependsOn,
            f.agent,
            f.tests,
            f.acceptance,
            f.other,
            trimBlankLines(context)));
  }

  /** The fields of one lane as they are read. */
  private static final class LaneFields {
    final List<Located<String>> scope = new ArrayList<>();
    final List<Located<String>> outOfScope = new ArrayList<>();
    final List<Located<String>> dependsOn = new ArrayList<>();
    Optional<Located<String>> agent = Optional.empty();
    Optional<Located<String>> tests = Optional.empty();
    final List<AcceptanceItem> acceptance = new ArrayList<>();
    final Map<String, Located<String>> other = new LinkedHashMap<>();
    final Map<String, Integer> seen = new LinkedHashMap<>();

    List<Located<String>> list(String key) {
      switch (key) {
        case "scope":
          return scope;
        case "out-of-scope":
          return outOfScope;
        default:
          return dependsOn;
      }
    }
  }

  private void field(ListItem item, LaneFields f, String laneId) {
    Node first = item.getFirstChild();
    if (!(first instanceof Paragraph)) {
      problem(source.start(item), "lane " + laneId + ": expected a field `- key: value`");
      return;
    }
    int from = source.start(first);
    int to = trimEnd(from, source.end(first));
    String raw = source.text().substring(from, to);
    int colon = raw.indexOf(':');
    if (colon <= 0) {
      problem(from, "lane " + laneId + ": expected a field `key: value`, found `" + raw + "`");
      return;
    }
    String key = raw.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    int valueFrom = from + colon + 1;
    Integer earlier = f.seen.putIfAbsent(key, source.position(from).line());
    if (earlier != null) {
      problem(
          from,
          "lane "
              + laneId
              + ": field `"
              + key
              + "` is given twice (first on line "
              + earlier
              + ")");
      return;
    }
    List<ListItem> nested = new ArrayList<>();
    for (Node child = first.getNext(); child != null; child = child.getNext()) {
      if (child instanceof ListBlock) {
        for (Node sub = child.getFirstChild(); sub != null; sub = sub.getNext()) {
          if (sub instanceof ListItem) {
            nested.add((ListItem) sub);
          }
        }
      }
    }
    if (LIST_FIELDS.contains(key)) {
      List<Located<String>> into = f.list(key);
      into.addAll(items(valueFrom, to));
      for (ListItem sub : nested) {
        Node p = sub.getFirstChild();
        if (p instanceof Paragraph) {
          into.addAll(items(source.start(p), trimEnd(source.start(p), source.end(p))));
        }
      }
    } else if (key.equals("acceptance")) {
      if (!single(valueFrom, to).value().isEmpty()) {
        f.acceptance.add(task(valueFrom, to));
      }
      for (ListItem sub : nested) {
        Node p = sub.getFirstChild();
        if (p instanceof Paragraph) {
          f.acceptance.add(task(source.start(p), trimEnd(source.start(p), source.end(p))));
        }
      }
    } else {
      Located<String> value = single(valueFrom, to);
      if (key.equals("agent")) {
        f.agent = Optional.of(value).filter(v -> !v.value().isEmpty());
      } else if (key.equals("tests")) {
        f.tests = Optional.of(value).filter(v -> !v.value().isEmpty());
      } else {
        f.other.put(key, value);
      }
    }
  }

  /** The comma-separated items between two offsets, each without blanks and backticks. */
  private List<Located<String>> items(int from, int to) {
    List<Located<String>> items = new ArrayList<>();
    int pieceStart = from;
    for (int i = from; i <= to; i++) {
      if (i == to || source.text().charAt(i) == ',') {
        Located<String> item = single(pieceStart, i);
        if (!item.value().isEmpty()) {
          items.add(item);
        }
        pieceStart = i + 1;
      }
    }
    return items;
  }

  /** The value between two offsets without outer blanks and backticks; lines joined by a space. */
  private Located<String> single(int from, int to) {
    String text = source.text();
    int s = from;
    int e = to;
    while (s < e && (Character.isWhitespace(text.charAt(s)) || text.charAt(s) == '`')) {
      s++;
    }
    while (e > s && (Character.isWhitespace(text.charAt(e - 1)) || text.charAt(e - 1) == '`')) {
      e--;
    }
    String value = text.substring(s, e);
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      // Only a value that spans lines needs it; a pattern compiled for every field of every lane
      // was a visible part of reading a plan of thousands of lanes.
      value = LINE_BREAK.matcher(value).replaceAll(" ");
    }
    return new Located<>(value, source.position(s));
  }

  /** An acceptance item: {@code [ ] text}, {@code [x] text} or plain text (not yet done). */
  private AcceptanceItem task(int from, int to) {
    Located<String> whole = single(from, to);
    String v = whole.value();
    if (v.length() >= 3 && v.charAt(0) == '[' && v.charAt(2) == ']') {
      char mark = v.charAt(1);
      if (mark == ' ' || mark == 'x' || mark == 'X') {
        return new AcceptanceItem(v.substring(3).trim(), mark != ' ', whole.position());
      }
    }
    return new AcceptanceItem(v, false, whole.position());
  }

  private int trimEnd(int from, int to) {
    int e = to;
    while (e > from && Character.isWhitespace(source.text().charAt(e - 1))) {
      e--;
    }
    return e;
  }

  /** Drops whole blank lines at the start and the end, and the last line's terminator. */
  static String trimBlankLines(String text) {
    int s = 0;
    while (true) {
      int lineEnd = s;
      while (lineEnd < text.length()
          && text.charAt(lineEnd) != '\n'
          && text.charAt(lineEnd) != '\r') {
        lineEnd++;
      }
      if (lineEnd == text.length() || !text.substring(s, lineEnd).isBlank()) {
        break;
      }
      s = lineEnd + (text.startsWith("\r\n", lineEnd) ? 2 : 1);
    }
    int e = text.length();
    while (e > s) {
      int lineStart = e;
      while (lineStart > s
          && text.charAt(lineStart - 1) != '\n'
          && text.charAt(lineStart - 1) != '\r') {
        lineStart--;
      }
      if (!text.substring(lineStart, e).isBlank()) {
        break;
      }
      e = lineStart;
      if (e > s && text.charAt(e - 1) == '\n') {
        e--;
      }
      if (e > s && text.charAt(e - 1) == '\r') {
        e--;
      }
    }
    return text.substring(s, e);
  }

  private void problem(int offset, String message) {
    Position at = source.position(offset);
    problems.add(new Problem(Plan.FILE, at.line(), at.column(), message));
  }
}
