package org.idminter.store.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.idminter.core.InvalidInputException;
import org.idminter.core.id.Qid;
import org.idminter.core.id.QidPrefixes;

/** What the registry accepts: external IDs and counts, checked whole, every bad one named. */
final class RegistryInput {
  private RegistryInput() {}

  /**
   * Reads {@code externalIds} as a registration would, failing with every invalid one named
   * (callers check input before opening a database).
   */
  static List<Qid> parseAll(
      QidPrefixes prefixes, Collection<String> externalIds, Optional<String> type) {
    type.ifPresent(
        t -> {
          if (!QidPrefixes.TYPES.contains(t)) {
            throw new InvalidInputException(
                "bad entity type '" + t + "': expected one of " + QidPrefixes.TYPES);
          }
        });
    List<Qid> out = new ArrayList<>(externalIds.size());
    List<String> bad = new ArrayList<>();
    for (String e : externalIds) {
      try {
        Qid q = prefixes.parse(e);
        if (type.isPresent() && !type.get().equals(q.entityType())) {
          bad.add(
              "'"
                  + e
                  + "' (its prefix "
                  + q.prefix()
                  + " names "
                  + q.entityType()
                  + ", not "
                  + type.get()
                  + ")");
        } else {
          out.add(q);
        }
      } catch (InvalidInputException ex) {
        bad.add("'" + e + "' (" + ex.getMessage() + ")");
      }
    }
    refuse(bad, "invalid external ID(s)");
    checkCount(out.size());
    return out;
  }

  /** Why {@code value} is no external ID under {@code prefixes} (for messages). */
  static String whyNot(QidPrefixes prefixes, String value) {
    try {
      prefixes.parse(value);
      return "an external ID";
    } catch (InvalidInputException e) {
      return e.getMessage();
    }
  }

  static void refuse(List<String> bad, String what) {
    if (bad.isEmpty()) {
      return;
    }
    throw new InvalidInputException(
        bad.size()
            + " "
            + what
            + ", nothing done: "
            + String.join(", ", bad.subList(0, Math.min(10, bad.size())))
            + (bad.size() > 10 ? " and " + (bad.size() - 10) + " more" : ""));
  }

  static void checkCount(int n) {
    if (n < 1 || n > IdRegistry.MAX_BATCH) {
      throw new InvalidInputException(
          "bad number of IDs "
              + n
              + ": expected 1 to "
              + String.format("%,d", IdRegistry.MAX_BATCH)
              + " per call");
    }
  }
}
