package dev.lanes.markdown;

import dev.lanes.plan.Position;
import java.util.Arrays;

/** Turns offsets into 1-based lines and columns; CRLF, LF and a lone CR each end one line. */
final class PolicyLines {
  private final int[] starts;

  PolicyLines(String text) {
    int[] found = new int[16];
    int count = 0;
    found[count++] = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        continue; // the LF that follows ends this line
      }
      if (c == '\n' || c == '\r') {
        if (count == found.length) {
          found = Arrays.copyOf(found, count * 2);
        }
        found[count++] = i + 1;
      }
    }
    starts = Arrays.copyOf(found, count);
  }

  Position at(int offset) {
    int i = Arrays.binarySearch(starts, Math.max(0, offset));
    int line = i >= 0 ? i : -i - 2;
    return new Position(line + 1, offset - starts[line] + 1);
  }
}
