package org.idminter.core;

import java.util.Set;
import java.util.TreeSet;

/**
 * The ontology types a key may have, and their normalisation: agents, places, genres and periods
 * share one namespace, stored as {@code Concept}, so the same authority record gets one canonical
 * ID whatever role it plays. The known types are the twelve the catalogue pipeline uses, plus any a
 * deployment adds ({@code IDMINTER_ONTOLOGY_TYPES}); they are case-sensitive, so a misspelled type
 * ({@code work}, {@code Foo}) is refused instead of minting a permanent ID under it.
 */
public final class OntologyTypes {
  /** The types the catalogue pipeline uses. */
  public static final Set<String> STANDARD =
      Set.of(
          "Work",
          "Item",
          "Image",
          "Concept",
          "Subject",
          "Person",
          "Organisation",
          "Place",
          "Agent",
          "Meeting",
          "Genre",
          "Period");

  /** The types stored as {@code Concept}. */
  public static final Set<String> CONCEPT_LIKE =
      Set.of("Person", "Organisation", "Place", "Agent", "Meeting", "Genre", "Period");

  private final Set<String> known;

  private OntologyTypes(Set<String> known) {
    this.known = Set.copyOf(known);
  }

  /** The standard types and {@code extra} (each a capitalised word of letters and digits). */
  public static OntologyTypes with(Set<String> extra) {
    for (String t : extra) {
      if (!t.matches("[A-Z][A-Za-z0-9]{0,63}")) {
        throw new InvalidInputException(
            "bad ontology type '"
                + t
                + "' (IDMINTER_ONTOLOGY_TYPES): a type is a capitalised word of letters and digits");
      }
    }
    Set<String> all = new TreeSet<>(STANDARD);
    all.addAll(extra);
    return new OntologyTypes(all);
  }

  public static OntologyTypes standard() {
    return with(Set.of());
  }

  public Set<String> known() {
    return known;
  }

  /** Fails naming the key and the known types unless the key's type is one of them. */
  public void requireKnown(SourceIdentifier key) {
    if (!known.contains(key.ontologyType())) {
      throw new InvalidInputException(
          "unknown ontology type '"
              + key.ontologyType()
              + "' in "
              + key
              + ": types are case-sensitive, one of "
              + String.join(", ", new TreeSet<>(known))
              + " (add others with IDMINTER_ONTOLOGY_TYPES)");
    }
  }

  /** The ontology type under which a key is stored and looked up. */
  public static String normalise(String ontologyType) {
    return CONCEPT_LIKE.contains(ontologyType) ? "Concept" : ontologyType;
  }
}
