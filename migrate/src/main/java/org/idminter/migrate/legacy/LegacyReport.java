package org.idminter.migrate.legacy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idminter.migrate.engine.MigrationReport;

/** The legacy commands' report: the engine's, with the plan's, apply's and verify's findings. */
public final class LegacyReport extends MigrationReport {
  public LegacyReport(String runId, String toolVersion, String mode, String database, Clock clock) {
    super(runId, toolVersion, mode, database, clock);
  }

  public LegacyReport plan(Plan p) {
    source(p.source());
    put("counts", p.counts());
    put("refused", rows(p.refused()));
    put("steps", p.steps());
    return this;
  }

  public LegacyReport applied(Results.Applied a) {
    source(a.source());
    put("migrated", a.migrated());
    put("skipped", rows(a.skipped()));
    timings(a.stepMillis());
    return this;
  }

  public LegacyReport verified(Results.Verified v) {
    put("legacy_rows", v.legacyRows());
    put("verified", v.verified());
    put("skipped", v.skipped());
    put("mismatches", v.mismatches());
    return this;
  }

  private static List<Map<String, String>> rows(List<Refusal> refusals) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Refusal r : refusals) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("canonical_id", r.row().canonicalId());
      m.put("ontology_type", r.row().ontologyType());
      m.put("source_system", r.row().sourceSystem());
      m.put("source_id", r.row().sourceId());
      m.put("reason", r.reason());
      out.add(m);
    }
    return out;
  }
}
