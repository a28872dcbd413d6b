package dev.lanes.policy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AGENTS.md read into its sections, settings, gate ladder and agents, with the contract's defaults
 * for every setting a person left out or wrote wrongly.
 */
public record Policy(
    List<PolicySection> sections,
    List<Setting> settings,
    List<Gate> gates,
    List<AgentSpec> agents) {
  public static final String FILE = "AGENTS.md";
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofMinutes(1);
  public static final Duration DEFAULT_GATE_TIMEOUT = Duration.ofMinutes(30);
  public static final int DEFAULT_RESOURCE_PERCENT = 80;

  /** The same as {@code ProcessSpec.DEFAULT_LOG_LIMIT}: the domain does not see the port. */
  public static final long DEFAULT_LOG_LIMIT = 50L << 20;

  private static final Pattern SIZE = Pattern.compile("(\\d{1,13})\\s*([kmg]?)(?:i?b)?");
  public static final List<String> SANDBOXES = List.of("none", "bwrap", "docker", "podman");

  public Policy {
    sections = List.copyOf(sections);
    settings = List.copyOf(settings);
    gates = gates.stream().sorted(Comparator.comparingInt(Gate::number)).toList();
    agents = List.copyOf(agents);
  }

  /** The value of the first setting with this key, compared case-insensitively. */
  public Optional<String> setting(String key) {
    String k = key.trim().toLowerCase(Locale.ROOT);
    return settings.stream().filter(s -> s.key().equals(k)).map(Setting::value).findFirst();
  }

  public Optional<Duration> duration(String key) {
    return setting(key).flatMap(Durations::parse);
  }

  /** The comma-separated items of a setting, without backticks; empty when it is not set. */
  public List<String> list(String key) {
    return setting(key).map(Policy::items).orElse(List.of());
  }

  /** Splits {@code a, `b`, c} into its non-empty items, backticks dropped. */
  public static List<String> items(String value) {
    return Arrays.stream(value.split(","))
        .map(item -> item.replace("`", "").trim())
        .filter(item -> !item.isEmpty())
        .toList();
  }

  /** The agent of that name, compared case-insensitively. */
  public Optional<AgentSpec> agent(String name) {
    return agents.stream().filter(a -> a.name().equalsIgnoreCase(name.trim())).findFirst();
  }

  /** The agent a lane gets when it names none: the first row of the agents table. */
  public Optional<AgentSpec> defaultAgent() {
    return agents.stream().findFirst();
  }

  /** The gates that run at this stage, in ladder order. */
  public List<Gate> gates(GateStage stage) {
    return gates.stream().filter(g -> g.runsAt(stage)).toList();
  }

  public Optional<PolicySection> section(String heading) {
    return sections.stream().filter(s -> s.is(heading)).findFirst();
  }

  public Duration ttl() {
    return positive(duration("ttl")).orElse(DEFAULT_TTL);
  }

  public Duration heartbeat() {
    return positive(duration("heartbeat")).orElse(DEFAULT_HEARTBEAT);
  }

  public List<String> hotspots() {
    return list("hotspots");
  }

  public Optional<String> target() {
    return setting("target").filter(t -> !t.isBlank());
  }

  /** How many workers may run at once; the number of processors unless set to 1 or more. */
  public int maxParallel() {
    return integer("max-parallel")
        .filter(n -> n >= 1)
        .orElseGet(() -> Runtime.getRuntime().availableProcessors());
  }

  public List<String> preApproved() {
    return list("pre-approved");
  }

  public int retries() {
    return integer("retries").filter(n -> n >= 0).orElse(0);
  }

  public int maxCpuPercent() {
    return percent("max-cpu").orElse(DEFAULT_RESOURCE_PERCENT);
  }

  public int maxMemoryPercent() {
    return percent("max-memory").orElse(DEFAULT_RESOURCE_PERCENT);
  }

  /** One of {@link #SANDBOXES}; {@code none} when unset or not one of them. */
  public String sandbox() {
    return setting("sandbox")
        .map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(SANDBOXES::contains)
        .orElse("none");
  }

  /** Whether sandboxed workers may use the network ({@code network: allow}); denied by default. */
  public boolean networkAllowed() {
    return setting("network").map(s -> s.trim().equalsIgnoreCase("allow")).orElse(false);
  }

  /** The most bytes a lane's log keeps ({@code log-limit:}); the oldest output goes first. */
  public long logLimit() {
    return setting("log-limit").flatMap(Policy::parseSize).orElse(DEFAULT_LOG_LIMIT);
  }

  /**
   * A size of at least 1 KiB written like {@code 50m}, {@code 200k}, {@code 1g} or {@code 4096}
   * (bytes; {@code k}, {@code m}, {@code g} are 1024-based, {@code kb}, {@code mib} and so on are
   * read the same), up to 1 TiB, or empty when it is not one.
   */
  public static Optional<Long> parseSize(String text) {
    Matcher m = SIZE.matcher(text.trim().replace("`", "").toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    int shift =
        switch (m.group(2)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          default -> 0;
        };
    long n = Long.parseLong(m.group(1));
    return n > (1L << 40) >> shift
        ? Optional.empty()
        : Optional.of(n << shift).filter(b -> b >= 1024);
  }

  /** A whole number as a setting writes it, or empty when it is not one. */
  public static Optional<Integer> parseInt(String text) {
    String t = text.trim();
    if (!t.matches("\\d{1,9}")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(t));
  }

  /** A percentage from 1 to 100, written {@code 80} or {@code 80%}, or empty when it is not one. */
  public static Optional<Integer> parsePercent(String text) {
    String t = text.trim();
    if (t.endsWith("%")) {
      t = t.substring(0, t.length() - 1);
    }
    return parseInt(t).filter(n -> n >= 1 && n <= 100);
  }

  private Optional<Integer> integer(String key) {
    return setting(key).flatMap(Policy::parseInt);
  }

  private Optional<Integer> percent(String key) {
    return setting(key).flatMap(Policy::parsePercent);
  }

  private static Optional<Duration> positive(Optional<Duration> d) {
    return d.filter(x -> !x.isZero() && !x.isNegative());
  }
}
