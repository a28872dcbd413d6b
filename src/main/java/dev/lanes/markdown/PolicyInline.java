package dev.lanes.markdown;

/**
 * The plain text of a cell or list item as markdown shows it: code spans give their content
 * verbatim, backtick runs that close nothing stay as written, and in table cells {@code \|} is a
 * pipe.
 */
final class PolicyInline {
  private PolicyInline() {}

  static String plain(CharSequence raw, boolean cell) {
    String s = cell ? raw.toString().replace("\\|", "|") : raw.toString();
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '`') {
        out.append("\\`"); // an escaped backtick opens no code span
        i += 2;
        continue;
      }
      if (c != '`') {
        out.append(c);
        i++;
        continue;
      }
      int run = runLength(s, i);
      int close = closing(s, i + run, run);
      if (close < 0) {
        out.append(s, i, i + run);
        i += run;
        continue;
      }
      out.append(spanContent(s.substring(i + run, close)));
      i = close + run;
    }
    return out.toString();
  }

  private static int runLength(String s, int at) {
    int end = at;
    while (end < s.length() && s.charAt(end) == '`') {
      end++;
    }
    return end - at;
  }

  /** The start of the next backtick run of exactly {@code run} backticks, or -1. */
  private static int closing(String s, int from, int run) {
    int i = from;
    while (i < s.length()) {
      if (s.charAt(i) == '`') {
        int n = runLength(s, i);
        if (n == run) {
          return i;
        }
        i += n;
      } else {
        i++;
      }
    }
    return -1;
  }

  /** CommonMark: line ends become spaces, and one space is stripped from each padded end. */
  private static String spanContent(String content) {
    String c = content.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    if (c.length() >= 2 && c.startsWith(" ") && c.endsWith(" ") && !c.isBlank()) {
      return c.substring(1, c.length() - 1);
    }
    return c;
  }
}
