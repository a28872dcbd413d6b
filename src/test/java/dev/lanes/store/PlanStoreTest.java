package dev.lanes.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.error.BadInputException;
import dev.lanes.error.BusyException;
import dev.lanes.error.WorkFailedException;
import dev.lanes.ledger.ApprovalEntry;
import dev.lanes.ledger.CheckpointEntry;
import dev.lanes.ledger.DispatchEntry;
import dev.lanes.ledger.FailureEntry;
import dev.lanes.markdown.PlanReader;
import dev.lanes.markdown.PlanTableWriter;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import dev.lanes.port.StoreUpdate;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanStoreTest {
  static final Instant NOW = Instant.parse("2026-11-22T14:10:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final LaneId L1 = new LaneId("L-001");
  static final LaneId L2 = new LaneId("L-002");

  static final String PLAN =
      """
      # Plan

      Intro prose, kept as written.\u00a0Ünïcode 😀 too.

      ## Lanes

      ### L-001: Search modal focus loop
      - scope: `internal/tui/**`
      - acceptance:
        - [ ] focus order matches spec

      Context for the worker.

      ### L-002: Docs
      - scope: `docs/**`

      ## Locks

      | lock_id | owner | scope | objective | start | heartbeat | expires |
      |---|---|---|---|---|---|---|

      ## Board

      | lane | status | wave | attempt | checkpoint | updated | note |
      |---|---|---|---|---|---|---|

      Trailing prose after the board.
      """;

  @TempDir Path repo;

  PlanStore store() {
    return new PlanStore(repo, CLOCK, Duration.ofSeconds(10));
  }

  void writePlan(String text) throws IOException {
    Files.writeString(repo.resolve("PLAN.md"), text, StandardCharsets.UTF_8);
  }

  String plan() throws IOException {
    return Files.readString(repo.resolve("PLAN.md"), StandardCharsets.UTF_8);
  }

  static BoardRow row(String lane, BoardStatus status) {
    return new BoardRow(
        new LaneId(lane), status, OptionalInt.of(1), 1, "", Optional.of(NOW), "note " + lane);
  }

  static LockRow lock(String id) {
    return new LockRow(
        id, "pid 1@box", "`internal/tui/**`", "focus", NOW, NOW, NOW.plusSeconds(1800));
  }

  @Test
  void updateWritesTheTablesAndKeepsEveryOtherByte() throws IOException {
    writePlan(PLAN);
    List<BoardRow> board = List.of(row("L-001", BoardStatus.RUNNING));
    List<LockRow> locks = List.of(lock("L-001#1"));

    String result = store().update(s -> StoreUpdate.of("done").withLocks(locks).withBoard(board));

    assertThat(result).isEqualTo("done");
    assertThat(plan()).isEqualTo(PlanTableWriter.write(PLAN, locks, board));
    assertThat(plan())
        .startsWith(PLAN.substring(0, PLAN.indexOf("| lock_id")))
        .endsWith("\n\nTrailing prose after the board.\n")
        .contains("| L-001 | running | 1 | 1 |  | 2026-11-22T14:10Z | note L-001 |");
    Plan read = store().read();
    assertThat(read.locks()).containsExactly(locks.get(0));
    assertThat(read.board()).containsExactly(board.get(0));
  }

  @Test
  void anAbsentTableIsKeptAndAnUnchangedTextIsNotRewritten() throws IOException {
    writePlan(PLAN);
    store().update(s -> StoreUpdate.of(1).withLocks(List.of(lock("L-001#1"))));
    Object fileKey = Files.readAttributes(repo.resolve("PLAN.md"), "unix:ino").get("ino");

    store().update(s -> StoreUpdate.of(2).withBoard(List.of(row("L-002", BoardStatus.PLANNED))));
    assertThat(store().read().locks()).extracting(LockRow::lockId).containsExactly("L-001#1");
    Object afterChange = Files.readAttributes(repo.resolve("PLAN.md"), "unix:ino").get("ino");
    assertThat(afterChange)
        .as("a changed text is a new file, moved in whole")
        .isNotEqualTo(fileKey);

    store().update(s -> StoreUpdate.of(3).withBoard(s.plan().board()));
    assertThat(Files.readAttributes(repo.resolve("PLAN.md"), "unix:ino").get("ino"))
        .as("same tables: PLAN.md is left alone")
        .isEqualTo(afterChange);
    assertThat(repo.resolve(".lanes/state")).isDirectoryNotContaining("glob:**.tmp");
    assertThat(repo.resolve(".lanes/state/writer.pid")).doesNotExist();
  }

  @Test
  void ledgerEntriesAreNumberedPerLaneAndNeverOverwritten() throws IOException {
    writePlan(PLAN);
    CheckpointEntry checkpoint = new CheckpointEntry(L1, 1, "parsed", "fix", NOW);
    FailureEntry failure =
        new FailureEntry(
            L1,
            1,
            "timeout",
            "",
            "ran out of time",
            "none",
            Optional.empty(),
            "resume",
            "tail",
            NOW);
    ApprovalEntry approval = new ApprovalEntry(L2, "npm install", "alice", NOW);

    store().update(s -> StoreUpdate.of(0).appending(checkpoint, failure));
    store().update(s -> StoreUpdate.of(0).appending(approval));
    Path l1 = repo.resolve("ledger/L-001");
    Files.writeString(l1.resolve("README.md"), "not an entry");
    Files.writeString(l1.resolve("004-checkpoint.md"), "put here by hand");
    store().update(s -> StoreUpdate.of(0).appending(checkpoint));

    assertThat(names(l1))
        .containsExactly(
            "001-checkpoint.md",
            "002-failure.md",
            "004-checkpoint.md",
            "005-checkpoint.md",
            "README.md");
    assertThat(Files.readString(l1.resolve("001-checkpoint.md"))).isEqualTo(checkpoint.render());
    assertThat(Files.readString(l1.resolve("002-failure.md"))).isEqualTo(failure.render());
    assertThat(Files.readString(l1.resolve("004-checkpoint.md"))).isEqualTo("put here by hand");
    assertThat(names(repo.resolve("ledger/L-002"))).containsExactly("001-approval.md");
    assertThat(store().ledger().fileNames(L1))
        .containsExactly(
            "001-checkpoint.md", "002-failure.md", "004-checkpoint.md", "005-checkpoint.md");
    assertThat(store().ledger().facts(L1).lastFailure()).contains(failure);
    assertThat(store().ledger().facts(L2).approvedScopes()).containsExactly("npm install");
    assertThat(plan()).as("no tables asked for: PLAN.md untouched").isEqualTo(PLAN);
  }

  @Test
  void theSnapshotReadsLedgerEntriesAndTheFenceFloor() throws IOException {
    writePlan(PLAN);
    assertThat(store().ledger().fenceFloor()).isZero();
    store()
        .update(s -> StoreUpdate.of(0).appending(dispatch(L1, "L-001#3"), dispatch(L2, "L-002#9")));
    store().update(s -> StoreUpdate.of(0).appending(dispatch(L1, "L-001#5")));

    List<String> seen = store().update(s -> StoreUpdate.of(s.ledger().entries(L1)));

    assertThat(seen).hasSize(2).allMatch(t -> t.startsWith("# Dispatch: L-001"));
    assertThat(store().ledger().fenceFloor()).isEqualTo(9);
    assertThat(store().ledger().facts(L1).highestFence()).isEqualTo(5);
  }

  @Test
  void badPlanIsBadInputAndNothingIsWritten() throws IOException {
    String bad =
        PLAN.replace(
            "|---|---|---|---|---|---|---|\n\nTrailing",
            "|---|---|---|---|---|---|---|\n| L-001 | sleeping | x | y |  |  |  |\n\nTrailing");
    writePlan(bad);
    byte[] before = Files.readAllBytes(repo.resolve("PLAN.md"));

    assertThatThrownBy(
            () ->
                store()
                    .update(
                        s ->
                            StoreUpdate.of(0)
                                .withBoard(List.of(row("L-001", BoardStatus.RUNNING)))
                                .appending(new CheckpointEntry(L1, 1, "a", "b", NOW))))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("PLAN.md:");
    assertThat(Files.readAllBytes(repo.resolve("PLAN.md"))).isEqualTo(before);
    assertThat(repo.resolve("ledger")).doesNotExist();
  }

  @Test
  void invalidUtf8IsBadInputWithItsPosition() throws IOException {
    byte[] bytes =
        (PLAN.substring(0, PLAN.indexOf("Context")) + "X").getBytes(StandardCharsets.UTF_8);
    byte[] broken = new byte[bytes.length + 2];
    System.arraycopy(bytes, 0, broken, 0, bytes.length);
    broken[bytes.length] = (byte) 0xff;
    broken[bytes.length + 1] = '\n';
    Files.write(repo.resolve("PLAN.md"), broken);

    assertThatThrownBy(() -> store().update(s -> StoreUpdate.of(0).withBoard(List.of())))
        .isInstanceOf(BadInputException.class)
        .hasMessage("PLAN.md:12:2: not UTF-8 (byte 0xff); save PLAN.md as UTF-8");
    assertThat(Files.readAllBytes(repo.resolve("PLAN.md"))).isEqualTo(broken);
  }

  @Test
  void aMissingPlanIsBadInput() {
    assertThatThrownBy(() -> store().read())
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("PLAN.md not found");
  }

  @Test
  void eightThreadsLoseNoUpdate() throws Exception {
    writePlan(PLAN);
    int threads = 8;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        PlanStore store = store();
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    addRow(store, "T" + thread + "-" + i);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<BoardRow> board = store().read().board();
    assertThat(board).hasSize(threads * each);
    assertThat(board).extracting(r -> r.lane().value()).doesNotHaveDuplicates();
    assertThat(plan()).startsWith(PLAN.substring(0, PLAN.indexOf("| lock_id")));
  }

  @Test
  void aPersonsEditWhileLanesWritesIsKeptAndSoIsEveryUpdate() throws Exception {
    writePlan(PLAN);
    int threads = 4;
    int each = 25;
    int edits = 30;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        PlanStore store = store();
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    addRow(store, "T" + thread + "-" + i);
                  }
                  return null;
                }));
      }
      done.add(
          pool.submit(
              () -> {
                for (int e = 0; e < edits; e++) {
                  String note = "Person's note " + e + ".\n\n## Locks";
                  new CarefulEditor(repo.resolve("PLAN.md"))
                      .edit(text -> text.replace("\n## Locks", note));
                  Thread.sleep(3);
                }
                return null;
              }));
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    String text = plan();
    for (int e = 0; e < edits; e++) {
      assertThat(text).contains("Person's note " + e + ".\n");
    }
    assertThat(store().read().board()).hasSize(threads * each);
    assertThat(text)
        .startsWith(PLAN.substring(0, PLAN.indexOf("\n## Locks")))
        .endsWith("\n\nTrailing prose after the board.\n");
  }

  @Test
  void aSecondProcessHoldingTheLockMakesUpdateBusyAndNamesIt() throws Exception {
    writePlan(PLAN);
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldWriterLock.class.getName(),
                repo.toString(),
                "60")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).as("the holder says it has the lock").isEqualTo("locked");

      PlanStore impatient = new PlanStore(repo, CLOCK, Duration.ofMillis(300));
      long start = System.nanoTime();
      assertThatThrownBy(() -> impatient.update(s -> StoreUpdate.of(0).withBoard(List.of())))
          .isInstanceOf(BusyException.class)
          .hasMessageContaining("pid " + holder.pid() + ", started ");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(plan()).isEqualTo(PLAN);
    } finally {
      holder.destroyForcibly();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
    // The lock dies with its process: the next writer gets it at once.
    assertThat(store().<String>update(s -> StoreUpdate.of("mine"))).isEqualTo("mine");
  }

  @Test
  void anotherThreadHoldingTheLockMakesUpdateBusy() throws Exception {
    writePlan(PLAN);
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () ->
                store()
                    .update(
                        s -> {
                          locked.countDown();
                          try {
                            release.await(10, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return StoreUpdate.of(0);
                        }));
    holder.start();
    try {
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
      PlanStore impatient = new PlanStore(repo, CLOCK, Duration.ofMillis(200));
      assertThatThrownBy(() -> impatient.update(s -> StoreUpdate.of(0)))
          .isInstanceOf(BusyException.class)
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
    } finally {
      release.countDown();
      holder.join(10_000);
    }
    assertThat(store().<String>update(s -> StoreUpdate.of("free"))).isEqualTo("free");
  }

  @Test
  void aPlanLeftAsideByACrashIsPutBack() throws IOException {
    writePlan(PLAN);
    Path stash = repo.resolve(".lanes/state/PLAN.md.stash");
    Files.createDirectories(stash.getParent());
    Files.move(repo.resolve("PLAN.md"), stash);

    assertThat(store().read().lanes()).hasSize(2);
    store().update(s -> StoreUpdate.of(0));
    assertThat(plan()).isEqualTo(PLAN);
    assertThat(stash).doesNotExist();
  }

  @Test
  void aPersonsAppendJustBeforeTheReplaceIsCarriedIntoTheNewPlan() throws IOException {
    writePlan(PLAN);
    PlanStore store = store();
    AtomicInteger replaces = new AtomicInteger();
    // `echo note >> PLAN.md` landing after lanes checked PLAN.md and before it replaced it.
    store.aroundRename(
        () -> {
          if (replaces.getAndIncrement() == 0) {
            append("A person's note.\n");
          }
        },
        () -> {});
    List<BoardRow> board = List.of(row("L-001", BoardStatus.RUNNING));
    List<LockRow> locks = List.of(lock("L-001#1"));

    store.update(
        s ->
            StoreUpdate.of(0).withLocks(locks).withBoard(board).appending(dispatch(L1, "L-001#1")));

    assertThat(plan())
        .as("every lane, both tables and the person's line")
        .isEqualTo(PlanTableWriter.write(PLAN, locks, board) + "A person's note.\n");
    assertThat(store().ledger().fileNames(L1)).containsExactly("001-dispatch.md");
    assertThat(repo.resolve(".lanes/state")).isDirectoryNotContaining("glob:**PLAN.md*");
  }

  @Test
  void aPersonsAppendToTheOldFileJustAfterTheReplaceIsCarriedToo() throws IOException {
    writePlan(PLAN);
    PlanStore store = store();
    AtomicInteger replaces = new AtomicInteger();
    FileOutputStream[] opened = new FileOutputStream[1];
    // A shell's `>>` that opened PLAN.md before lanes replaced it and writes just after: the
    // bytes land in the old file, which lanes still holds open.
    store.aroundRename(
        () -> {
          if (replaces.getAndIncrement() == 0) {
            try {
              opened[0] = new FileOutputStream(repo.resolve("PLAN.md").toFile(), true);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        },
        () -> {
          try (FileOutputStream late = opened[0]) {
            late.write("Written late.\n".getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    List<BoardRow> board = List.of(row("L-001", BoardStatus.RUNNING));

    store.update(s -> StoreUpdate.of(0).withBoard(board));

    assertThat(plan()).isEqualTo(PlanTableWriter.write(PLAN, List.of(), board) + "Written late.\n");
  }

  @Test
  void aPersonsRewriteInPlaceJustBeforeTheReplaceWinsAndTheUpdateIsAppliedToIt()
      throws IOException {
    writePlan(PLAN);
    PlanStore store = store();
    AtomicInteger replaces = new AtomicInteger();
    String edited = PLAN.replace("Context for the worker.", "Context, rewritten by a person.");
    // `cat edited > PLAN.md`: the same file truncated and written again.
    store.aroundRename(
        () -> {
          if (replaces.getAndIncrement() == 0) {
            try {
              Files.writeString(repo.resolve("PLAN.md"), edited, StandardCharsets.UTF_8);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        },
        () -> {});
    List<BoardRow> board = List.of(row("L-001", BoardStatus.RUNNING));

    store.update(s -> StoreUpdate.of(0).withBoard(board));

    assertThat(plan()).isEqualTo(PlanTableWriter.write(edited, List.of(), board));
    assertThat(replaces)
        .as("renames: lanes' write, the person's version put back, lanes' write again")
        .hasValue(3);
  }

  @Test
  void planMdIsThereAtEveryMomentOfAWrite() throws IOException {
    writePlan(PLAN);
    PlanStore store = store();
    List<Boolean> seen = new ArrayList<>();
    Runnable look = () -> seen.add(Files.isRegularFile(repo.resolve("PLAN.md")));
    store.aroundRename(look, look);

    store.update(s -> StoreUpdate.of(0).withBoard(List.of(row("L-001", BoardStatus.RUNNING))));

    assertThat(seen).containsExactly(true, true);
  }

  @Test
  void aStashThatDiffersFromPlanMdIsLeftForThePersonToCompare() throws IOException {
    writePlan(PLAN);
    Path stash = Files.createDirectories(repo.resolve(".lanes/state")).resolve("PLAN.md.stash");
    String older = PLAN.replace("Context for the worker.", "Context as it was.");
    Files.writeString(stash, older);

    store().update(s -> StoreUpdate.of(0).withBoard(List.of(row("L-001", BoardStatus.RUNNING))));

    assertThat(stash).hasContent(older);
    assertThat(store().read().board()).hasSize(1);
    Files.writeString(stash, plan());
    store().update(s -> StoreUpdate.of(0));
    assertThat(stash).as("a stash equal to PLAN.md is deleted").doesNotExist();
  }

  /** What a kill does to a write: it stops there, and nothing of it runs further. */
  static final class Killed extends RuntimeException {
    Killed() {
      super("killed");
    }
  }

  @Test
  void aKillBetweenPlanAndLedgerLosesNoEntryAndTheNextWriteAddsItOnce() throws IOException {
    writePlan(PLAN);
    PlanStore killed = store();
    killed.afterPlanWrite(
        () -> {
          throw new Killed();
        });
    List<BoardRow> board = List.of(row("L-001", BoardStatus.DISPATCHED));

    assertThatThrownBy(
            () ->
                killed.update(
                    s ->
                        StoreUpdate.of(0)
                            .withLocks(List.of(lock("L-001#3")))
                            .withBoard(board)
                            .appending(dispatch(L1, "L-001#3"))))
        .isInstanceOf(Killed.class);
    assertThat(PlanReader.read(plan(), NOW.atZone(ZoneOffset.UTC).toLocalDate()).plan().board())
        .as("PLAN.md was written")
        .containsExactly(board.get(0));
    assertThat(store().ledger().fileNames(L1)).as("the entry was not, yet").isEmpty();
    assertThat(repo.resolve(".lanes/state/journal")).exists();

    // The next lanes process's first read or write, whatever it is, finishes the killed one's.
    store().read();
    assertThat(store().ledger().fileNames(L1)).as("a read finished it").hasSize(1);
    store().update(s -> StoreUpdate.of(0));

    assertThat(store().ledger().fileNames(L1)).containsExactly("001-dispatch.md");
    assertThat(Files.readString(repo.resolve("ledger/L-001/001-dispatch.md")))
        .isEqualTo(dispatch(L1, "L-001#3").render());
    assertThat(repo.resolve(".lanes/state/journal")).doesNotExist();
  }

  @Test
  void aKillBeforePlanChangedDropsTheJournalAndWritesNoEntry() throws IOException {
    writePlan(PLAN);
    // Journaled, then killed before PLAN.md was replaced: PLAN.md is byte for byte as before.
    new Journal(Files.createDirectories(repo.resolve(".lanes/state")))
        .begin(
            PLAN.getBytes(StandardCharsets.UTF_8),
            List.of(LedgerFolder.Rendered.of(dispatch(L1, "L-001#3"))));

    store().update(s -> StoreUpdate.of(0));

    assertThat(store().ledger().fileNames(L1)).isEmpty();
    assertThat(repo.resolve(".lanes/state/journal")).doesNotExist();
    assertThat(plan()).isEqualTo(PLAN);
  }

  @Test
  void aKillInTheMiddleOfTheAppendLeavesEveryEntryExactlyOnce() throws IOException {
    writePlan(PLAN);
    DispatchEntry first = dispatch(L1, "L-001#3");
    DispatchEntry second = dispatch(L2, "L-002#4");
    new Journal(Files.createDirectories(repo.resolve(".lanes/state")))
        .begin(
            "# the plan before the write\n".getBytes(StandardCharsets.UTF_8),
            List.of(LedgerFolder.Rendered.of(first), LedgerFolder.Rendered.of(second)));
    // The first entry made it to the ledger before the kill, the second did not.
    store().ledger().appendAll(List.of(first));

    store().update(s -> StoreUpdate.of(0));

    assertThat(store().ledger().fileNames(L1)).containsExactly("001-dispatch.md");
    assertThat(store().ledger().fileNames(L2)).containsExactly("001-dispatch.md");
    assertThat(Files.readString(repo.resolve("ledger/L-002/001-dispatch.md")))
        .isEqualTo(second.render());
  }

  @Test
  void aJournalAnOlderLanesLeftWithAnIdTooLongToWriteIsDroppedOnceAndTheNextCommandWorks()
      throws IOException {
    writePlan(PLAN);
    // lanes before the id limit wrote the lock of a 300-character lane, then failed on its ledger
    // folder ("File name too long") and left this journal, which every later command replayed.
    String tooLong = "L" + "x".repeat(299);
    byte[] entry = "# Dispatch\n".getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(repo.resolve(".lanes/state"));
    Files.write(
        repo.resolve(".lanes/state/journal"),
        ("lanes-journal 1\nbefore "
                + "0".repeat(64)
                + "\nentry "
                + tooLong
                + " dispatch "
                + entry.length
                + "\n# Dispatch\n\n")
            .getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> store().update(s -> StoreUpdate.of("next")))
        .as("the next command says once what was dropped")
        .isInstanceOf(WorkFailedException.class)
        .hasMessageContaining("cannot be read")
        .hasMessageContaining("300 characters long")
        .hasMessageContaining("Run the command again");

    assertThat(store().<String>update(s -> StoreUpdate.of("works"))).isEqualTo("works");
    assertThat(store().read().lanes()).hasSize(2);
    assertThat(repo.resolve(".lanes/state/journal")).doesNotExist();
    assertThat(repo.resolve("ledger"))
        .satisfiesAnyOf(
            ledger -> assertThat(ledger).doesNotExist(),
            ledger -> assertThat(ledger).isEmptyDirectory());
  }

  @Test
  void anEntryBlockedByAFileWhereItsFolderMustBeIsDroppedOnce() throws IOException {
    writePlan(PLAN);
    Files.createDirectories(repo.resolve("ledger"));
    Files.writeString(repo.resolve("ledger/L-001"), "a file where lane L-001's folder must be\n");
    new Journal(Files.createDirectories(repo.resolve(".lanes/state")))
        .begin(
            "# PLAN.md before the stopped write\n".getBytes(StandardCharsets.UTF_8),
            List.of(LedgerFolder.Rendered.of(dispatch(L1, "L-001#3"))));

    assertThatThrownBy(() -> store().read())
        .isInstanceOf(WorkFailedException.class)
        .hasMessageContaining("dispatch entry of lane L-001")
        .hasMessageContaining("run the command again");

    assertThat(store().read().lanes()).hasSize(2);
    assertThat(store().<String>update(s -> StoreUpdate.of("works"))).isEqualTo("works");
    assertThat(Files.readString(repo.resolve("ledger/L-001")))
        .isEqualTo("a file where lane L-001's folder must be\n");
  }

  @Test
  void aJournalThatCannotBeReadIsDroppedOnce() throws IOException {
    writePlan(PLAN);
    Path journal = Files.createDirectories(repo.resolve(".lanes/state")).resolve("journal");
    Files.writeString(journal, "lanes-journal 1\nbefore abc\nentry L-001 dispatch 99999\nshort\n");

    assertThatThrownBy(() -> store().update(s -> StoreUpdate.of(0)))
        .isInstanceOf(WorkFailedException.class)
        .hasMessageContaining("cannot be read")
        .hasMessageContaining("Run the command again");

    assertThat(store().<String>update(s -> StoreUpdate.of("works"))).isEqualTo("works");
    assertThat(journal).doesNotExist();
  }

  private void append(String text) {
    try (FileOutputStream out = new FileOutputStream(repo.resolve("PLAN.md").toFile(), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addRow(PlanStore store, String lane) {
    store.update(
        s -> {
          List<BoardRow> rows = new ArrayList<>(s.plan().board());
          rows.add(row(lane, BoardStatus.DISPATCHED));
          return StoreUpdate.of(Boolean.TRUE).withBoard(rows);
        });
  }

  private static DispatchEntry dispatch(LaneId lane, String lockId) {
    return new DispatchEntry(lane, 1, lockId, "claude", "c", "w", "b", "base", "`x/**`", NOW);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
