package org.idminter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.idminter.core.document.Documents;
import org.idminter.pipeline.sink.JsonLinesSink;
import org.idminter.pipeline.source.JsonLinesSource;

/**
 * Documents without identifiable nodes come out exactly as they went in, character for character:
 * numbers in every form JSON allows (signed zeros, exponents in either case and sign, huge and tiny
 * values, long fractions) are never rewritten.
 */
class RoundTripPropertyTest {
  private static final JsonFactory JSON = new JsonFactory();

  /** A number as written in the input. */
  record NumberText(String text) {}

  @Provide
  Arbitrary<NumberText> numbers() {
    Arbitrary<String> sign = Arbitraries.of("", "-");
    Arbitrary<String> integer =
        Arbitraries.oneOf(
            Arbitraries.just("0"),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40).map(d -> "1" + d),
            Arbitraries.longs().greaterOrEqual(1).map(Object::toString));
    Arbitrary<String> fraction =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30).map(d -> "." + d));
    Arbitrary<String> exponent =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Combinators.combine(
                    Arbitraries.of("e", "E"),
                    Arbitraries.of("", "+", "-"),
                    Arbitraries.of("0", "2", "308", "309", "330", "9999", "100000000", "0400"))
                .as((e, s, d) -> e + s + d));
    return Combinators.combine(sign, integer, fraction, exponent)
        .as((s, i, f, e) -> new NumberText(s + i + f + e));
  }

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
            numbers().map(n -> (Object) n),
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

  @Property(tries = 400)
  void documentsWithoutIdentifiableNodesRoundTripExactly(@ForAll("documents") Object value)
      throws Exception {
    Map<String, Object> document = new java.util.LinkedHashMap<>();
    document.put("data", value);
    String text = write(document);
    assertThat(roundTrip(text)).isEqualTo(text + "\n");
  }

  @Example
  void numbersTheOriginalRunRewroteAreKept() throws Exception {
    for (String n :
        List.of(
            "-0.0", "-0", "1E2", "4.9e-330", "1e9999", "1e100000000", "0.60", "-0E-0", "1.0E+2")) {
      String text = "{\"n\":" + n + ",\"a\":[" + n + "]}";
      assertThat(roundTrip(text)).as(n).isEqualTo(text + "\n");
    }
  }

  private static String roundTrip(String text) throws IOException {
    JsonNode parsed;
    try (JsonLinesSource source =
        new JsonLinesSource(
            new ByteArrayInputStream((text + "\n").getBytes(StandardCharsets.UTF_8)),
            1 << 20,
            1000)) {
      List<Work> works = source.next(1);
      assertThat(works.get(0)).isInstanceOf(Work.Readable.class);
      parsed = ((Work.Readable) works.get(0)).document();
    }
    assertThat(Documents.find(parsed)).isEmpty();
    StringWriter out = new StringWriter();
    try (JsonLinesSink sink = new JsonLinesSink(out)) {
      sink.write(
          List.of(
              new Sink.Written(
                  "line 1", "-", "-", org.idminter.core.document.ExactJson.write(parsed))));
    }
    return out.toString();
  }

  private static String write(Object value) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      write(g, value);
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static void write(JsonGenerator g, Object value) throws IOException {
    if (value instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        g.writeFieldName(e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (value instanceof NumberText n) {
      g.writeNumber(n.text());
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeNull();
    }
  }
}
