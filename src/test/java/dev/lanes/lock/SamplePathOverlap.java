package dev.lanes.lock;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A brute-force scope overlap for tests, independent of the real glob engine: two scopes overlap
 * when some path of a small fixed tree is in both ({@code **} any characters, {@code *} and {@code
 * ?} within one directory; {@code !} entries exclude).
 */
final class SamplePathOverlap implements ScopeOverlap {
  static final List<String> PATHS =
      List.of(
          "README.md",
          "docs/guide.md",
          "src/Main.java",
          "src/api/Api.java",
          "src/api/gen/Gen.java",
          "src/web/App.java",
          "src/legacy/Old.java",
          "test/ApiTest.java");

  @Override
  public boolean overlaps(String scopeA, String scopeB) {
    return PATHS.stream().anyMatch(p -> inScope(scopeA, p) && inScope(scopeB, p));
  }

  static boolean inScope(String scope, String path) {
    List<String> entries =
        Arrays.stream(scope.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    boolean included =
        entries.stream()
            .filter(e -> !e.startsWith("!"))
            .anyMatch(e -> glob(e).matcher(path).matches());
    boolean excluded =
        entries.stream()
            .filter(e -> e.startsWith("!"))
            .anyMatch(e -> glob(e.substring(1).trim()).matcher(path).matches());
    return included && !excluded;
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
