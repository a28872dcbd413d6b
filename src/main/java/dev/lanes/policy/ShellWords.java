package dev.lanes.policy;

import java.util.Map;

/**
 * Fills {@code {placeholder}} words into the command templates of the gates and agents tables, each
 * value shell-quoted for {@code sh}, so that spaces and quotes in paths stay one word.
 */
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
