package dev.lanes.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.plan.Position;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final Position P = Position.START;

  private static Setting set(String key, String value) {
    return new Setting("Integration", key, value, P);
  }

  private static Policy withSettings(Setting... settings) {
    return new Policy(List.of(), List.of(settings), List.of(), List.of());
  }

  private static Gate gate(int number, Set<GateStage> when) {
    return new Gate(number, "g" + number, "true", when, Duration.ofMinutes(1), P);
  }

  @Test
  void anEmptyPolicyHasTheContractDefaults() {
    Policy p = withSettings();
    assertThat(p.ttl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(p.heartbeat()).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.hotspots()).isEmpty();
    assertThat(p.target()).isEmpty();
    assertThat(p.maxParallel()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(p.preApproved()).isEmpty();
    assertThat(p.retries()).isZero();
    assertThat(p.maxCpuPercent()).isEqualTo(80);
    assertThat(p.maxMemoryPercent()).isEqualTo(80);
    assertThat(p.sandbox()).isEqualTo("none");
    assertThat(p.networkAllowed()).isFalse();
    assertThat(p.defaultAgent()).isEmpty();
  }

  @Test
  void typedAccessorsReadTheirSettings() {
    Policy p =
        withSettings(
            set("ttl", "45m"),
            set("heartbeat", "90s"),
            set("hotspots", "`pom.xml`, `src/**` ,, "),
            set("target", "release"),
            set("max-parallel", "3"),
            set("pre-approved", "`./mvnw`, git status"),
            set("retries", "2"),
            set("max-cpu", "70%"),
            set("max-memory", "95"),
            set("sandbox", "Bwrap"),
            set("network", "allow"));
    assertThat(p.ttl()).isEqualTo(Duration.ofMinutes(45));
    assertThat(p.heartbeat()).isEqualTo(Duration.ofSeconds(90));
    assertThat(p.hotspots()).containsExactly("pom.xml", "src/**");
    assertThat(p.target()).contains("release");
    assertThat(p.maxParallel()).isEqualTo(3);
    assertThat(p.preApproved()).containsExactly("./mvnw", "git status");
    assertThat(p.retries()).isEqualTo(2);
    assertThat(p.maxCpuPercent()).isEqualTo(70);
    assertThat(p.maxMemoryPercent()).isEqualTo(95);
    assertThat(p.sandbox()).isEqualTo("bwrap");
    assertThat(p.networkAllowed()).isTrue();
  }

  @Test
  void wrongValuesFallBackToTheDefaults() {
    Policy p =
        withSettings(
            set("ttl", "30"),
            set("heartbeat", "0s"),
            set("max-parallel", "0"),
            set("retries", "-1"),
            set("max-cpu", "150%"),
            set("max-memory", "lots"),
            set("sandbox", "chroot"));
    assertThat(p.ttl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(p.heartbeat()).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.maxParallel()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(p.retries()).isZero();
    assertThat(p.maxCpuPercent()).isEqualTo(80);
    assertThat(p.maxMemoryPercent()).isEqualTo(80);
    assertThat(p.sandbox()).isEqualTo("none");
  }

  @Test
  void settingKeysAreCaseInsensitiveAndTheFirstOccurrenceWins() {
    Policy p = withSettings(set("ttl", "5m"), set("ttl", "10m"));
    assertThat(p.setting("TTL")).contains("5m");
    assertThat(p.duration(" Ttl ")).contains(Duration.ofMinutes(5));
    assertThat(p.setting("unknown")).isEmpty();
    assertThat(p.list("unknown")).isEmpty();
  }

  @Test
  void gatesAreSortedByNumberAndFilteredByStage() {
    Policy p =
        new Policy(
            List.of(),
            List.of(),
            List.of(
                gate(3, EnumSet.of(GateStage.WAVE)),
                gate(1, EnumSet.of(GateStage.LANE, GateStage.PATCH)),
                gate(2, EnumSet.of(GateStage.PATCH))),
            List.of());
    assertThat(p.gates()).extracting(Gate::number).containsExactly(1, 2, 3);
    assertThat(p.gates(GateStage.LANE)).extracting(Gate::number).containsExactly(1);
    assertThat(p.gates(GateStage.PATCH)).extracting(Gate::number).containsExactly(1, 2);
    assertThat(p.gates(GateStage.WAVE)).extracting(Gate::number).containsExactly(3);
  }

  @Test
  void agentsAreFoundByNameAndTheFirstIsTheDefault() {
    AgentSpec claude = new AgentSpec("claude", "claude -p", P);
    AgentSpec codex = new AgentSpec("codex", "codex exec", P);
    Policy p = new Policy(List.of(), List.of(), List.of(), List.of(claude, codex));
    assertThat(p.defaultAgent()).contains(claude);
    assertThat(p.agent("Codex")).contains(codex);
    assertThat(p.agent("aider")).isEmpty();
  }

  @Test
  void aGateListsItsStagesInLadderOrderWhateverOrderTheyWereWritten() {
    Gate g =
        new Gate(
            1,
            "n",
            "true",
            new java.util.LinkedHashSet<>(List.of(GateStage.WAVE, GateStage.LANE)),
            Duration.ofMinutes(1),
            P);
    assertThat(g.when()).containsExactly(GateStage.LANE, GateStage.WAVE);
    assertThat(g.runsAt(GateStage.PATCH)).isFalse();
  }

  @Test
  void gateStagesAreReadInAnyCase() {
    assertThat(GateStage.parse("lane")).contains(GateStage.LANE);
    assertThat(GateStage.parse(" PATCH ")).contains(GateStage.PATCH);
    assertThat(GateStage.parse("Wave")).contains(GateStage.WAVE);
    assertThat(GateStage.parse("nightly")).isEmpty();
    assertThat(GateStage.parse("")).isEmpty();
  }

  @Test
  void aGateNeedsANumberACommandAStageAndATimeout() {
    assertThatThrownBy(() -> gate(0, EnumSet.of(GateStage.LANE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> gate(1, EnumSet.noneOf(GateStage.class)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Gate(1, "n", " ", EnumSet.of(GateStage.LANE), Duration.ofMinutes(1), P))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
