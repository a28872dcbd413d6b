package dev.lanes.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes folders under {@code .lanes/}, lanes' local run state, so that it never shows in the
 * person's {@code git status}: the first one made also writes {@code .lanes/.gitignore} holding
 * {@code *}, which ignores the folder's whole content, itself included.
 *
 * <p>Why not only {@code info/exclude}: lanes adds {@code .lanes/} there when it makes a worktree,
 * but the store and the integrator lock create {@code .lanes/state} earlier (an {@code integrate}
 * with nothing to do, a {@code checkpoint}, a dispatch killed before its first worktree), and a
 * person who then commits the Board with {@code git add -A} would commit lanes' lock files too.
 */
public final class LanesFolder {
  public static final String DIR = ".lanes";

  private LanesFolder() {}

  /** Creates {@code .lanes/<relative>} under {@code repoRoot} (and the ignore file) if missing. */
  public static Path create(Path repoRoot, String relative) throws IOException {
    Path lanes = repoRoot.resolve(DIR);
    Path dir = Files.createDirectories(lanes.resolve(relative));
    Path ignore = lanes.resolve(".gitignore");
    if (!Files.exists(ignore)) {
      try {
        Files.write(
            ignore,
            "# lanes' local run state: never committed\n*\n".getBytes(StandardCharsets.UTF_8),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException another) {
        // Another lanes process wrote it at the same moment.
      }
    }
    return dir;
  }
}
