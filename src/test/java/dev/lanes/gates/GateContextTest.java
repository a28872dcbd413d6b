package dev.lanes.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GateContextTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "/etc/passwd", "a/../../x", "..", "./a", "a//b", "a/", "a\\b"})
  void refusesPathsThatAreNotRepositoryRelative(String file) {
    assertThatThrownBy(() -> new GateContext("L-001", List.of(file)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a repository-relative file path");
  }

  @Test
  void acceptsOrdinaryPathsWithOddCharactersAndCopiesTheList() {
    List<String> files = new ArrayList<>(List.of("a b/it's.txt", "..hidden/x", "top"));
    GateContext ctx = new GateContext("L-001", files);
    files.clear();
    assertThat(ctx.files()).containsExactly("a b/it's.txt", "..hidden/x", "top");
  }
}
