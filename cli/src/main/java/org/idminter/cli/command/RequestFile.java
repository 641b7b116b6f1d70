package org.idminter.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.idminter.cli.support.Json;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.MintRequest;
import org.idminter.core.SourceIdentifier;

/**
 * Reads mint requests (or lookup keys) one per line: a JSON object {@code {"key": …, "predecessor":
 * …}} or a plain key ({@code Work[sys/val]}). Every bad line is named, and any bad line fails the
 * call.
 */
final class RequestFile {
  private static final int MAX_LISTED = 20;

  private RequestFile() {}

  static List<MintRequest> read(String input) {
    return read(input, RequestFile::parse, "request", "nothing minted");
  }

  /** Plain values one per line (blank lines skipped), each stripped of surrounding spaces. */
  static List<String> values(String input) {
    return read(input, String::strip, "value", "nothing done");
  }

  private static <T> List<T> read(
      String input, java.util.function.Function<String, T> parser, String what, String outcome) {
    String name = "-".equals(input) ? "standard input" : input;
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream in = "-".equals(input) ? System.in : Files.newInputStream(Path.of(input));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder))) {
      List<T> requests = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      int bad = 0;
      long lineNo = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          requests.add(parser.apply(line));
        } catch (IdMinterException e) {
          bad++;
          if (errors.size() < MAX_LISTED) {
            errors.add(name + " line " + lineNo + ": " + e.getMessage());
          }
        }
      }
      if (bad > 0) {
        throw new InvalidInputException(
            bad
                + " bad "
                + what
                + " line(s) in "
                + name
                + ", "
                + outcome
                + ":\n  "
                + String.join("\n  ", errors)
                + (bad > errors.size() ? "\n  …" : ""));
      }
      return requests;
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(name + " is not valid UTF-8 text: " + e.getMessage(), e);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("cannot read " + name + ": no such file", e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  private static MintRequest parse(String line) {
    String text = line.strip();
    if (!text.startsWith("{") && !text.startsWith("[") && !text.startsWith("\"")) {
      return MintRequest.of(SourceIdentifier.parse(text)); // a plain key
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(
          "expected a key like Work[sys/val] or a JSON object like {\"key\": \"Work[sys/val]\"}");
    }
    JsonNode key = node.get("key");
    if (key == null || !key.isTextual()) {
      throw new InvalidInputException("\"key\" is missing or not a string");
    }
    JsonNode pred = node.get("predecessor");
    if (pred == null || pred.isNull()) {
      return MintRequest.of(SourceIdentifier.parse(key.asText()));
    }
    if (!pred.isTextual()) {
      throw new InvalidInputException("\"predecessor\" must be a string or null");
    }
    return MintRequest.inheriting(
        SourceIdentifier.parse(key.asText()), SourceIdentifier.parse(pred.asText()));
  }
}
