package org.idminter.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One input work: its document, or why it could not be read. {@code position} names it in messages
 * until its row id is known (e.g. "line 17").
 */
public record Work(String position, Optional<JsonNode> document, Optional<String> unreadable) {
  public static Work of(String position, JsonNode document) {
    return new Work(position, Optional.of(document), Optional.empty());
  }

  public static Work unreadable(String position, String why) {
    return new Work(position, Optional.empty(), Optional.of(why));
  }
}
