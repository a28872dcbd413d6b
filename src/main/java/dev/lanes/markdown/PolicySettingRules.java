package dev.lanes.markdown;

import dev.lanes.plan.BranchName;
import dev.lanes.policy.Durations;
import dev.lanes.policy.Policy;
import dev.lanes.policy.Setting;
import java.util.Locale;
import java.util.Optional;

/** Checks the values of the settings the contract names; unknown settings pass untouched. */
final class PolicySettingRules {
  private PolicySettingRules() {}

  static Optional<String> problem(Setting setting) {
    String key = setting.key();
    String value = setting.value().trim();
    String shown = "`" + key + ": " + value + "`";
    return switch (key) {
      case "ttl", "heartbeat" ->
          Durations.parse(value).filter(d -> !d.isZero()).isPresent()
              ? Optional.empty()
              : Optional.of(shown + " is not a duration: write it like 30m, 90s or 1h30m");
      case "max-parallel" ->
          Policy.parseInt(value).filter(n -> n >= 1).isPresent()
              ? Optional.empty()
              : Optional.of(shown + " is not a whole number of 1 or more");
      case "retries" ->
          Policy.parseInt(value).isPresent()
              ? Optional.empty()
              : Optional.of(shown + " is not a whole number of 0 or more");
      case "max-cpu", "max-memory" ->
          Policy.parsePercent(value).isPresent()
              ? Optional.empty()
              : Optional.of(shown + " is not a percentage from 1 to 100: write it like 80 or 80%");
      case "sandbox" ->
          Policy.SANDBOXES.contains(value.toLowerCase(Locale.ROOT))
              ? Optional.empty()
              : Optional.of(
                  shown + " is not a sandbox lanes knows: use none, bwrap, docker or podman");
      case "log-limit" ->
          Policy.parseSize(value).isPresent()
              ? Optional.empty()
              : Optional.of(
                  shown + " is not a size from 1k to 1024g: write it like 50m, 200k or 1g");
      case "network" ->
          value.equalsIgnoreCase("allow") || value.equalsIgnoreCase("deny")
              ? Optional.empty()
              : Optional.of(shown + " is neither allow nor deny");
      case "target" ->
          value.isEmpty()
              ? Optional.empty()
              : BranchName.problem(value)
                  .map(why -> shown + " is not a branch name git accepts (" + why + ")");
      default -> Optional.empty();
    };
  }
}
