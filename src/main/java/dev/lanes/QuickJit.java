package dev.lanes;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Keeps the JVM's optimising compiler (C2) out of a lanes run, as {@code -XX:TieredStopAtLevel=1}
 * would, since {@code java -jar} cannot pass that flag.
 *
 * <p>Why: a lanes command lives seconds to minutes and spends its time waiting for git and workers;
 * measured on a 2-core machine, C2 compiled ~700 methods during a 50-lane dispatch and took two
 * thirds of the process's CPU (6 of 9 s), competing with the very git processes lanes waits for.
 * Quick C1 code is fast enough for everything lanes does ({@code waves} over 100,000 files even ran
 * faster without C2). The switch is a compiler directive added through the JVM's own diagnostic
 * command bean, the in-process twin of {@code jcmd Compiler.directives_add}; it runs on a
 * background thread because building the platform bean server costs ~0.1 s of CPU, which the second
 * core absorbs while the command starts. {@code LANES_JIT=full} keeps C2 on.
 */
final class QuickJit {
  private static final String DIRECTIVE = "[{match: \"*.*\", c2: {Exclude: true}}]";

  private QuickJit() {}

  /** Starts the switch on a daemon thread unless {@code LANES_JIT=full}; never fails the run. */
  static void startUnlessDisabled() {
    if ("full".equals(System.getenv("LANES_JIT"))) {
      return;
    }
    Thread t = new Thread(QuickJit::excludeC2, "lanes-quick-jit");
    t.setDaemon(true);
    t.start();
  }

  /** Adds the directive now; true when the JVM says it took it. */
  static boolean excludeC2() {
    Path file = null;
    try {
      file = Files.createTempFile("lanes-jit", ".json");
      Files.writeString(file, DIRECTIVE, StandardCharsets.UTF_8);
      Object said =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "compilerDirectivesAdd",
                  new Object[] {new String[] {file.toString()}},
                  new String[] {String[].class.getName()});
      return String.valueOf(said).contains("1 compiler directives added");
    } catch (IOException | JMException | RuntimeException | LinkageError e) {
      // Another JVM, or no management module: lanes runs as well, only with more JIT work.
      return false;
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // A leftover 40-byte file in the temp folder harms nothing.
        }
      }
    }
  }
}
