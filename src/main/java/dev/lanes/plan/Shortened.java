package dev.lanes.plan;

/**
 * The one rule for text cut to fit (a Board cell, a terminal line): at most {@code max} characters,
 * and when cut, the last three are {@code ...} so a reader sees that something is missing.
 */
public final class Shortened {
  private Shortened() {}

  public static String of(String text, int max) {
    return text.length() <= max ? text : text.substring(0, Math.max(0, max - 3)) + "...";
  }
}
