package org.idminter.pipeline.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What differs between Elasticsearch 8 and OpenSearch 2: point-in-time paths and the unique sort
 * key.
 */
enum SearchEngine {
  ELASTICSEARCH("Elasticsearch", "/_pit?keep_alive=", "id", "/_pit", "_shard_doc"),
  // OpenSearch 2 has no _shard_doc; _doc is not unique across shards (paging then skips documents,
  // as the multi-shard test showed), so it pages on the unique _id.
  OPENSEARCH(
      "OpenSearch",
      "/_search/point_in_time?keep_alive=",
      "pit_id",
      "/_search/point_in_time",
      "_id");

  final String label;
  private final String openPitSuffix;
  private final String pitIdField;
  final String closePitPath;
  final String tiebreaker;

  SearchEngine(
      String label,
      String openPitSuffix,
      String pitIdField,
      String closePitPath,
      String tiebreaker) {
    this.label = label;
    this.openPitSuffix = openPitSuffix;
    this.pitIdField = pitIdField;
    this.closePitPath = closePitPath;
    this.tiebreaker = tiebreaker;
  }

  String openPitPath(String index, String keepAlive) {
    return "/" + index + openPitSuffix + keepAlive;
  }

  String pitId(JsonNode response) {
    return response.path(pitIdField).asText();
  }

  ObjectNode closePitBody(String pitId) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    if (this == ELASTICSEARCH) {
      body.put("id", pitId);
    } else {
      body.putArray("pit_id").add(pitId);
    }
    return body;
  }
}
