package dev.lanes.integrate;

import dev.lanes.policy.Gate;
import java.util.List;
import java.util.Map;

/**
 * What {@code lanes integrate --dry-run} shows: the target and its tip, the queue with each patch's
 * files, and the gates that would run after each patch and after each wave.
 */
public record IntegratePreview(
    String target,
    String tip,
    List<QueueItem> queue,
    Map<QueueItem, List<String>> files,
    List<Gate> patchGates,
    List<Gate> waveGates) {

  public IntegratePreview {
    queue = List.copyOf(queue);
    files = Map.copyOf(files);
    patchGates = List.copyOf(patchGates);
    waveGates = List.copyOf(waveGates);
  }
}
