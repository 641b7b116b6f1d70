package org.idminter.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idminter.cli.support.Json;
import org.idminter.core.id.IdMapping;
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
    List<Map<String, Object>> ids = new ArrayList<>();
    for (Registration.Entry e : r.ids()) {
      Map<String, Object> row = row(e.mapping());
      row.put("created", e.created());
      ids.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ids", ids);
    out.put("created", r.created());
    out.put("regenerated", r.regenerated());
    return Json.write(out) + "\n";
  }

  /** One mapping's fields as JSON. */
  static Map<String, Object> row(IdMapping m) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("external_id", m.externalId().toString());
    row.put("internal_id", m.internalId().toString());
    row.put("internal_id_base32", m.internalId().toBase32());
    row.put("entity_type", m.entityType());
    return row;
  }
}
