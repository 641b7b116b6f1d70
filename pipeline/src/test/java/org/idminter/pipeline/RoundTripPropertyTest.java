package org.idminter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.idminter.core.document.Documents;
import org.idminter.pipeline.sink.JsonLinesSink;
import org.idminter.pipeline.source.JsonLinesSource;

/** Documents without identifiable nodes come out exactly as they went in. */
class RoundTripPropertyTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  @Provide
  Arbitrary<Object> documents() {
    Arbitrary<String> keys =
        Arbitraries.strings()
            .ofMinLength(1)
            .ofMaxLength(12)
            .filter(k -> !k.equals("sourceIdentifier"));
    Arbitrary<Object> leaves =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
            Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                .map(i -> (Object) i),
            Arbitraries.longs()
                .flatMap(
                    u ->
                        Arbitraries.integers()
                            .between(0, 6)
                            .map(s -> (Object) BigDecimal.valueOf(u, s))),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.just(null));
    return Arbitraries.recursive(
        () -> leaves,
        inner ->
            Arbitraries.oneOf(
                Arbitraries.maps(keys, inner).ofMaxSize(4).map(m -> (Object) m),
                inner.list().ofMaxSize(4).map(l -> (Object) l)),
        0,
        5);
  }

  @Property(tries = 300)
  void documentsWithoutIdentifiableNodesRoundTripExactly(@ForAll("documents") Object value)
      throws Exception {
    Map<String, Object> document = new java.util.LinkedHashMap<>();
    document.put("data", value);
    String text = PLAIN.writeValueAsString(document);
    JsonNode parsed;
    try (JsonLinesSource source =
        new JsonLinesSource(new StringReader(text + "\n"), 1 << 20, 1000)) {
      List<Work> works = source.next(1);
      parsed = works.get(0).document().orElseThrow();
    }
    assertThat(Documents.find(parsed)).isEmpty();
    StringWriter out = new StringWriter();
    try (JsonLinesSink sink = new JsonLinesSink(out)) {
      sink.write(parsed);
    }
    assertThat(out.toString()).isEqualTo(text + "\n");
  }
}
