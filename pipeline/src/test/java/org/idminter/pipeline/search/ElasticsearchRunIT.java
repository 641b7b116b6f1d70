package org.idminter.pipeline.search;

/** Against a real Elasticsearch 8 node (security disabled). */
class ElasticsearchRunIT extends SearchRunContract {
  @Override
  protected String url() {
    return SearchNodes.elasticsearch();
  }
}
