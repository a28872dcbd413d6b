package dev.lanes.plan;

/** A 1-based line and column in a file the user wrote. */
public record Position(int line, int column) {
  public static final Position START = new Position(1, 1);

  public Position {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column);
    }
  }
}
