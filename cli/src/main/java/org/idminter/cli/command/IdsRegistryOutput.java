package org.idminter.cli.command;

import org.idminter.cli.support.Json;
import org.idminter.serve.wire.JsonShapes;
import org.idminter.store.registry.Registration;

/** How {@code ids register} and {@code ids allocate} print what the registry did. */
final class IdsRegistryOutput {
  private IdsRegistryOutput() {}

  /** EXTERNAL<TAB>INTERNAL per line, or one JSON object with counts. */
  static String print(Registration r, boolean json) {
    if (!json) {
      StringBuilder sb = new StringBuilder();
      for (Registration.Entry e : r.ids()) {
        sb.append(e.mapping().externalId())
            .append('\t')
            .append(e.mapping().internalId())
            .append('\n');
      }
      return sb.toString();
    }
    return Json.write(JsonShapes.registration(r)) + "\n";
  }
}
