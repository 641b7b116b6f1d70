package org.idminter.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.idminter.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class ExactJsonTest {
  private final ExactJson json = new ExactJson(50);

  @Test
  void aDuplicateKeyIsRefusedNamingItsPath() {
    assertThatThrownBy(() -> json.read("{\"a\":[{\"b\":1,\"c\":{\"d\":1,\"d\":2}}]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("duplicate key 'd' at $.a[0].c.d");
    assertThat(json.read("{\"a\":{\"d\":1},\"b\":{\"d\":2}}").size()).isEqualTo(2);
  }

  @Test
  void numbersKeepTheirCharactersAndIntegersStayNumbers() {
    String text = "{\"a\":[-0.0,-0,1E2,4.9e-330,1e9999,0.60,12,-7,123456789012345678901234]}";
    assertThat(ExactJson.write(json.read(text))).isEqualTo(text);
    assertThat(json.read("{\"status\":201}").get("status").asInt()).isEqualTo(201);
  }

  @Test
  void nestingBeyondTheLimitTrailingTextAndNothingAreRefused() {
    assertThatThrownBy(() -> json.read("[".repeat(51) + "]".repeat(51)))
        .hasMessage("the document nests more than 50 levels deep");
    assertThatThrownBy(() -> json.read("{} {}"))
        .hasMessageStartingWith("not valid JSON: text after");
    assertThatThrownBy(() -> json.read("   ")).hasMessageStartingWith("not valid JSON");
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.oneOf(
            Arbitraries.of(
                "{", "}", "[", "]", ",", ":", "\"a\"", "\"b\"", "1", "-0", "1e5", "null", "tru",
                " ", "\"\\u00"),
            Arbitraries.strings().ofMaxLength(3))
        .list()
        .ofMaxSize(25)
        .map(l -> String.join("", l));
  }

  /** Any text gives a tree that writes back to equivalent JSON, or our exception: nothing else. */
  @Property(tries = 3000)
  void anyTextIsAValueOrOurException(@ForAll("jsonish") String text) {
    try {
      String written = ExactJson.write(json.read(text));
      assertThat(ExactJson.write(json.read(written))).isEqualTo(written);
    } catch (InvalidInputException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
