package dev.lanes.dispatch;

import java.util.Map;

/** Fills {@code {placeholder}} words into shell command templates, each value shell-quoted. */
public final class ShellWords {
  private ShellWords() {}

  /** Quotes one word for {@code sh}: single quotes, with embedded single quotes escaped. */
  public static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:@%+=,-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** Replaces each {@code {name}} of {@code values} in the template by its quoted value. */
  public static String fill(String template, Map<String, String> values) {
    String result = template;
    for (Map.Entry<String, String> e : values.entrySet()) {
      result = result.replace("{" + e.getKey() + "}", quote(e.getValue()));
    }
    return result;
  }
}
