package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.dispatch.LaneActions;
import dev.lanes.store.PlanStore;
import java.time.Clock;

/** What the small lane commands share: the store and the person or process acting. */
abstract class LaneCommands extends RepoCommand {
  Workspace workspace() {
    return load().workspace().requireValidInput();
  }

  LaneActions actions(Workspace workspace) {
    Clock clock = Clock.systemUTC();
    return new LaneActions(workspace.root(), new PlanStore(workspace.root(), clock), clock);
  }

  /** Who acts: the git identity's name if any, else the login name. */
  static String person() {
    String user = System.getenv("GIT_AUTHOR_NAME");
    if (user == null || user.isBlank()) {
      user = System.getProperty("user.name", "unknown");
    }
    return user;
  }
}
