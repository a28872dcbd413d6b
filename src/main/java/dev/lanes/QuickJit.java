package dev.lanes;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Predicate;
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
 * faster without C2). The switch is a compiler directive, the in-process twin of {@code jcmd
 * Compiler.directives_add}. {@code LANES_JIT=full} keeps C2 on.
 *
 * <p>How: the JDK's diagnostic command object is called directly, which the jar's manifest allows
 * ({@code Add-Opens: jdk.management/com.sun.management.internal}); that takes ~15 ms of one core.
 * Going through the platform MBean server instead, the public way and the fallback when the package
 * is not open, costs ~130 ms of CPU to build the server, while C2 compiles at full speed: most of a
 * short command's start-up on a 2-core machine.
 */
final class QuickJit {
  private static final String DIRECTIVE = "[{match: \"*.*\", c2: {Exclude: true}}]";
  private static final String ADDED = "1 compiler directives added";
  private static final String INTERNAL = "com.sun.management.internal.";

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

  /** Adds the directive now, directly if the JDK lets lanes, else through the MBean server. */
  static boolean excludeC2() {
    return withDirectiveFile(file -> directly(file) || throughMBeanServer(file));
  }

  /** Adds the directive through the JDK's own diagnostic command object; false if not open. */
  static boolean excludeC2Directly() {
    return withDirectiveFile(QuickJit::directly);
  }

  /** Adds the directive through the platform MBean server, the public way. */
  static boolean excludeC2ThroughMBeanServer() {
    return withDirectiveFile(QuickJit::throughMBeanServer);
  }

  private static boolean directly(Path file) {
    try {
      // Its static initialiser loads the native library the diagnostic commands live in.
      Class.forName(INTERNAL + "PlatformMBeanProviderImpl");
      Class<?> impl = Class.forName(INTERNAL + "DiagnosticCommandImpl");
      Method get = impl.getDeclaredMethod("getDiagnosticCommandMBean");
      get.setAccessible(true);
      Object commands = get.invoke(null);
      Method execute = impl.getDeclaredMethod("executeDiagnosticCommand", String.class);
      execute.setAccessible(true);
      return String.valueOf(execute.invoke(commands, "Compiler.directives_add " + file))
          .contains(ADDED);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // Not opened (tests, `java -cp`), or another JDK's internals: the public way follows.
      return false;
    }
  }

  private static boolean throughMBeanServer(Path file) {
    try {
      Object said =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "compilerDirectivesAdd",
                  new Object[] {new String[] {file.toString()}},
                  new String[] {String[].class.getName()});
      return String.valueOf(said).contains(ADDED);
    } catch (JMException | RuntimeException | LinkageError e) {
      // Another JVM, or no management module: lanes runs as well, only with more JIT work.
      return false;
    }
  }

  /**
   * Runs {@code use} with the directive in a new file of the temp folder, then deletes it. The name
   * carries the process id rather than coming from {@code Files.createTempFile}, whose secure
   * random generator takes longer to seed than the whole direct path; it is created new (never an
   * existing file or link), and a name already taken falls back to {@code createTempFile}.
   */
  private static boolean withDirectiveFile(Predicate<Path> use) {
    Path file = null;
    try {
      try {
        file =
            Files.writeString(
                Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "lanes-jit-" + ProcessHandle.current().pid() + ".json"),
                DIRECTIVE,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException taken) {
        file = Files.writeString(Files.createTempFile("lanes-jit", ".json"), DIRECTIVE);
      }
      return use.test(file);
    } catch (IOException | RuntimeException e) {
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
