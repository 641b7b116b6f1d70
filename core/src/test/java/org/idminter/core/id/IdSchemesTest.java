package org.idminter.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.idminter.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class IdSchemesTest {
  /** A clock the test moves by hand. */
  private static final class HandClock implements InstantSource {
    final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  @Test
  void aUlidReadsAndWritesAsTheSpecificationSays() {
    Ulid u = Ulid.parse("01ARZ3NDEKTSV4RRFFQ69G5FAV");
    assertThat(u.timestamp()).isEqualTo(1_469_922_850_259L);
    assertThat(u).hasToString("01ARZ3NDEKTSV4RRFFQ69G5FAV");
    assertThat(Ulid.parse("01arz3ndektsv4rrffq69g5fav")).isEqualTo(u);
    assertThat(Ulid.parse("7ZZZZZZZZZZZZZZZZZZZZZZZZZ")).hasToString("7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
    assertThatThrownBy(() -> Ulid.parse("80000000000000000000000000"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("larger than 7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
    assertThatThrownBy(() -> Ulid.parse("01ARZ3NDEKTSV4RRFFQ69G5FA"))
        .hasMessageContaining("a ULID is 26 characters, this has 25");
    assertThatThrownBy(() -> Ulid.parse("01ARZ3NDEKTSV4RRFFQ69G5FAU"))
        .hasMessageContaining("character 26 ('U') is not in Crockford's base32 alphabet");
  }

  @Property
  void everyUlidValueRoundTrips(@ForAll long high, @ForAll long low) {
    Ulid u = new Ulid(high, low);
    assertThat(Ulid.parse(u.toString())).isEqualTo(u);
    assertThat(u.toString()).hasSize(26).matches("[0-7][0-9A-HJKMNP-TV-Z]{25}");
  }

  @Property
  void flake64RoundTripsInDecimalAndBase32(@ForAll long any) {
    Flake64 f = new Flake64(any & Long.MAX_VALUE);
    assertThat(Flake64.parse(f.toString())).isEqualTo(f);
    assertThat(Flake64.parseBase32(f.toBase32())).isEqualTo(f);
    if (!f.toBase32().chars().allMatch(Character::isDigit)) {
      // 13 digits alone read as decimal: only a base32 form with a letter is told apart by form
      assertThat(Flake64.parse(f.toBase32().toLowerCase())).isEqualTo(f);
    }
  }

  @Test
  void theUlidGeneratorNeverRepeatsNorGoesBackWhateverTheClockDoes() {
    HandClock clock = new HandClock();
    UlidGenerator g = new UlidGenerator(clock, new Random(7));
    List<Ulid> ids = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      if (i % 1000 == 999) {
        clock.millis.addAndGet(-5_000); // the clock steps back five seconds
      } else if (i % 7 == 0) {
        clock.millis.incrementAndGet();
      }
      ids.add(g.next());
    }
    for (int i = 1; i < ids.size(); i++) {
      assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
    }
    assertThat(g.runAheadMillis()).isGreaterThan(4_000);
  }

  @Test
  void aUlidGeneratorWhoseRandomPartOverflowsRunsOneMillisecondAhead() {
    HandClock clock = new HandClock();
    RandomGenerator allOnes = () -> -1L;
    UlidGenerator g = new UlidGenerator(clock, allOnes);
    Ulid first = g.next();
    Ulid second = g.next();
    assertThat(first.timestamp()).isEqualTo(clock.millis.get());
    assertThat(second.timestamp()).isEqualTo(clock.millis.get() + 1);
    assertThat(second).isGreaterThan(first);
    assertThat(g.runAheadMillis()).isEqualTo(1);
  }

  @Test
  void generatorsAreSafeToShareBetweenThreads() throws Exception {
    UlidGenerator ulids = new UlidGenerator(InstantSource.system(), new Random(1));
    Flake64Generator flakes = new Flake64Generator(InstantSource.system(), new Random(2));
    Set<Ulid> seenUlids = ConcurrentHashMap.newKeySet();
    Set<Flake64> seenFlakes = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  seenUlids.add(ulids.next());
                  seenFlakes.add(flakes.next());
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(seenUlids).hasSize(80_000);
    assertThat(seenFlakes).hasSize(80_000);
  }

  @Test
  void aFlake64GeneratorGivesTwoMillionDistinctIdsPerMillisecondThenRunsAhead() {
    HandClock clock = new HandClock();
    Flake64Generator g = new Flake64Generator(clock, new Random(3));
    long t = clock.millis.get();
    Set<Long> seen = new HashSet<>();
    int perMilli = 1 << Flake64.LOW_BITS;
    for (int i = 0; i < perMilli; i++) {
      Flake64 f = g.next();
      assertThat(f.timestamp()).isEqualTo(t);
      seen.add(f.value());
    }
    assertThat(seen).hasSize(perMilli);
    Flake64 next = g.next();
    assertThat(next.timestamp()).isEqualTo(t + 1);
    assertThat(g.runAheadMillis()).isEqualTo(1);
  }

  @Test
  void flake64TimesFitUntil2109AndTheSignBitIsNeverSet() {
    assertThat(Instant.ofEpochMilli(Flake64.MAX_TIME).toString()).startsWith("2109-05-15");
    assertThatThrownBy(() -> Flake64.of(Flake64.MAX_TIME + 1, 0))
        .hasMessageContaining("outside 1970-01-01 to 2109-05-15");
    assertThat(Flake64.of(Flake64.MAX_TIME, (1 << 21) - 1).value()).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> Flake64.parse("9223372036854775808"))
        .hasMessageContaining("larger than 2^63 - 1");
    assertThatThrownBy(() -> Flake64.parse("8ZZZZZZZZZZZZ")).hasMessageContaining("larger than");
  }

  @Test
  void qidsHaveAnEntityTypeByPrefixAndNoLeadingZeros() {
    assertThat(Qid.parse("Q42")).isEqualTo(new Qid("Q", 42, "item"));
    assertThat(Qid.parse("P31").entityType()).isEqualTo("property");
    assertThat(Qid.parse("L7").entityType()).isEqualTo("lexeme");
    assertThatThrownBy(() -> Qid.parse("Q042")).hasMessageContaining("without leading zeros");
    assertThatThrownBy(() -> Qid.parse("Q0")).hasMessageContaining("positive decimal");
    assertThatThrownBy(() -> Qid.parse("X1")).hasMessageContaining("the prefix 'X' is none of");
    assertThat(Qid.parse("M9", java.util.Map.of("M", "mediainfo")).entityType())
        .isEqualTo("mediainfo");
  }

  @Test
  void detectionNamesEverySchemeAValueIsValidInWithItsTime() {
    Instant rfcTime = Instant.parse("2022-02-22T19:22:22Z");
    assertThat(IdDetector.detect("C232AB00-9414-11EC-B3C8-9F6BDECED846"))
        .containsExactly(new IdDetector.Match("uuid", "version 1", java.util.Optional.of(rfcTime)));
    assertThat(IdDetector.detect("1EC9414C-232A-6B00-B3C8-9F6BDECED846"))
        .containsExactly(new IdDetector.Match("uuid", "version 6", java.util.Optional.of(rfcTime)));
    assertThat(IdDetector.detect("017F22E2-79B0-7CC3-98C4-DC0C0C07398F"))
        .containsExactly(new IdDetector.Match("uuid", "version 7", java.util.Optional.of(rfcTime)));
    assertThat(IdDetector.detect("01ARZ3NDEKTSV4RRFFQ69G5FAV"))
        .extracting(IdDetector.Match::scheme)
        .containsExactly("ulid");
    assertThat(IdDetector.detect("Q42"))
        .containsExactly(new IdDetector.Match("qid", "item", java.util.Optional.empty()));
    assertThat(IdDetector.detect("vg7ev4w3"))
        .extracting(IdDetector.Match::scheme)
        .contains("canonical");
    assertThat(IdDetector.detect("3566047250727776256"))
        .extracting(IdDetector.Match::scheme)
        .containsExactly("flake64", "integer");
    assertThat(IdDetector.detect("")).isEmpty();
    assertThat(IdDetector.detect("no such thing!")).isEmpty();
  }
}
