package org.idminter.store.systems;

import java.util.List;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;

/**
 * What declaring {@code alias} a name of {@code canonical} changes: every row keyed under the
 * alias, each classified, and the rows of other tables that point at them. Writes nothing.
 *
 * @param recorded the alias is recorded already (these rows were written since by a writer that
 *     does not know it, and apply moves them under the same run)
 * @param rekey alias-keyed mappings with no mapping under the canonical system: the key moves
 * @param retire alias-keyed mappings whose canonical key has the same ID: the row is retired
 * @param collisions alias-keyed mappings whose canonical key has another ID
 * @param inheritance inheritance records naming an alias key (as key or predecessor), carried along
 * @param redirects redirects from or to an ID of an alias-keyed mapping: unchanged, listed
 * @param refusals why apply would refuse (collisions are refused unless merged)
 */
public record AliasPlan(
    String alias,
    String canonical,
    boolean recorded,
    List<KeyRow> rekey,
    List<KeyRow> retire,
    List<Collision> collisions,
    List<InheritanceRow> inheritance,
    List<Redirect> redirects,
    List<String> refusals) {

  /** A mapping as stored. */
  public record KeyRow(SourceIdentifier key, CanonicalId id) {}

  /** An alias-keyed mapping and the canonical key's mapping, with different IDs. */
  public record Collision(
      SourceIdentifier aliasKey,
      CanonicalId aliasId,
      SourceIdentifier canonicalKey,
      CanonicalId canonicalId) {}

  /**
   * An inheritance record and what happens to it: {@code moved} (alias keys in it renamed) or
   * {@code retired} (its key's mapping is retired; kept for undo).
   */
  public record InheritanceRow(
      SourceIdentifier key,
      SourceIdentifier predecessor,
      CanonicalId id,
      String action,
      Optional<SourceIdentifier> newKey,
      Optional<SourceIdentifier> newPredecessor) {}

  /** A redirect that concerns an alias-keyed mapping's ID. */
  public record Redirect(CanonicalId from, CanonicalId to) {}

  public AliasPlan {
    rekey = List.copyOf(rekey);
    retire = List.copyOf(retire);
    collisions = List.copyOf(collisions);
    inheritance = List.copyOf(inheritance);
    redirects = List.copyOf(redirects);
    refusals = List.copyOf(refusals);
  }

  /** Rows keyed by the alias: every one is rekeyed, retired or a collision. */
  public int aliasRows() {
    return rekey.size() + retire.size() + collisions.size();
  }

  public boolean isEmpty() {
    return aliasRows() == 0 && inheritance.isEmpty();
  }

  /** The key under the canonical system. */
  public SourceIdentifier canonicalKey(SourceIdentifier aliasKey) {
    return new SourceIdentifier(aliasKey.ontologyType(), canonical, aliasKey.sourceId());
  }
}
