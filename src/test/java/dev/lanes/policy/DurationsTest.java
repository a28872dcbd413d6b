package dev.lanes.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "90s, PT1M30S",
    "5m, PT5M",
    "2h, PT2H",
    "1d, PT24H",
    "1h30m, PT1H30M",
    "500ms, PT0.5S",
    "1m500ms, PT1M0.5S",
    "'  1h 30m ', PT1H30M",
    "5 m, PT5M",
    "2H, PT2H",
    "0s, PT0S",
    "1d2h3m4s5ms, PT26H3M4.005S"
  })
  void readsTheUnitsAgentsMdUses(String text, String iso) {
    assertThat(Durations.parse(text)).contains(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "5",
        "",
        "   ",
        "m",
        "5x",
        "5 minutes",
        "1.5h",
        "-5m",
        "30m1h",
        "1h1h",
        "1h30",
        "h5",
        "99999999999999999999d",
        "106751991168d"
      })
  void refusesWhatIsNotADuration(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "PT1M30S, 90s",
    "PT5M, 5m",
    "PT2H, 2h",
    "PT24H, 1d",
    "PT0.5S, 500ms",
    "PT0S, 0s",
    "PT1H0M1S, 1h1s",
    "PT1H30M, 90m",
    "PT1H30M1S, 90m1s",
    "PT1H0M0.5S, 1h500ms",
    "PT25H, 25h"
  })
  void formatsTheShortestForm(String iso, String text) {
    assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
  }

  @Test
  void formatsNegativeDurationsWithASign() {
    assertThat(Durations.format(Duration.ofMinutes(-5))).isEqualTo("-5m");
  }

  @Test
  void anyDurationToTheMillisecondReadsBackFromItsFormat() {
    qt().withExamples(1000)
        .forAll(longs().between(0, 400L * 365 * 86_400_000L))
        .checkAssert(
            ms -> {
              Duration d = Duration.ofMillis(ms);
              String text = Durations.format(d);
              assertThat(Durations.parse(text)).as(text).contains(d);
            });
  }

  @Test
  void formatNeverWritesMoreThanTheTextItWasReadFrom() {
    qt().withExamples(500)
        .forAll(
            integers().between(0, 9),
            integers().between(0, 30),
            integers().between(0, 200),
            integers().between(0, 5000))
        .checkAssert(
            (d, h, m, s) -> {
              String text = d + "d" + h + "h" + m + "m" + s + "s";
              Optional<Duration> read = Durations.parse(text);
              assertThat(read).isPresent();
              String formatted = Durations.format(read.get());
              assertThat(formatted.length()).isLessThanOrEqualTo(text.length());
              assertThat(Durations.parse(formatted)).contains(read.get());
            });
  }

  @ParameterizedTest
  @CsvSource({
    "PT0S, 0s",
    "PT59.9S, 59s",
    "PT1M15S, 1m15s",
    "PT2M, 2m0s",
    "PT2H5M30S, 2h5m",
    "PT-3S, 0s"
  })
  void elapsedIsToTheSecondAndFromAnHourOnToTheMinute(String iso, String text) {
    assertThat(Durations.elapsed(Duration.parse(iso))).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({"PT2.049S, 2.0s", "PT2.05S, 2.1s", "PT0S, 0.0s", "PT61.25S, 61.3s"})
  void secondsAreToATenthRoundedHalfUp(String iso, String text) {
    assertThat(Durations.seconds(Duration.parse(iso))).isEqualTo(text);
  }

  @Test
  void shortenedTextKeepsItsLimitAndShowsTheCut() {
    assertThat(dev.lanes.plan.Shortened.of("abc", 3)).isEqualTo("abc");
    assertThat(dev.lanes.plan.Shortened.of("abcdef", 5)).isEqualTo("ab...");
  }
}
