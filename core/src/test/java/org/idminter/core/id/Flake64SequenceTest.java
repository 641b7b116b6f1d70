package org.idminter.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Ordered assignment: strictly increasing, never before the entity's time, resumable. */
class Flake64SequenceTest {
  @Property(tries = 200)
  void valuesStrictlyIncreaseAndNeverPrecedeTheEntitysTime(
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 3) Integer> steps) {
    Flake64Sequence s = new Flake64Sequence();
    long t = 1_700_000_000_000L;
    Flake64 previous = null;
    for (int step : steps) {
      t += step; // times in order, often equal
      Flake64 f = s.next(t);
      assertThat(f.timestamp()).isGreaterThanOrEqualTo(t);
      if (previous != null) {
        assertThat(f.value()).isGreaterThan(previous.value());
      }
      previous = f;
    }
  }

  @Test
  void moreThanAMillisecondHoldsRunsAheadInOrder() {
    Flake64Sequence s = new Flake64Sequence();
    long t = 1_700_000_000_000L;
    int n = (1 << Flake64.LOW_BITS) + 5;
    Flake64 last = null;
    for (int i = 0; i < n; i++) {
      Flake64 f = s.next(t);
      if (last != null) {
        assertThat(f.value()).isGreaterThan(last.value());
      }
      last = f;
    }
    assertThat(last.timestamp()).isEqualTo(t + 1);
    assertThat(last.value() & ((1 << Flake64.LOW_BITS) - 1)).isEqualTo(4);
    // An entity created later than where the sequence ran to gets its own time again.
    assertThat(s.next(t + 10).timestamp()).isEqualTo(t + 10);
  }

  @Test
  void aResumedSequenceContinuesExactly() {
    long t = 1_700_000_000_000L;
    List<Flake64> whole = new ArrayList<>();
    Flake64Sequence s = new Flake64Sequence();
    for (int i = 0; i < 10; i++) {
      whole.add(s.next(t + i / 4));
    }
    Flake64Sequence resumed = Flake64Sequence.after(whole.get(5));
    for (int i = 6; i < 10; i++) {
      assertThat(resumed.next(t + i / 4)).isEqualTo(whole.get(i));
    }
    assertThatThrownBy(() -> s.next(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
