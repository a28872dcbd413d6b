package dev.lanes.gates;

import dev.lanes.policy.ShellWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the {@code {files}}, {@code {dirs}}, {@code {modules}} and {@code {lane}} placeholders of a
 * gate command, each value shell-quoted so that a path with spaces or quotes stays one word.
 *
 * <p>Every list is sorted and free of duplicates, so the same change always renders the same
 * command (the gate cache keys on it). Other brace words ({@code ${HOME}}, awk's {@code {print}})
 * are left alone, and the command is filled in one pass, so a file named {@code {dirs}} is not
 * filled again.
 */
public final class Placeholders {
  /** The files whose presence makes a folder a build module. */
  public static final List<String> MODULE_MARKERS =
      List.of("pom.xml", "package.json", "Cargo.toml", "go.mod", "pyproject.toml");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(files|dirs|modules|lane)}");

  private Placeholders() {}

  /**
   * The command with its placeholders filled for {@code ctx}, modules looked up on disk under
   * {@code dir}; empty when the command uses a placeholder whose value is empty (the gate is then
   * skipped).
   */
  public static Optional<String> render(String command, GateContext ctx, Path dir) {
    Matcher m = PLACEHOLDER.matcher(command);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      List<String> words =
          switch (m.group(1)) {
            case "files" -> files(ctx);
            case "dirs" -> dirs(ctx);
            case "modules" -> modules(ctx, dir);
            default -> ctx.lane().isEmpty() ? List.of() : List.of(ctx.lane());
          };
      if (words.isEmpty()) {
        return Optional.empty();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(quoted(words)));
    }
    m.appendTail(out);
    return Optional.of(out.toString());
  }

  /** The touched files, sorted, without duplicates. */
  public static List<String> files(GateContext ctx) {
    return List.copyOf(new TreeSet<>(ctx.files()));
  }

  /** The distinct folders holding the touched files, sorted; {@code .} for top-level files. */
  public static List<String> dirs(GateContext ctx) {
    TreeSet<String> dirs = new TreeSet<>();
    for (String file : ctx.files()) {
      dirs.add(parent(file));
    }
    return List.copyOf(dirs);
  }

  /**
   * The distinct build modules holding the touched files, sorted: for each file the nearest folder,
   * from its own up to {@code dir} itself ({@code .}), that holds one of the {@link
   * #MODULE_MARKERS}; files in no module are left out.
   */
  public static List<String> modules(GateContext ctx, Path dir) {
    TreeSet<String> modules = new TreeSet<>();
    for (String file : ctx.files()) {
      nearestModule(parent(file), dir).ifPresent(modules::add);
    }
    return List.copyOf(modules);
  }

  private static Optional<String> nearestModule(String folder, Path dir) {
    String current = folder;
    while (true) {
      Path onDisk = current.equals(".") ? dir : dir.resolve(current);
      for (String marker : MODULE_MARKERS) {
        if (Files.isRegularFile(onDisk.resolve(marker))) {
          return Optional.of(current);
        }
      }
      if (current.equals(".")) {
        return Optional.empty();
      }
      current = parent(current);
    }
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "." : path.substring(0, slash);
  }

  private static String quoted(List<String> words) {
    return String.join(" ", words.stream().map(ShellWords::quote).toList());
  }
}
