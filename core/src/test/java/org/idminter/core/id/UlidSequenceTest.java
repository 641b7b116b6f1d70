package org.idminter.core.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Reproducible ordered ULIDs: strictly increasing, at the row's time, resumable, secret-bound. */
class UlidSequenceTest {
  @Property(tries = 200)
  void valuesStrictlyIncreaseAndCarryTheRowsTime(
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 3) Integer> steps,
      @ForAll long secret) {
    UlidSequence s = new UlidSequence(secret);
    long t = 1_700_000_000_000L;
    Ulid previous = null;
    for (int step : steps) {
      t += step;
      Ulid u = s.next(t);
      assertThat(u.timestamp()).isEqualTo(t);
      if (previous != null) {
        assertThat(u).isGreaterThan(previous);
      }
      previous = u;
    }
  }

  @Test
  void theSameSecretGivesTheSameValuesAndAnotherSecretOthers() {
    long t = 1_700_000_000_000L;
    List<Ulid> a = new ArrayList<>();
    List<Ulid> b = new ArrayList<>();
    List<Ulid> c = new ArrayList<>();
    UlidSequence sa = new UlidSequence(42);
    UlidSequence sb = new UlidSequence(42);
    UlidSequence sc = new UlidSequence(43);
    for (int i = 0; i < 20; i++) {
      a.add(sa.next(t + i / 5));
      b.add(sb.next(t + i / 5));
      c.add(sc.next(t + i / 5));
    }
    assertThat(a).isEqualTo(b);
    assertThat(a).doesNotContainAnyElementsOf(c);
  }

  @Test
  void aResumedSequenceContinuesExactly() {
    long t = 1_700_000_000_000L;
    List<Ulid> whole = new ArrayList<>();
    UlidSequence s = new UlidSequence(7);
    for (int i = 0; i < 12; i++) {
      whole.add(s.next(t + i / 4));
    }
    UlidSequence resumed = UlidSequence.after(whole.get(5), 7);
    List<Ulid> rest = new ArrayList<>();
    for (int i = 6; i < 12; i++) {
      rest.add(resumed.next(t + i / 4));
    }
    assertThat(rest).isEqualTo(whole.subList(6, 12));
  }

  @Test
  void aRowEarlierThanTheLastValueCountsOnInTheLastMillisecond() {
    long t = 1_700_000_000_000L;
    UlidSequence s = new UlidSequence(1);
    Ulid first = s.next(t + 5);
    Ulid late = s.next(t);
    assertThat(late.timestamp()).isEqualTo(t + 5);
    assertThat(late).isGreaterThan(first);
  }

  @Test
  void overflowingAllEightyRandomBitsRunsOneMillisecondAhead() {
    long t = 1_700_000_000_000L;
    Ulid top = new Ulid((t << 16) | 0xFFFFL, -1L);
    Ulid next = UlidSequence.after(top, 9).next(t);
    assertThat(next.timestamp()).isEqualTo(t + 1);
    assertThat(next).isGreaterThan(top);
  }
}
