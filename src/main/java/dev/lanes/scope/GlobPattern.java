package dev.lanes.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed glob: its normalised text, its segments and its literal prefix.
 *
 * <p>The segment list is the semantic form {@link GlobCompiler} turns into an automaton: a trailing
 * {@code **} and a trailing {@code /} both become a final {@code *} segment, because with the
 * prefix rule "a match covers everything under it" the three forms {@code a/**}, {@code a/} and
 * {@code a/*} mean the same set of paths. A {@link AnySegments} therefore only appears before
 * another segment and means zero or more segments.
 */
record GlobPattern(String text, List<Segment> segments, String literalPrefix) {

  /** One segment of a glob. */
  sealed interface Segment permits AnySegments, SegmentPattern {}

  /** The {@code **} segment: zero or more whole path segments. */
  record AnySegments() implements Segment {}

  /** A segment made of tokens; {@code literal} is set when it has no wildcard at all. */
  record SegmentPattern(List<Token> tokens, Optional<String> literal) implements Segment {}

  /** One token of a segment pattern. */
  sealed interface Token permits Literal, AnyChar, Star, CharClass {}

  /** A literal character. */
  record Literal(char c) implements Token {}

  /** {@code ?}: any one character but {@code /}. */
  record AnyChar() implements Token {}

  /** {@code *}: any run of characters but {@code /}. */
  record Star() implements Token {}

  /** A character class; {@code ranges} holds inclusive low/high pairs. Never matches {@code /}. */
  record CharClass(List<Character> ranges, boolean negated) implements Token {}

  /** Parses {@code raw}; throws IllegalArgumentException with a user-facing message. */
  static GlobPattern parse(String raw) {
    return new Parser(raw).parse();
  }

  private static final class Parser {
    private final String raw;

    Parser(String raw) {
      this.raw = raw;
    }

    private static IllegalArgumentException bad(String glob, String why) {
      return new IllegalArgumentException("bad glob `" + glob + "`: " + why);
    }

    GlobPattern parse() {
      if (raw == null || raw.isBlank()) {
        throw bad(raw == null ? "" : raw, "it is empty");
      }
      if (raw.startsWith("/")) {
        throw bad(raw, "it is an absolute path; write it relative to the repository root");
      }
      if (raw.length() >= 2
          && raw.charAt(1) == ':'
          && Character.isLetter(raw.charAt(0))
          && (raw.length() == 2 || raw.charAt(2) == '/' || raw.charAt(2) == '\\')) {
        throw bad(raw, "it is an absolute path; write it relative to the repository root");
      }
      List<String> rawSegments = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '\\') {
          if (i + 1 == raw.length()) {
            throw bad(raw, "it ends with a lone backslash");
          }
          char next = raw.charAt(i + 1);
          if (next == '/') {
            throw bad(raw, "'/' cannot be escaped: it always separates folders");
          }
          current.append(c).append(next);
          i++;
        } else if (c == '/') {
          rawSegments.add(current.toString());
          current.setLength(0);
        } else {
          current.append(c);
        }
      }
      rawSegments.add(current.toString());
      boolean under = raw.endsWith("/") && !raw.endsWith("\\/");

      List<String> kept = new ArrayList<>();
      List<Segment> segments = new ArrayList<>();
      for (String s : rawSegments) {
        if (s.isEmpty() || s.equals(".")) {
          continue;
        }
        if (s.equals("..")) {
          throw bad(raw, "'..' leaves the repository");
        }
        if (s.equals("**")) {
          if (!kept.isEmpty() && kept.get(kept.size() - 1).equals("**")) {
            continue;
          }
          kept.add(s);
          segments.add(new AnySegments());
          continue;
        }
        SegmentPattern pattern = segment(s);
        if (pattern.literal().filter(l -> l.equals(".")).isPresent()) {
          continue;
        }
        if (pattern.literal().filter(l -> l.equals("..")).isPresent()) {
          throw bad(raw, "'..' leaves the repository");
        }
        kept.add(render(pattern));
        segments.add(pattern);
      }
      if (segments.isEmpty()) {
        throw bad(raw, "it names the repository root; write `**` for everything");
      }
      String text = String.join("/", kept) + (under ? "/" : "");
      SegmentPattern anyName = new SegmentPattern(List.of(new Star()), Optional.empty());
      if (under) {
        // `a/**/` is `a/**` plus one more name: at least one segment under a, as is `a/**`.
        segments.add(anyName);
      } else if (segments.get(segments.size() - 1) instanceof AnySegments) {
        segments.set(segments.size() - 1, anyName);
      }
      return new GlobPattern(text, List.copyOf(segments), prefix(segments));
    }

    private static String prefix(List<Segment> segments) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < segments.size(); i++) {
        if (!(segments.get(i) instanceof SegmentPattern pattern)) {
          break;
        }
        if (pattern.literal().isPresent()) {
          out.append(pattern.literal().get());
          if (i + 1 < segments.size()) {
            out.append('/');
          }
          continue;
        }
        for (Token token : pattern.tokens()) {
          if (!(token instanceof Literal literal)) {
            break;
          }
          out.append(literal.c());
        }
        break;
      }
      return out.toString();
    }

    /** Writes a segment back in canonical form: star runs collapsed, needless escapes gone. */
    private static String render(SegmentPattern pattern) {
      StringBuilder out = new StringBuilder();
      for (Token token : pattern.tokens()) {
        if (token instanceof Literal l) {
          if ("*?[\\".indexOf(l.c()) >= 0) {
            out.append('\\');
          }
          out.append(l.c());
        } else if (token instanceof AnyChar) {
          out.append('?');
        } else if (token instanceof Star) {
          out.append('*');
        } else if (token instanceof CharClass cc) {
          out.append(cc.negated() ? "[!" : "[");
          for (int k = 0; k < cc.ranges().size(); k += 2) {
            appendClassChar(out, cc.ranges().get(k));
            if (!cc.ranges().get(k).equals(cc.ranges().get(k + 1))) {
              out.append('-');
              appendClassChar(out, cc.ranges().get(k + 1));
            }
          }
          out.append(']');
        }
      }
      return out.toString();
    }

    private static void appendClassChar(StringBuilder out, char c) {
      if ("]\\-!^".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }

    private SegmentPattern segment(String s) {
      List<Token> tokens = new ArrayList<>();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '\\' -> tokens.add(new Literal(s.charAt(++i)));
          case '?' -> tokens.add(new AnyChar());
          case '*' -> {
            if (tokens.isEmpty() || !(tokens.get(tokens.size() - 1) instanceof Star)) {
              tokens.add(new Star());
            }
          }
          case '[' -> i = charClass(s, i, tokens);
          default -> tokens.add(new Literal(c));
        }
      }
      StringBuilder literal = new StringBuilder();
      for (Token token : tokens) {
        if (!(token instanceof Literal l)) {
          return new SegmentPattern(List.copyOf(tokens), Optional.empty());
        }
        literal.append(l.c());
      }
      return new SegmentPattern(List.copyOf(tokens), Optional.of(literal.toString()));
    }

    /** Parses the class opening at {@code open}; returns the index of its closing bracket. */
    private int charClass(String s, int open, List<Token> tokens) {
      int i = open + 1;
      boolean negated = false;
      if (i < s.length() && (s.charAt(i) == '!' || s.charAt(i) == '^')) {
        negated = true;
        i++;
      }
      List<Character> ranges = new ArrayList<>();
      boolean first = true;
      while (true) {
        if (i >= s.length()) {
          throw bad(raw, "'[' at `" + s + "` is never closed; write `\\[` for a bracket");
        }
        char c = s.charAt(i);
        if (c == ']' && !first) {
          break;
        }
        first = false;
        if (c == '\\') {
          if (i + 1 >= s.length()) {
            throw bad(raw, "'[' at `" + s + "` is never closed");
          }
          c = s.charAt(++i);
        }
        char high = c;
        if (i + 2 < s.length() && s.charAt(i + 1) == '-' && s.charAt(i + 2) != ']') {
          i += 2;
          high = s.charAt(i);
          if (high == '\\') {
            if (i + 1 >= s.length()) {
              throw bad(raw, "'[' at `" + s + "` is never closed");
            }
            high = s.charAt(++i);
          }
          if (high < c) {
            throw bad(raw, "the range " + c + "-" + high + " in `" + s + "` is backwards");
          }
        }
        ranges.add(c);
        ranges.add(high);
        i++;
      }
      tokens.add(new CharClass(List.copyOf(ranges), negated));
      return i;
    }
  }
}
