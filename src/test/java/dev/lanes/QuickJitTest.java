package dev.lanes;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The compiler directive lanes adds as it starts is one this JVM accepts, by either way of adding
 * it, and it is the one that keeps C2 out of every method (a typo in its text, or a direct path the
 * JDK refuses, would only show as a slower lanes otherwise). The test JVM opens the package as the
 * jar's manifest does (see the surefire argLine).
 */
class QuickJitTest {

  @Test
  void theDirectPathAddsTheDirectiveAndItExcludesC2FromEveryMethod() throws Exception {
    assertThat(QuickJit.excludeC2Directly()).isTrue();
    assertExcludesC2();
  }

  @Test
  void thePublicPathAddsTheSameDirective() throws Exception {
    assertThat(QuickJit.excludeC2ThroughMBeanServer()).isTrue();
    assertExcludesC2();
  }

  private static void assertExcludesC2() throws Exception {
    try {
      String printed = diagnostic("compilerDirectivesPrint");
      // The newest directive is printed first: all methods, C1 untouched, C2 excluded.
      int first = printed.indexOf("Directive:");
      int c2 = printed.indexOf("c2 directives:", first);
      int next = printed.indexOf("Directive:", c2);
      assertThat(printed.substring(first, c2)).contains("matching: *.*").contains("Exclude:false");
      assertThat(printed.substring(c2, next < 0 ? printed.length() : next))
          .contains("Exclude:true");
    } finally {
      // The rest of the test run keeps its own compiler.
      diagnostic("compilerDirectivesRemove");
    }
  }

  private static String diagnostic(String operation) throws Exception {
    return String.valueOf(
        ManagementFactory.getPlatformMBeanServer()
            .invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"),
                operation,
                new Object[] {new String[0]},
                new String[] {String[].class.getName()}));
  }
}
