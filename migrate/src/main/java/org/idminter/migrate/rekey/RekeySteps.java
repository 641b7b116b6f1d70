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
    steps.add(
        "check everything that can refuse (refused rows unless --skip-refused, --expect-checksum,"
            + " the registry, the tables' shape), writing nothing; then take the migration lock (a"
            + " crashed run's lock expires)");
    steps.add(
        "stage every entity of "
            + spec.parent().table()
            + " with its creation time ("
            + spec.createdAt()
                .map(a -> "the " + a.aggregate() + " of " + a.table() + "." + a.column() + ", else")
                .orElse("")
            + " the migration's start) and number, a page per transaction");
    steps.add(
        "with --skip-refused, move the rows that would be refused to idminter_rekey_skipped_N"
            + " tables (each listed in the report; rollback moves them back)");
    steps.add(
        "register every entity in entity_id_mapping: one already registered keeps its internal ID;"
            + " a new one gets a flake64 in creation order (then by number), a chunk per"
            + " transaction");
    for (Column t : spec.tables()) {
      steps.add("add " + t.table() + "." + col + " and fill it in chunks, with progress");
    }
    steps.add(
        "carry over rows written meanwhile, check every row has its internal ID, then switch the"
            + " primary keys to "
            + col
            + " (the old key kept as a unique index) and add foreign keys to entity_id_mapping,"
            + " keeping the old columns, so the application can move over and rollback stays"
            + " possible (rekey finish drops them)");
    return steps;
  }
}
