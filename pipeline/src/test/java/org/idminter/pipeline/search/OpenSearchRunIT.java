package org.idminter.pipeline.search;

/** Against a real OpenSearch 2 node. */
class OpenSearchRunIT extends SearchRunContract {
  @Override
  protected String url() {
    return SearchNodes.opensearch();
  }
}
