package org.idminter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.idminter.core.ErrorCode;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.document.ExactJson;
import org.idminter.pipeline.sink.JsonLinesSink;
import org.idminter.pipeline.source.JsonLinesSource;
import org.idminter.store.IdStore;
import org.idminter.store.testing.InvariantChecker;
import org.idminter.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** identify on JSON Lines against a real database, by subclassing per database. */
public abstract class IdentifyContract {
  protected abstract TestDatabase database();

  private IdStore store;

  @BeforeEach
  void open() {
    database().reset();
    store = IdStore.builder(database().config(), new Random(5)).open();
  }

  @AfterEach
  void close() {
    store.close();
    InvariantChecker.check(database());
  }

  record Result(RunReport report, List<JsonNode> written, List<String> lines) {}

  private Result identify(String jsonLines, int batchSize, long maxChars) throws IOException {
    return identify(jsonLines.getBytes(StandardCharsets.UTF_8), batchSize, maxChars);
  }

  private Result identify(byte[] jsonLines, int batchSize, long maxBytes) throws IOException {
    StringWriter out = new StringWriter();
    RunReport report = new RunReport("job-1", Optional.empty());
    try (JsonLinesSource source =
            new JsonLinesSource(new ByteArrayInputStream(jsonLines), maxBytes, 1000);
        JsonLinesSink sink = new JsonLinesSink(out)) {
      new IdentifyRun(store.minter(), batchSize).run(source, sink, report, ProgressListener.NONE);
    }
    List<JsonNode> written = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isEmpty()) {
        written.add(new ExactJson(1000).read(line));
        lines.add(line);
      }
    }
    return new Result(report, written, lines);
  }

  static String examples() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path f = dir.resolve("examples/works.jsonl");
      if (Files.isRegularFile(f)) {
        return Files.readString(f, StandardCharsets.UTF_8);
      }
    }
    throw new IllegalStateException("examples/works.jsonl not found");
  }

  private long mappings() {
    try (var c = database().connect();
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM identifiers")) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void realisticWorksGetCanonicalIdsOnEveryIdentifiableNodeAndNothingElseChanges()
      throws IOException {
    String input = examples();
    for (int batch : new int[] {500, 1}) {
      Result r = identify(input, batch, 16 << 20);
      assertThat(r.report().failureCount()).as("%s", r.report().errors()).isZero();
      assertThat(r.written()).hasSize(8);
      JsonNode sierra = r.written().get(0);
      JsonNode folio = r.written().get(1);
      String workId = sierra.at("/state/canonicalId").asText();
      assertThat(workId).matches("^[a-hjkmnp-z][a-hjkmnp-z2-9]{7}$");
      // the FOLIO work and item inherit their Sierra predecessors' IDs; the predecessor objects
      // stay as they were
      assertThat(folio.at("/state/canonicalId").asText()).isEqualTo(workId);
      assertThat(folio.at("/data/items/0/id/canonicalId").asText())
          .isEqualTo(sierra.at("/data/items/0/id/canonicalId").asText());
      assertThat(folio.at("/state/predecessorIdentifier").has("canonicalId")).isFalse();
      // identifiedType becomes type; Identifiable becomes Identified; Unidentifiable is left alone
      JsonNode agent = sierra.at("/data/contributors/0/agent/id");
      assertThat(agent.has("identifiedType")).isFalse();
      assertThat(agent.get("type").asText()).isEqualTo("Person");
      assertThat(sierra.at("/data/items/0/id/type").asText()).isEqualTo("Identified");
      assertThat(sierra.at("/data/subjects/1/id").toString())
          .isEqualTo("{\"type\":\"Unidentifiable\"}");
      // the same key gets the same ID wherever it appears (Period 1621: a production date and
      // createdDate)
      assertThat(sierra.at("/data/production/0/dates/0/id/canonicalId"))
          .isEqualTo(sierra.at("/data/createdDate/id/canonicalId"));
      // the document keeps its own ontology type; Person and Agent are stored as Concept
      assertThat(agent.at("/sourceIdentifier/ontologyType").asText()).isEqualTo("Person");
      // bare identifiers are never minted
      assertThat(sierra.at("/data/otherIdentifiers/0").has("canonicalId")).isFalse();
      assertThat(sierra.at("/state/sourceIdentifier").has("canonicalId")).isFalse();
      // merge candidates, internal work stubs, redirects, images
      JsonNode mets = r.written().get(2);
      assertThat(mets.at("/state/mergeCandidates/0/id/canonicalId").isTextual()).isTrue();
      assertThat(mets.at("/data/imageData/2/id/canonicalId").isTextual()).isTrue();
      JsonNode tei = r.written().get(3);
      assertThat(tei.at("/state/internalWorkStubs/1/canonicalId").asText())
          .isNotEqualTo(tei.at("/state/canonicalId").asText());
      assertThat(tei.at("/state/internalWorkStubs/1/workData/title").asText())
          .isEqualTo("كتاب في النبض");
      assertThat(r.written().get(4).at("/redirectTarget/canonicalId").asText()).isEqualTo(workId);
      assertThat(r.written().get(5).at("/redirectSources/0/canonicalId").isTextual()).isTrue();
      assertThat(r.written().get(6).at("/state/canonicalId").isTextual()).isTrue();
      // a Miro value that is a Work, an Item and an Image: three IDs
      JsonNode miro = r.written().get(7);
      assertThat(
              List.of(
                  miro.at("/state/canonicalId").asText(),
                  miro.at("/data/items/0/id/canonicalId").asText(),
                  miro.at("/data/imageData/0/id/canonicalId").asText()))
          .doesNotHaveDuplicates();
      // numbers, key order, unicode and unknown fields round-trip
      String line = input.split("\n")[0];
      String written = ExactJson.MAPPER.writeValueAsString(sierra);
      assertThat(written)
          .contains("\"copies\":12345678901234567890123")
          .contains("\"ratio\":1.10")
          .contains("\"price\":0.60")
          .contains("“first edition”")
          .contains("4⁰");
      assertThat(fieldNames(sierra)).isEqualTo(fieldNames(new ExactJson(1000).read(line)));
      assertThat(r.report().toMap().get("successful_ids")).asList().hasSize(8).contains(workId);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    node.get("data").fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void aWorkWhosePredecessorIsMissingFailsAloneAndLeavesNoMappings() throws IOException {
    String axiell =
        "{\"state\": {\"sourceIdentifier\": {\"identifierType\": {\"id\": \"axiell-collections-id\"}, \"ontologyType\":"
            + " \"Work\", \"value\": \"ACC.12345\"}, \"predecessorIdentifier\": {\"identifierType\": {\"id\": \"calm-record-id\"},"
            + " \"ontologyType\": \"Work\", \"value\": \"never-minted\"}, \"canonicalId\": null}, \"data\": {\"items\": [{\"id\":"
            + " {\"sourceIdentifier\": {\"identifierType\": {\"id\": \"axiell-item\"}, \"ontologyType\": \"Item\", \"value\": \"I-1\"},"
            + " \"type\": \"Identifiable\"}}]}}";
    String[] lines = examples().split("\n");
    String input = lines[0] + "\n" + axiell + "\n" + lines[2] + "\n";
    Result r = identify(input, 500, 16 << 20);
    assertThat(r.report().successCount()).isEqualTo(2);
    assertThat(r.report().failureCount()).isEqualTo(1);
    Failure f = r.report().errors().get(0);
    assertThat(f.rowId()).isEqualTo("Work[axiell-collections-id/ACC.12345]");
    assertThat(f.stage()).isEqualTo(Failure.Stage.EMBED);
    assertThat(f.code()).isEqualTo(ErrorCode.PREDECESSOR_NOT_FOUND);
    assertThat(f.detail())
        .contains(
            "predecessor not found: Work[axiell-collections-id/ACC.12345] <- Work[calm-record-id/never-minted]");
    assertThat(
            store.minter().lookup(List.of(SourceIdentifier.parse("Item[axiell-item/I-1]"))).found())
        .isEmpty();
    assertThat(r.written())
        .extracting(w -> w.at("/state/sourceIdentifier/value").asText())
        .containsExactly("b1000001", "b28065037");
  }

  @Test
  void badInputsEachFailAloneWithAClearDetailAndTheRunGoesOn() throws IOException {
    String good = examples().split("\n")[7];
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    String huge = "{\"state\": {}, \"data\": \"" + "x".repeat(300_000) + "\"}";
    String longValue =
        "{\"state\": {\"sourceIdentifier\": {\"identifierType\": {\"id\": \"s\"}, \"ontologyType\": \"Work\","
            + " \"value\": \""
            + "v".repeat(300)
            + "\"}}}";
    String nonString =
        "{\"state\": {\"sourceIdentifier\": {\"identifierType\": {\"id\": \"s\"}, \"ontologyType\": \"Work\","
            + " \"value\": 42}}}";
    String badNode =
        "{\"state\": {\"sourceIdentifier\": {\"identifierType\": {\"id\": \"s\"}, \"ontologyType\": \"Work\","
            + " \"value\": \"ok\"}}, \"data\": {\"items\": [{\"id\": {\"sourceIdentifier\": {\"ontologyType\": \"Item\", \"value\": \"i\"}}}]}}";
    String input =
        String.join(
                "\n",
                "{not json",
                "[1, 2]",
                "{\"data\": {}}",
                nonString,
                longValue,
                badNode,
                deep,
                huge,
                good)
            + "\n";
    Result r = identify(input, 500, 200_000);
    assertThat(r.report().successCount()).isEqualTo(1);
    assertThat(r.report().failureCount()).isEqualTo(8);
    assertThat(r.report().errors())
        .extracting(Failure::code)
        .containsExactly(
            ErrorCode.INVALID_INPUT,
            ErrorCode.INVALID_INPUT,
            ErrorCode.INVALID_INPUT,
            ErrorCode.INVALID_INPUT,
            ErrorCode.INVALID_INPUT,
            ErrorCode.INVALID_INPUT,
            ErrorCode.INVALID_INPUT,
            ErrorCode.TOO_LARGE);
    assertThat(r.report().errors())
        .extracting(e -> e.rowId() + " | " + e.stage().wireName() + " | " + e.detail())
        .satisfiesExactly(
            e -> assertThat(e).startsWith("line 1 | extract_id | not valid JSON"),
            e ->
                assertThat(e)
                    .startsWith(
                        "line 2 | extract_id | expected a JSON object (a work), found array"),
            e ->
                assertThat(e)
                    .startsWith("line 3 | extract_id | the work has no state.sourceIdentifier"),
            e ->
                assertThat(e)
                    .startsWith(
                        "line 4 | extract_id | bad identifier: $.state.sourceIdentifier.value must be a string"),
            e ->
                assertThat(e)
                    .startsWith("line 5 | extract_id | bad source identifier")
                    .contains("300 characters, more than 255"),
            e ->
                assertThat(e)
                    .startsWith(
                        "Work[s/ok] | embed | bad identifier: $.data.items[0].id.sourceIdentifier.identifierType.id is missing"),
            e ->
                assertThat(e)
                    .isEqualTo(
                        "line 7 | extract_id | the document nests more than 1000 levels deep"),
            e ->
                assertThat(e)
                    .startsWith("line 8 | extract_id | the document is 300,")
                    .contains("more than the limit"));
    assertThat(r.written()).hasSize(1);
    assertThat(mappings()).isEqualTo(3); // the Miro work, item and image only
  }

  @Test
  void countsAreExactAndTheFirstThousandFailuresAreListed() throws IOException {
    String input = "{\"data\": {}}\n".repeat(1_005) + examples().split("\n")[6] + "\n";
    Result r = identify(input, 100, 1 << 20);
    assertThat(r.report().failureCount()).isEqualTo(1_005);
    assertThat(r.report().successCount()).isEqualTo(1);
    assertThat(r.report().errors()).hasSize(1_000);
    Map<String, Object> json = r.report().toMap();
    assertThat(json.keySet())
        .containsExactly(
            "job_id", "outcome", "success_count", "failure_count", "successful_ids", "errors");
  }

  @Test
  void hostileLinesFailAloneAndNumbersAreWrittenBackCharacterForCharacter() throws IOException {
    String numbers = "\"n\":[-0.0,-0,1E2,4.9e-330,1e9999,1e100000000,0.60,-0E-0]";
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes((work("num", numbers) + "\n").getBytes(StandardCharsets.UTF_8));
    in.writeBytes("{\"x\":\"".getBytes(StandardCharsets.UTF_8));
    in.write(0xff);
    in.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
    String twoStates =
        "{\"state\":{\"sourceIdentifier\":"
            + identifier("A")
            + "},\"state\":{\"sourceIdentifier\":"
            + identifier("B")
            + "}}";
    in.writeBytes((twoStates + "\n").getBytes(StandardCharsets.UTF_8));
    in.writeBytes((work(" ", "\"n\":1") + "\n").getBytes(StandardCharsets.UTF_8));
    in.writeBytes((work("last", "\"n\":2") + "\n").getBytes(StandardCharsets.UTF_8));
    Result r = identify(in.toByteArray(), 500, 1 << 20);
    assertThat(r.report().errors())
        .extracting(e -> e.rowId() + " | " + e.stage().wireName() + " | " + e.detail())
        .containsExactly(
            "line 2 | extract_id | not valid UTF-8: byte 0xFF at byte 7 of the line; the file must"
                + " be UTF-8",
            "line 3 | extract_id | duplicate key 'state' at $.state: the object names it twice, so"
                + " which value is meant is unknown; name each key once",
            "line 4 | extract_id | bad source identifier 'Work[hostile/ ]': the source id is blank"
                + " (only whitespace) (at $.state.sourceIdentifier)");
    assertThat(r.lines()).hasSize(2);
    assertThat(r.lines().get(0)).endsWith("," + numbers + "}");
    assertThat(mappings()).isEqualTo(2); // neither A nor B was minted
  }

  private static String identifier(String value) {
    return "{\"identifierType\":{\"id\":\"hostile\"},\"ontologyType\":\"Work\",\"value\":\""
        + value
        + "\"}";
  }

  private static String work(String value, String extra) {
    return "{\"state\":{\"sourceIdentifier\":" + identifier(value) + "}," + extra + "}";
  }
}
