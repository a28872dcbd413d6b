package dev.lanes.cli;

/** A count with its noun, singular or plural: {@code 1 lane}, {@code 3 lanes}. */
final class Counted {
  private Counted() {}

  static String of(int count, String noun) {
    return count + " " + (count == 1 ? noun : noun + "s");
  }
}
