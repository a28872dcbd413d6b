package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain packages import only the JDK and each other, so the rules stay testable alone; the
 * ports only the JDK and the domain; the use cases reach git and the store only through ports.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/dev/lanes");
  private static final Set<String> DOMAIN =
      Set.of("error", "plan", "policy", "scope", "schedule", "lock", "ledger");

  @Test
  void domainPackagesImportOnlyTheJdkAndTheDomain() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String pkg : DOMAIN) {
      Path dir = MAIN.resolve(pkg);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file :
            (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
          for (String line : Files.readAllLines(file)) {
            String l = line.trim();
            if (!l.startsWith("import ")) {
              continue;
            }
            String target = l.replaceFirst("import (static )?", "").replace(";", "");
            if (!allowed(pkg, target)) {
              offenders.add(file + ": " + l);
            }
          }
        }
      }
    }
    assertThat(offenders).as("imports leaving the domain").isEmpty();
  }

  @Test
  void portsImportOnlyTheJdkTheDomainAndEachOther() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String line : importLines("port")) {
      String target = line.substring(line.indexOf(": import ") + ": import ".length());
      if (!allowed("port", target.replaceFirst("static ", ""))
          && !target.startsWith("dev.lanes.port.")) {
        offenders.add(line);
      }
    }
    assertThat(offenders).as("imports leaving the ports").isEmpty();
  }

  /** The use cases take ports: no git or store adapter class, by import or by full name. */
  @Test
  void useCasesReachGitAndTheStoreOnlyThroughPorts() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String pkg : List.of("dispatch", "integrate")) {
      try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
        for (Path file :
            (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
          for (String line : Files.readAllLines(file)) {
            if (line.contains("dev.lanes.git.") || line.contains("dev.lanes.store.")) {
              offenders.add(file + ": " + line.trim());
            }
          }
        }
      }
    }
    assertThat(offenders).as("adapters reached from the use cases").isEmpty();
  }

  private static List<String> importLines(String pkg) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        for (String line : Files.readAllLines(file)) {
          if (line.trim().startsWith("import ")) {
            lines.add(file + ": " + line.trim().replace(";", ""));
          }
        }
      }
    }
    return lines;
  }

  @Test
  void theScanSeesTheDomain() {
    assertThat(MAIN.resolve("port")).isDirectory();
    assertThat(MAIN.resolve("dispatch")).isDirectory();
    assertThat(MAIN.resolve("plan")).isDirectory();
    assertThat(MAIN.resolve("schedule")).isDirectory();
  }

  private static boolean allowed(String pkg, String target) {
    if (target.startsWith("java.")) {
      return true;
    }
    for (String domain : DOMAIN) {
      if (target.startsWith("dev.lanes." + domain + ".")) {
        return true;
      }
    }
    return false;
  }
}
