package org.idminter.serve.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** JSON in and out: request bodies read strictly, with their limits; answers written as JSON. */
public final class Bodies {
  /** What every JSON answer is sent as. */
  public static final String JSON_TYPE = "application/json";

  public static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private Bodies() {}

  /** The media type of the request without its parameters, lower case; empty when none is sent. */
  public static String mediaType(Context ctx) {
    String type = ctx.contentType();
    if (type == null) {
      return "";
    }
    int semi = type.indexOf(';');
    return (semi < 0 ? type : type.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  /** Refuses (415) a body whose media type is not one of {@code accepted}. */
  public static void requireType(Context ctx, String... accepted) {
    String type = mediaType(ctx);
    for (String a : accepted) {
      if (a.equals(type)) {
        return;
      }
    }
    throw new ApiError(
        415,
        "unsupported_media_type",
        "this endpoint reads "
            + String.join(" or ", accepted)
            + (type.isEmpty() ? "; the request has no Content-Type" : ", not " + type)
            + ": send the body with Content-Type: "
            + accepted[0]);
  }

  /** The request's body as one JSON object (Content-Type application/json). */
  public static JsonNode object(Context ctx) {
    requireType(ctx, JSON_TYPE);
    JsonNode node = parse(ctx.bodyAsBytes());
    if (!node.isObject()) {
      throw ApiError.badRequest(
          "the body is JSON "
              + node.getNodeType().name().toLowerCase(Locale.ROOT)
              + ", not an object");
    }
    return node;
  }

  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ApiError.badRequest("the body is empty: send a JSON object");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiError.badRequest("the body is empty: send a JSON object");
      }
      return node;
    } catch (JsonParseException e) {
      throw ApiError.badRequest(
          "malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiError.badRequest("cannot read the body: " + e.getMessage());
    }
  }

  /** A field that must be a list of strings, of at most {@code limit} entries. */
  public static List<String> strings(JsonNode body, String field, int limit) {
    JsonNode list = body.get(field);
    if (list == null || !list.isArray()) {
      throw ApiError.badRequest("\"" + field + "\" must be a list of strings");
    }
    requireAtMost(field, list.size(), limit);
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      out.add(text(list.get(i), field + "[" + i + "]"));
    }
    return out;
  }

  /** A field that must be a string when present. */
  public static Optional<String> optionalText(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(text(v, field));
  }

  /** A field that must be a whole number when present. */
  public static Optional<Integer> optionalCount(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.canConvertToExactIntegral() || !v.canConvertToInt()) {
      throw ApiError.badRequest("\"" + field + "\" must be a whole number");
    }
    return Optional.of(v.asInt());
  }

  public static String text(JsonNode v, String where) {
    if (v == null || !v.isTextual()) {
      throw ApiError.badRequest(
          where + " must be a string, not " + (v == null ? "missing" : v.getNodeType()));
    }
    return v.textValue();
  }

  /** Refuses (400) a request naming more entries than the limit, naming both. */
  public static void requireAtMost(String what, int count, int limit) {
    if (count > limit) {
      throw new ApiError(
          400,
          "limit_exceeded",
          String.format(
              "\"%s\" has %,d entries, more than the %,d one request may carry: split the request"
                  + " (the limit is IDMINTER_MAX_KEYS)",
              what, count, limit));
    }
  }

  /** Answers with {@code body} as JSON. */
  public static void send(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType(JSON_TYPE).result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer as JSON", e);
    }
  }
}
