package org.idminter.core.id;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.idminter.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * The non-throwing parsers that resolution uses agree with the throwing ones on every text: null
 * exactly where the other refuses, the same value everywhere else.
 */
class FastParsersTest {
  @Provide
  Arbitrary<String> idLike() {
    Arbitrary<String> shaped =
        Arbitraries.of("Q", "P", "L", "X", "q", "", "QQ", "Q0", "Q-")
            .flatMap(
                p ->
                    Arbitraries.strings()
                        .withChars("0123456789")
                        .ofMinLength(0)
                        .ofMaxLength(21)
                        .map(d -> p + d));
    Arbitrary<String> base32 =
        Arbitraries.strings().withChars("0123456789ABCDEFGHJKMNPQRSTVWXYZabcxyzILOU!").ofLength(13);
    Arbitrary<String> decimal =
        Arbitraries.longs().map(String::valueOf).map(s -> s.startsWith("-") ? s.substring(1) : s);
    return Arbitraries.oneOf(shaped, base32, decimal, Arbitraries.strings().ofMaxLength(25));
  }

  @Property(tries = 3000)
  void qidTryParseAgreesWithParse(@ForAll("idLike") String text) {
    Qid strict;
    try {
      strict = QidPrefixes.DEFAULT.parse(text);
    } catch (InvalidInputException e) {
      strict = null;
    }
    assertThat(QidPrefixes.DEFAULT.tryParse(text)).isEqualTo(strict);
  }

  @Property(tries = 3000)
  void flake64TryParseAgreesWithParse(@ForAll("idLike") String text) {
    Flake64 strict;
    try {
      strict = Flake64.parse(text);
    } catch (InvalidInputException e) {
      strict = null;
    }
    assertThat(Flake64.tryParse(text)).isEqualTo(strict);
  }

  @Test
  void edges() {
    assertThat(Flake64.tryParse("9223372036854775807")).isEqualTo(new Flake64(Long.MAX_VALUE));
    assertThat(Flake64.tryParse("9223372036854775808")).isNull();
    assertThat(Flake64.tryParse("7ZZZZZZZZZZZZ")).isEqualTo(new Flake64(Long.MAX_VALUE));
    assertThat(Flake64.tryParse("8000000000000")).isEqualTo(new Flake64(8_000_000_000_000L));
    assertThat(Flake64.tryParse("80000000000A0")).isNull();
    assertThat(QidPrefixes.DEFAULT.tryParse("Q" + "9".repeat(18))).isNotNull();
    assertThat(QidPrefixes.DEFAULT.tryParse("Q" + "9".repeat(19))).isNull();
    assertThat(QidPrefixes.DEFAULT.tryParse("Q01")).isNull();
    assertThat(QidPrefixes.DEFAULT.tryParse(null)).isNull();
  }
}
