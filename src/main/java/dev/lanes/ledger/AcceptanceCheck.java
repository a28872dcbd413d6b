package dev.lanes.ledger;

/** One acceptance criterion of a handoff, met ({@code [x]}) or not ({@code [ ]}). */
public record AcceptanceCheck(String text, boolean met) {
  public AcceptanceCheck {
    text = EntryMarkdown.line(text);
  }

  String render() {
    return (met ? "[x] " : "[ ] ") + text;
  }
}
