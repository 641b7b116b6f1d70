package org.idminter.migrate.rekey;

import java.util.ArrayList;
import java.util.List;
import org.idminter.migrate.rekey.RekeySpec.Column;

/** What {@code rekey apply} will do, step by step, for the plan's readers. */
final class RekeySteps {
  private RekeySteps() {}

  static List<String> of(RekeySpec spec) {
    String col = spec.newColumn();
    List<String> steps = new ArrayList<>();
    steps.add("take the migration lock (a crashed run's lock expires)");
    steps.add(
        "check the source still has the plan's fingerprint, and refuse if any row would be refused"
            + " (unless --skip-refused, every skipped row in the report)");
    steps.add(
        "register every entity of "
            + spec.parent().table()
            + " in entity_id_mapping: an entity already registered keeps its internal ID; a new one"
            + " gets a flake64 whose time is "
            + spec.createdAt()
                .map(
                    a ->
                        "the "
                            + a.aggregate()
                            + " of "
                            + a.table()
                            + "."
                            + a.column()
                            + " (else the migration's start)")
                .orElse("the migration's start")
            + ", ordered within a millisecond by the external ID's number");
    for (Column t : spec.tables()) {
      steps.add(
          "add "
              + t.table()
              + "."
              + col
              + " and fill it from entity_id_mapping in chunks, with progress; resumable");
    }
    steps.add("verify: every row resolves through the mapping to the entity it named before");
    steps.add(
        "switch the primary keys and foreign keys to "
            + col
            + ", keeping the old columns, so the application can move over and rollback stays"
            + " possible (rekey finish drops them)");
    return steps;
  }
}
