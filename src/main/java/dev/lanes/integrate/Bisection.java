package dev.lanes.integrate;

import java.util.List;

/**
 * The outcome of a wave bisection: the lanes kept, in order, and the breakers, each with the lanes
 * it was tried on top of when the gate failed.
 */
public record Bisection<T>(List<T> kept, List<Breaker<T>> breakers) {

  public Bisection {
    kept = List.copyOf(kept);
    breakers = List.copyOf(breakers);
  }

  /** One lane that breaks the gate, with the kept lanes before it. */
  public record Breaker<T>(T item, List<T> before) {
    public Breaker {
      before = List.copyOf(before);
    }
  }
}
