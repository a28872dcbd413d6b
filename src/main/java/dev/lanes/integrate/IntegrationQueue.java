package dev.lanes.integrate;

import dev.lanes.analysis.WaveAnalysis;
import dev.lanes.analysis.WavePlan;
import dev.lanes.ledger.HandoffStanding;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Lane;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.Plan;
import dev.lanes.policy.AgentSpec;
import dev.lanes.policy.Policy;
import dev.lanes.port.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The integration queue: the Board's {@code handed-off} lanes in wave order (the Board's wave
 * column; the scheduler's wave when a row has none), then plan order, each with what its dispatch
 * and handoff entries recorded (agent, base commit, captured commit) and its patch file {@code
 * .lanes/run/<lane>/<attempt>.patch}.
 */
public final class IntegrationQueue {
  private static final Pattern TITLE = Pattern.compile("# (\\w+): (\\S+) attempt (\\d+)");

  private IntegrationQueue() {}

  /**
   * The queue for {@code plan}; {@code trackedFiles} is asked only when a wave must be computed.
   */
  public static List<QueueItem> of(
      Plan plan,
      Policy policy,
      Path root,
      Store.Ledger ledger,
      Supplier<List<String>> trackedFiles) {
    List<QueueItem> items = new ArrayList<>();
    WavePlan[] waves = new WavePlan[1];
    // Plan order by id: a Lane record's equals compares its whole text, which for 50 lanes made
    // a search by value cost more than reading their ledgers.
    Map<LaneId, Integer> planIndex = new HashMap<>();
    for (Lane l : plan.lanes()) {
      planIndex.putIfAbsent(l.id(), planIndex.size());
    }
    for (BoardRow row : plan.board()) {
      if (row.status() != BoardStatus.HANDED_OFF) {
        continue;
      }
      Optional<Lane> lane = plan.lane(row.lane());
      if (lane.isEmpty()) {
        continue; // a row a person left after deleting the lane: nothing to land it as
      }
      int wave =
          waveOf(
              row.wave(),
              () -> {
                if (waves[0] == null) {
                  waves[0] = WaveAnalysis.analyze(plan, policy, trackedFiles.get());
                }
                return waves[0].lane(row.lane()).map(w -> w.wave()).orElse(Integer.MAX_VALUE);
              });
      List<String> entries = ledger.entries(row.lane());
      Optional<String> dispatch = last(entries, "Dispatch", row.lane(), row.attempt());
      Optional<String> handoff = last(entries, "Handoff", row.lane(), row.attempt());
      String agent =
          dispatch
              .flatMap(d -> item(d, "Agent"))
              .filter(a -> !a.equals("resume"))
              .or(() -> lane.get().agent().map(a -> a.value()))
              .or(() -> policy.defaultAgent().map(AgentSpec::name))
              .orElse("unknown");
      Path runDir = root.resolve(".lanes/run").resolve(row.lane().value());
      Optional<String> base =
          readLine(runDir.resolve("base")).or(() -> dispatch.flatMap(d -> item(d, "Base")));
      items.add(
          new QueueItem(
              row.lane(),
              lane.get().objective(),
              wave,
              planIndex.get(row.lane()),
              row.attempt(),
              agent,
              runDir.resolve(row.attempt() + ".patch"),
              base.filter(IntegrationQueue::isCommitId),
              handoff.flatMap(h -> item(h, "Commit")).filter(IntegrationQueue::isCommitId),
              WaveAnalysis.scopeOf(lane.get()),
              HandoffStanding.of(row.lane(), row.attempt(), entries)));
    }
    items.sort(Comparator.comparingInt(QueueItem::wave).thenComparingInt(QueueItem::planIndex));
    return List.copyOf(items);
  }

  private static int waveOf(OptionalInt board, Supplier<Integer> computed) {
    return board.isPresent() && board.getAsInt() > 0 ? board.getAsInt() : computed.get();
  }

  /** The last entry of this kind and attempt, as text. */
  static Optional<String> last(List<String> entries, String kind, LaneId lane, int attempt) {
    Optional<String> found = Optional.empty();
    for (String text : entries) {
      Matcher m = TITLE.matcher(text.lines().findFirst().orElse(""));
      if (m.matches()
          && m.group(1).equals(kind)
          && m.group(2).equals(lane.value())
          && m.group(3).equals(Integer.toString(attempt))) {
        found = Optional.of(text);
      }
    }
    return found;
  }

  /** The value of the first {@code - Key: value} line of an entry. */
  static Optional<String> item(String entry, String key) {
    String prefix = "- " + key + ": ";
    return entry
        .lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()).trim())
        .findFirst();
  }

  private static boolean isCommitId(String s) {
    return s.matches("[0-9a-f]{40}([0-9a-f]{24})?");
  }

  private static Optional<String> readLine(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
