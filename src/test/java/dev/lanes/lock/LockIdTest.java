package dev.lanes.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LockIdTest {

  @Test
  void readsLaneAndFence() {
    assertThat(LockId.parse("L-003#4")).contains(new LockId("L-003", 4));
    assertThat(LockId.parse("  L-003#4 ")).contains(new LockId("L-003", 4));
    assertThat(LockId.parse("api.v2_x#123456789012345678"))
        .contains(new LockId("api.v2_x", 123456789012345678L));
  }

  @Test
  void writesLaneHashFence() {
    assertThat(new LockId("L-003", 4)).hasToString("L-003#4");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "L-003",
        "L-003#",
        "#4",
        "L-003#0",
        "L-003#-1",
        "L-003#+4",
        "L-003#04",
        "L-003#4a",
        "L-003#4.0",
        "L 3#4",
        "3L#4",
        "L#3#4",
        "L-003 #4",
        "L-003#9999999999999999999"
      })
  void refusesAnythingElse(String text) {
    assertThat(LockId.parse(text)).isEmpty();
  }

  @Test
  void refusesNull() {
    assertThat(LockId.parse(null)).isEmpty();
  }

  @Test
  void constructorRefusesABadLaneOrFence() {
    assertThatThrownBy(() -> new LockId("L#3", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LockId("L-003", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyIdReadsBackFromItsText() {
    qt().withExamples(500)
        .forAll(integers().between(0, 999), longs().between(1, 999_999_999_999_999_999L))
        .checkAssert(
            (n, fence) -> {
              LockId id = new LockId("L-" + n, fence);
              assertThat(LockId.parse(id.toString())).contains(id);
            });
  }
}
