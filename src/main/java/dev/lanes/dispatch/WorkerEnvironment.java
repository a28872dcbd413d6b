package dev.lanes.dispatch;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment a worker runs with: the caller's, less what the policy's {@code env-deny:} names
 * (a trailing {@code *} matches a prefix) and less every {@code LANES_*} variable lanes itself was
 * given, plus the contract's {@code LANES_*} variables for this lane.
 */
public final class WorkerEnvironment {
  private WorkerEnvironment() {}

  public static Map<String, String> build(
      Map<String, String> caller, List<String> deny, Map<String, String> lanesVars) {
    Map<String, String> env = new TreeMap<>();
    for (Map.Entry<String, String> e : caller.entrySet()) {
      String name = e.getKey();
      // Never hand a worker lanes' own handles from an outer run.
      if (name.startsWith("LANES_") || denied(name, deny)) {
        continue;
      }
      env.put(name, e.getValue());
    }
    env.putAll(lanesVars);
    return env;
  }

  static boolean denied(String name, List<String> deny) {
    for (String pattern : deny) {
      if (pattern.endsWith("*")
          ? name.startsWith(pattern.substring(0, pattern.length() - 1))
          : name.equals(pattern)) {
        return true;
      }
    }
    return false;
  }
}
