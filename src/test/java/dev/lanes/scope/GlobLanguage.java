package dev.lanes.scope;

import dev.lanes.scope.GlobPattern.AnyChar;
import dev.lanes.scope.GlobPattern.AnySegments;
import dev.lanes.scope.GlobPattern.CharClass;
import dev.lanes.scope.GlobPattern.Literal;
import dev.lanes.scope.GlobPattern.Segment;
import dev.lanes.scope.GlobPattern.SegmentPattern;
import dev.lanes.scope.GlobPattern.Star;
import dev.lanes.scope.GlobPattern.Token;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import java.util.ArrayList;
import java.util.List;

/**
 * Test oracle: builds the regular language of a glob as a minimal dk.brics automaton over UTF-16
 * chars, independently of the DFA engine in src/main.
 *
 * <p>Every language built here is a subset of {@link #VALID_PATHS}: '/'-separated, no empty
 * segment, no {@code .} or {@code ..} segment, no leading or trailing '/'. That keeps shortest
 * examples real paths and makes the languages agree with {@link Glob#matches} on paths git can
 * track.
 */
final class GlobLanguage {
  private static final Automaton NOT_SLASH =
      BasicAutomata.makeCharRange('\u0000', (char) ('/' - 1))
          .union(BasicAutomata.makeCharRange((char) ('/' + 1), '\uffff'));
  private static final Automaton SLASH = BasicAutomata.makeChar('/');
  private static final Automaton SEGMENT =
      minimal(
          NOT_SLASH
              .repeat(1)
              .minus(BasicAutomata.makeString("."))
              .minus(BasicAutomata.makeString("..")));

  /** All paths git could track (and lanes could create). */
  static final Automaton VALID_PATHS =
      minimal(SEGMENT.concatenate(SLASH.concatenate(SEGMENT).repeat()));

  /** The language of {@link Scope#NEVER_IN_SCOPE}, each entry with everything under it. */
  static final Automaton NEVER =
      minimal(
          Automaton.union(
              Scope.NEVER_IN_SCOPE.stream().map(t -> of(GlobPattern.parse(t))).toList()));

  private GlobLanguage() {}

  /** The minimal automaton of the paths {@code glob} matches, including everything under them. */
  static Automaton of(GlobPattern glob) {
    List<Automaton> parts = new ArrayList<>();
    List<Segment> segments = glob.segments();
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      if (segment instanceof AnySegments) {
        // Zero or more whole segments, each with its separator; the next segment follows.
        parts.add(NOT_SLASH.repeat(1).concatenate(SLASH).repeat());
        continue;
      }
      parts.add(segment((SegmentPattern) segment));
      if (i + 1 < segments.size()) {
        parts.add(SLASH);
      }
    }
    Automaton under = SLASH.concatenate(BasicAutomata.makeAnyString()).optional();
    parts.add(under);
    return minimal(Automaton.concatenate(parts).intersection(VALID_PATHS));
  }

  private static Automaton segment(SegmentPattern pattern) {
    if (pattern.literal().isPresent()) {
      return BasicAutomata.makeString(pattern.literal().get());
    }
    List<Automaton> parts = new ArrayList<>();
    for (Token token : pattern.tokens()) {
      parts.add(token(token));
    }
    return Automaton.concatenate(parts);
  }

  private static Automaton token(Token token) {
    if (token instanceof Literal literal) {
      return BasicAutomata.makeChar(literal.c());
    }
    if (token instanceof AnyChar) {
      return NOT_SLASH;
    }
    if (token instanceof Star) {
      return NOT_SLASH.repeat();
    }
    CharClass cc = (CharClass) token;
    List<Automaton> ranges = new ArrayList<>();
    for (int k = 0; k < cc.ranges().size(); k += 2) {
      ranges.add(BasicAutomata.makeCharRange(cc.ranges().get(k), cc.ranges().get(k + 1)));
    }
    Automaton set = Automaton.union(ranges).minus(SLASH);
    return cc.negated() ? NOT_SLASH.minus(set) : set;
  }

  static Automaton minimal(Automaton automaton) {
    Automaton copy = automaton.clone();
    copy.minimize();
    return copy;
  }
}
