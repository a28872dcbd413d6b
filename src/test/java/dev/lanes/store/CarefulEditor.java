package dev.lanes.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A person's editor for tests: reads the whole file, edits it, and saves the whole file back, the
 * way an editor that warns about changes on disk does (it reloads and edits again when the file
 * changed since it was read).
 */
final class CarefulEditor {
  private final Path file;

  CarefulEditor(Path file) {
    this.file = file;
  }

  void edit(UnaryOperator<String> change) throws IOException, InterruptedException {
    Path dir = file.getParent();
    while (true) {
      byte[] read;
      try {
        read = Files.readAllBytes(file);
      } catch (NoSuchFileException saving) {
        Thread.sleep(1);
        continue;
      }
      String edited = change.apply(new String(read, StandardCharsets.UTF_8));
      Path swap = Files.createTempFile(dir, ".PLAN.md.", ".swp");
      Path aside = dir.resolve(".PLAN.md.editor-backup");
      try {
        Files.writeString(swap, edited, StandardCharsets.UTF_8);
        try {
          Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException saving) {
          continue;
        }
        boolean same = Arrays.equals(Files.readAllBytes(aside), read);
        try {
          Files.createLink(file, same ? swap : aside);
        } catch (FileAlreadyExistsException other) {
          same = false;
        }
        Files.deleteIfExists(aside);
        if (same) {
          return;
        }
      } finally {
        Files.deleteIfExists(swap);
      }
    }
  }
}
