package org.idminter.core;

import java.util.Set;

/**
 * Ontology type normalisation: agents, places, genres and periods share one namespace, stored as
 * {@code Concept}, so the same authority record gets one canonical ID whatever role it plays.
 */
public final class OntologyTypes {
  private static final Set<String> CONCEPT_LIKE =
      Set.of("Person", "Organisation", "Place", "Agent", "Meeting", "Genre", "Period");

  private OntologyTypes() {}

  /** The ontology type under which a key is stored and looked up. */
  public static String normalise(String ontologyType) {
    return CONCEPT_LIKE.contains(ontologyType) ? "Concept" : ontologyType;
  }
}
