package dev.lanes.store;

import dev.lanes.error.BadInputException;
import dev.lanes.error.BusyException;
import dev.lanes.error.Problem;
import dev.lanes.error.WorkFailedException;
import dev.lanes.io.LanesFolder;
import dev.lanes.ledger.PatchDigest;
import dev.lanes.markdown.PlanRead;
import dev.lanes.markdown.PlanReader;
import dev.lanes.markdown.PlanTableWriter;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import dev.lanes.plan.Times;
import dev.lanes.policy.Durations;
import dev.lanes.port.PlanSnapshot;
import dev.lanes.port.Store;
import dev.lanes.port.StoreUpdate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The single writer of PLAN.md's Locks and Board tables and of {@code ledger/} (see the package
 * description for the protocol and its guarantees).
 */
public final class PlanStore implements Store {
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
  static final String STATE = ".lanes/state";
  static final String LOCK_FILE = "writer.lock";
  static final String PID_FILE = "writer.pid";
  static final String STASH_FILE = "PLAN.md.stash";

  /** How often PLAN.md may change under an update before it gives up. */
  static final int MAX_ROUNDS = 50;

  private static final long POLL_MILLIS = 50;

  /** A missing PLAN.md may be a person's editor (or another writer) in the middle of a save. */
  private static final long MISSING_GRACE_MILLIS = 1000;

  // FileChannel locks belong to the whole JVM: threads of one process queue here first.
  private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path root;
  private final Path plan;
  private final Path state;
  private final Clock clock;
  private final Duration wait;
  private final LedgerFolder ledger;
  private final Journal journal;
  private final PlanFile planFile;
  // Tests stop a write here, between PLAN.md and the ledger, as a kill would.
  private Runnable afterPlanWrite = () -> {};

  public PlanStore(Path repoRoot, Clock clock) {
    this(repoRoot, clock, DEFAULT_WAIT);
  }

  /** A store that waits at most {@code lockWait} for another writer before it reports busy. */
  public PlanStore(Path repoRoot, Clock clock, Duration lockWait) {
    this.root = canonical(repoRoot);
    this.plan = root.resolve(Plan.FILE);
    this.state = root.resolve(STATE);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.wait = Objects.requireNonNull(lockWait, "lockWait");
    this.ledger = new LedgerFolder(root);
    this.journal = new Journal(state);
    this.planFile = new PlanFile(plan, state);
  }

  /** For tests: runs {@code hook} right after PLAN.md was replaced, before the ledger append. */
  void afterPlanWrite(Runnable hook) {
    this.afterPlanWrite = Objects.requireNonNull(hook, "hook");
  }

  /**
   * For tests: runs {@code before} after PLAN.md was checked to be what lanes read, just before the
   * rename that replaces it, and {@code after} right after that rename, while lanes still holds the
   * old file open.
   */
  void aroundRename(Runnable before, Runnable after) {
    planFile.hooks(before, after);
  }

  public LedgerFolder ledger() {
    return ledger;
  }

  /** Reads PLAN.md without taking the writer lock, for status; bad input is an error. */
  public Plan read() {
    // A write a killed lanes left half done (see Journal) is finished before PLAN.md is read, so
    // that a reader never sees its tables without its ledger entries. Inside an update the journal
    // was already dealt with; a busy writer deals with it itself.
    ReentrantLock local = IN_PROCESS.get(root);
    if (Files.exists(state.resolve(Journal.FILE))
        && (local == null || !local.isHeldByCurrentThread())) {
      try {
        update(snap -> StoreUpdate.of(Boolean.TRUE));
      } catch (BusyException busy) {
        // Another writer holds the lock and finishes the journal first thing.
      }
    }
    byte[] bytes = readPlan(true).bytes();
    return parse(decode(bytes)).plan();
  }

