package dev.lanes.ledger;

/**
 * One changed path of a handoff and how it changed, e.g. {@code added}, {@code modified}, {@code
 * deleted} or {@code renamed from old/path}.
 */
public record HandoffFile(String path, String change) {
  public HandoffFile {
    path = EntryMarkdown.line(path);
    change = EntryMarkdown.line(change);
  }

  String render() {
    return change + ": " + EntryMarkdown.code(path);
  }
}
