package dev.lanes.ledger;

import java.util.Locale;

/** What the integrator did with a lane's patch. */
public enum IntegrationResult {
  LANDED,
  DROPPED;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
