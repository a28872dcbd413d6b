package dev.lanes.ledger;

import dev.lanes.plan.Times;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an entry's markdown: a title, {@code - Key: value} items and level-2 sections, and holds
 * the normalisations and escapes that make reading an entry back ({@link EntryText}) exact.
 */
final class EntryMarkdown {
  /** A line that markdown (or {@link EntryText}) would read as a heading or a code fence. */
  private static final Pattern ESCAPE = Pattern.compile("^( {0,3})(\\\\*(?:#|```|~~~).*)$");

  private static final Pattern UNESCAPE = Pattern.compile("^( {0,3})\\\\(\\\\*(?:#|```|~~~).*)$");
  static final String NONE = "none";

  private final StringBuilder out = new StringBuilder();

  EntryMarkdown(String title) {
    out.append("# ").append(title).append("\n\n");
  }

  EntryMarkdown item(String key, String value) {
    out.append("- ").append(key).append(": ").append(value).append('\n');
    return this;
  }

  /** A section whose body is already markdown (a list, a code span, a fenced block). */
  EntryMarkdown raw(String heading, String body) {
    if (!out.toString().endsWith("\n\n")) {
      out.append('\n');
    }
    out.append("## ").append(heading).append("\n\n");
    if (!body.isEmpty()) {
      out.append(body).append("\n\n");
    }
    return this;
  }

  /**
   * A section whose body is the person's or worker's text, escaped so it cannot end the section.
   */
  EntryMarkdown text(String heading, String body) {
    return raw(heading, escape(body));
  }

  String render() {
    return out.toString().stripTrailing() + "\n";
  }

  // ---- normalisation, done in the records' constructors so a read-back entry is equal.

  /** LF line endings, no blank lines or spaces at either end. */
  static String block(String text) {
    return lf(text).strip();
  }

  /** LF line endings, nothing trailing; leading indentation kept (for command output). */
  static String tail(String text) {
    String t = lf(text).stripTrailing();
    while (t.startsWith("\n")) {
      t = t.substring(1);
    }
    return t;
  }

  /** One line: line breaks become spaces, outer blanks removed. */
  static String line(String text) {
    return text.replaceAll("[\\r\\n]+", " ").strip();
  }

  static String lf(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  static Instant minute(Instant at) {
    return at.truncatedTo(ChronoUnit.MINUTES);
  }

  static String time(Instant at) {
    return Times.format(at);
  }

  // ---- escapes

  static String escape(String block) {
    StringBuilder b = new StringBuilder();
    for (String l : block.split("\n", -1)) {
      Matcher m = ESCAPE.matcher(l);
      b.append(m.matches() ? m.group(1) + "\\" + m.group(2) : l).append('\n');
    }
    return b.substring(0, b.length() - 1);
  }

  static String unescape(String block) {
    StringBuilder b = new StringBuilder();
    for (String l : block.split("\n", -1)) {
      Matcher m = UNESCAPE.matcher(l);
      b.append(m.matches() ? m.group(1) + m.group(2) : l).append('\n');
    }
    return b.substring(0, b.length() - 1);
  }

  /** A code span that shows {@code text} verbatim; {@code none} for empty text. */
  static String code(String text) {
    if (text.isEmpty()) {
      return NONE;
    }
    String ticks = "`".repeat(longestRun(text, '`') + 1);
    boolean pad =
        text.startsWith("`")
            || text.endsWith("`")
            || (text.startsWith(" ") && text.endsWith(" ") && !text.isBlank());
    String p = pad ? " " : "";
    return ticks + p + text + p + ticks;
  }

  static String code(Optional<String> text) {
    return text.map(EntryMarkdown::code).orElse(NONE);
  }

  /** Reads back {@link #code}: empty for {@code none}; anything else not a code span as is. */
  static String uncode(String value) {
    int n = 0;
    while (n < value.length() && value.charAt(n) == '`') {
      n++;
    }
    if (n == 0 || value.length() < 2 * n || !value.endsWith("`".repeat(n))) {
      return value.equals(NONE) ? "" : value;
    }
    String inner = value.substring(n, value.length() - n);
    if (inner.length() >= 2 && inner.startsWith(" ") && inner.endsWith(" ") && !inner.isBlank()) {
      inner = inner.substring(1, inner.length() - 1);
    }
    return inner;
  }

  /** A fenced code block around {@code text}, its fence longer than any backtick run inside. */
  static String fenced(String text) {
    if (text.isEmpty()) {
      return "";
    }
    String fence = "`".repeat(Math.max(3, longestRun(text, '`') + 1));
    return fence + "\n" + text + "\n" + fence;
  }

  static String bullets(java.util.List<String> items) {
    return items.isEmpty() ? NONE : "- " + String.join("\n- ", items);
  }

  private static int longestRun(String text, char c) {
    int best = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == c ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  }
}
