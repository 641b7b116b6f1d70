package org.idminter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.idminter.core.id.CanonicalIdGenerator;
import org.junit.jupiter.api.Test;

class CanonicalIdTest {

  @Property
  void generatedIdsAlwaysMatchTheFormat(@ForAll long seed) {
    CanonicalIdGenerator generator = new CanonicalIdGenerator(new Random(seed));
    for (CanonicalId id : generator.next(50)) {
      assertThat(id.value()).matches("^[a-hjkmnp-z][a-hjkmnp-z2-9]{7}$");
    }
  }

  @Property
  void parsingAnyTextReturnsAnIdOrThrowsInvalidInput(@ForAll String text) {
    try {
      assertThat(CanonicalId.parse(text).value()).isEqualTo(text);
    } catch (InvalidInputException e) {
      assertThat(e.getMessage()).startsWith("bad canonical ID");
    }
  }

  @Property
  void validityAgreesWithTheFormatOnNearMissTexts(
      @ForAll
          @StringLength(min = 7, max = 9)
          @CharRange(from = '0', to = '9')
          @CharRange(from = 'a', to = 'z')
          @Chars({'A', 'Z', '/', ':', '`', '{'})
          String text) {
    assertThat(CanonicalId.isValid(text))
        .isEqualTo(text.matches("^[a-hjkmnp-z][a-hjkmnp-z2-9]{7}$"));
  }

  @Test
  void idsMintedUnderOlderRulesAreReadButOnlyTodaysFormatIsCurrent() {
    for (String old : List.of("f0000000", "i000001", "a", "b1000001")) {
      CanonicalId id = CanonicalId.parse(old);
      assertThat(id.value()).isEqualTo(old);
      assertThat(id.isCurrent()).isFalse();
      assertThatThrownBy(() -> CanonicalId.current(old))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(
              "bad canonical ID '"
                  + old
                  + "': expected 8 characters matching "
                  + CanonicalId.FORMAT);
    }
    assertThat(CanonicalId.current("vg7ev4w3").isCurrent()).isTrue();
    for (String bad : List.of("", "ABCDEFGH", "abcdefghj", "abc-defg", "abc defg")) {
      assertThatThrownBy(() -> CanonicalId.parse(bad))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("1 to 8 lowercase letters and digits");
    }
  }

  @Test
  void generatorDrawsEveryPositionUniformly() {
    CanonicalIdGenerator generator = new CanonicalIdGenerator(new Random(1));
    int n = 62_000;
    int[][] counts = new int[8][128];
    for (CanonicalId id : generator.next(n)) {
      for (int p = 0; p < 8; p++) {
        counts[p][id.value().charAt(p)]++;
      }
    }
    for (int p = 0; p < 8; p++) {
      String alphabet = p == 0 ? CanonicalId.FIRST_ALPHABET : CanonicalId.ALPHABET;
      double expected = (double) n / alphabet.length();
      double chiSquare = 0;
      for (char c : alphabet.toCharArray()) {
        chiSquare += Math.pow(counts[p][c] - expected, 2) / expected;
      }
      // 99.9th percentile of chi-square with 30 degrees of freedom is 59.7 (22: 48.3)
      assertThat(chiSquare).as("position %d", p).isLessThan(p == 0 ? 48.3 : 59.7);
      int used = 0;
      for (int c = 0; c < 128; c++) {
        used += counts[p][c] > 0 ? 1 : 0;
      }
      assertThat(used).isEqualTo(alphabet.length());
    }
  }

  @Test
  void todaysFormatRejectsIdsOutsideTheAlphabetNamingTheValue() {
    for (String bad :
        new String[] {
          "i2345678", "a234567", "a23456789", "a2345670", "A2345678", "2abcdefg", "abcdefgl"
        }) {
      assertThatThrownBy(() -> CanonicalId.current(bad))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("'" + bad + "'");
      assertThat(CanonicalId.isValid(bad)).isFalse();
    }
  }
}