  /**
   * Runs {@code change} on PLAN.md as it is now, under the writer lock, and writes what it asks.
   * {@code change} may be called more than once (when PLAN.md changes under it, it runs again on
   * the new text), so it must only compute; its last result is returned.
   *
   * @throws BusyException when another writer holds the lock longer than the wait
   * @throws BadInputException when PLAN.md has problems; nothing is written then
   */
  public <T> T update(Function<PlanSnapshot, StoreUpdate<T>> change) {
    ReentrantLock local = IN_PROCESS.computeIfAbsent(root, r -> new ReentrantLock());
    if (local.isHeldByCurrentThread()) {
      throw new IllegalStateException("PlanStore.update called inside an update");
    }
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      if (!local.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BusyException("interrupted while waiting to write PLAN.md");
    }
    try {
      LanesFolder.create(root, "state");
      try (FileChannel channel =
          FileChannel.open(
              state.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = acquire(channel, deadline);
        try {
          writePid();
          return underLock(change);
        } finally {
          // The pid goes before the lock, so it never names the next holder's predecessor.
          Files.deleteIfExists(state.resolve(PID_FILE));
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new WorkFailedException("cannot write PLAN.md or ledger/: " + e.getMessage(), e);
    } finally {
      local.unlock();
    }
  }

  private <T> T underLock(Function<PlanSnapshot, StoreUpdate<T>> change) throws IOException {
    recoverStash();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      recoverJournal();
      PlanFile.Read current = readPlan(false);
      byte[] bytes = current.bytes();
      String text = decode(bytes);
      PlanRead read = parse(text);
      StoreUpdate<T> update = change.apply(new PlanSnapshot(text, read.plan(), ledger));
      if (update.locks().isPresent() || update.board().isPresent()) {
        List<LockRow> locks = update.locks().orElse(read.plan().locks());
        List<BoardRow> board = update.board().orElse(read.plan().board());
        String out = PlanTableWriter.write(read, locks, board);
        if (!out.equals(text)) {
          List<LedgerFolder.Rendered> entries =
              update.append().stream().map(LedgerFolder.Rendered::of).toList();
          // Entries and the tables that mention them land together: see Journal.
          if (!entries.isEmpty()) {
            journal.begin(bytes, entries);
          }
          Optional<byte[]> carried =
              planFile.replace(current, out.getBytes(StandardCharsets.UTF_8));
          if (carried.isEmpty()) {
            journal.end();
            continue;
          }
          afterPlanWrite.run();
          ledger.appendRendered(entries);
          journal.end();
          return update.result();
        }
      }
      ledger.appendAll(update.append());
      return update.result();
    }
    throw new BusyException(
        "PLAN.md changed "
            + MAX_ROUNDS
            + " times while lanes was writing it; nothing was written, try again");
  }

  /**
   * PLAN.md left moved aside by an older lanes killed in the middle of a write (older versions
   * moved PLAN.md to {@code .lanes/state/PLAN.md.stash} while they replaced it): put back when
   * PLAN.md is missing, deleted when PLAN.md holds the same bytes, and otherwise left where it is
   * for the person to compare, since either file may then hold what someone wrote.
   */
  private void recoverStash() throws IOException {
    Path stash = state.resolve(STASH_FILE);
    if (!Files.exists(stash)) {
      return;
    }
    if (!Files.exists(plan)) {
      try {
        Files.createLink(plan, stash);
      } catch (FileAlreadyExistsException saved) {
        return;
      } catch (UnsupportedOperationException noLinks) {
        Files.copy(stash, plan);
      }
      Durably.forceDirectory(root);
      Files.deleteIfExists(stash);
    } else if (Arrays.equals(Files.readAllBytes(stash), Files.readAllBytes(plan))) {
      Files.deleteIfExists(stash);
    }
  }

  /**
   * Finishes the write a killed lanes left in the journal: its entries go to the ledger (those not
   * there yet) when PLAN.md changed since the journal was begun, and are dropped when PLAN.md is
   * still what it was, the write never having happened. A person's edit after the kill counts as a
   * change: the window between the journal and PLAN.md's replacement is a few file operations.
   *
   * <p>An entry that cannot be written (its file name is too long, a file stands where its folder
   * must be) and a journal that cannot be read are dropped, and this command fails once saying so:
   * retried by every later command, they would stop every one of them.
   */
  private void recoverJournal() throws IOException {
    Optional<Journal.Pending> pending;
    try {
      pending = journal.read();
    } catch (IOException | RuntimeException damaged) {
      journal.end();
      throw new WorkFailedException(
          "lanes dropped "
              + state.resolve(Journal.FILE)
              + ", the ledger entries of an earlier write that was stopped midway, because it"
              + " cannot be read ("
              + damaged.getMessage()
              + "); ledger/ may miss that write's entries. Run the command again.",
          damaged);
    }
    if (pending.isEmpty()) {
      return;
    }
    byte[] now = readPlan(false).bytes();
    List<String> dropped = new ArrayList<>();
    if (!PatchDigest.sha256(now).equals(pending.get().planBefore())) {
      for (LedgerFolder.Rendered entry : pending.get().entries()) {
        try {
          if (!ledger.holds(entry)) {
            ledger.appendRendered(List.of(entry));
          }
        } catch (WorkFailedException cannot) {
          dropped.add(cannot.getMessage());
        }
      }
    }
    journal.end();
    if (!dropped.isEmpty()) {
      throw new WorkFailedException(
          "an earlier lanes command stopped before it wrote its ledger entries, and lanes cannot"
              + " write "
              + (dropped.size() == 1 ? "one of them" : dropped.size() + " of them")
              + ", so it dropped "
              + (dropped.size() == 1 ? "it" : "them")
              + " (PLAN.md keeps that command's tables): "
              + String.join("; ", dropped)
              + ". Nothing else was changed; run the command again.");
    }
  }

  /** PLAN.md, waiting a moment when it is missing: a person's editor may be saving it. */
  private PlanFile.Read readPlan(boolean fallBackToStash) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MISSING_GRACE_MILLIS);
    while (true) {
      Optional<PlanFile.Read> read;
      try {
        read = planFile.read();
      } catch (IOException e) {
        throw new WorkFailedException("cannot read " + plan + ": " + e.getMessage(), e);
      }
      if (read.isPresent()) {
        return read.get();
      }
      // For a reader, a stash an older lanes left stands in for it (see recoverStash).
      Path stash = state.resolve(STASH_FILE);
      if (fallBackToStash && Files.exists(stash)) {
        try {
          return new PlanFile.Read(Files.readAllBytes(stash), null);
        } catch (IOException e) {
          // Put back or cleaned up meanwhile: read PLAN.md again.
        }
      }
      if (System.nanoTime() > deadline) {
        throw new BadInputException(
            List.of(
                new Problem(
                    Plan.FILE, 1, 1, "PLAN.md not found in " + root + "; run `lanes init`")));
      }
      sleep(10);
    }
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private PlanRead parse(String text) {
    PlanRead read = PlanReader.read(text, today());
    if (!read.problems().isEmpty()) {
      throw new BadInputException(read.problems());
    }
    return read;
  }

  /** Strict UTF-8: a malformed byte is bad input, reported at its line and column. */
  static String decode(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate((int) (bytes.length * 1.1) + 16);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new BadInputException(
          List.of(
              new Problem(
                  Plan.FILE,
                  line,
                  at - lineStart + 1,
                  String.format(
                      "not UTF-8 (byte 0x%02x); save PLAN.md as UTF-8", bytes[at] & 0xff))));
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private FileLock acquire(FileChannel channel, long deadline) throws IOException {
    while (true) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() - deadline > 0) {
        throw busy();
      }
      sleep(Math.min(POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
  }

  private void writePid() throws IOException {
    ProcessHandle self = ProcessHandle.current();
    Instant started = self.info().startInstant().orElse(clock.instant());
    Files.writeString(
        state.resolve(PID_FILE),
        "pid: " + self.pid() + "\nstarted: " + Times.format(started) + "\n",
        StandardCharsets.UTF_8);
  }

  private BusyException busy() {
    String holder;
    try {
      List<String> lines = Files.readAllLines(state.resolve(PID_FILE), StandardCharsets.UTF_8);
      String pid = field(lines, "pid");
      String started = field(lines, "started");
      holder = "pid " + pid + (started.isEmpty() ? "" : ", started " + started);
    } catch (IOException e) {
      holder = "a process that has not said its pid yet";
    }
    return new BusyException(
        "another lanes process is writing PLAN.md and ledger/ ("
            + holder
            + "); waited "
            + Durations.elapsed(wait)
            + ". Try again when it ends, or stop it if it hangs.");
  }

  private static String field(List<String> lines, String key) {
    return lines.stream()
        .filter(l -> l.startsWith(key + ": "))
        .map(l -> l.substring(key.length() + 2).strip())
        .findFirst()
        .orElse("");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BusyException("interrupted while waiting to write PLAN.md");
    }
  }

  private static Path canonical(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }
}
