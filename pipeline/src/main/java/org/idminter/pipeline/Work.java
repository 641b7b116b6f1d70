package org.idminter.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.idminter.core.ErrorCode;

/**
 * One input work: its document, or why it could not be read. {@code position} names it in messages
 * until its row id is known (e.g. "line 17", a search document's id).
 */
public sealed interface Work permits Work.Readable, Work.Unreadable {
  String position();

  /** A work read as a JSON document. */
  record Readable(String position, JsonNode document) implements Work {}

  /** A work that could not be read, what kind of failure that is, and why. */
  record Unreadable(String position, ErrorCode code, String why) implements Work {}

  static Work of(String position, JsonNode document) {
    return new Readable(position, document);
  }

  static Work unreadable(String position, ErrorCode code, String why) {
    return new Unreadable(position, code, why);
  }
}
