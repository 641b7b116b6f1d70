package org.idminter.store.alias;

import java.util.List;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;

/** A canonical ID shared by more than one key: one original, the rest aliases. */
public record AliasGroup(CanonicalId canonicalId, List<Member> members) {
  public AliasGroup {
    members = List.copyOf(members);
  }

  /** original or alias. */
  public enum Role {
    ORIGINAL,
    ALIAS
  }

  /**
   * How a member's role was decided: {@code RECORDED} when idminter recorded the inheritance as it
   * minted; {@code CREATED_AT} for rows other tools wrote, by earliest CreatedAt (ties broken by
   * key order, so the answer is stable but is a guess).
   */
  public enum Basis {
    RECORDED,
    CREATED_AT
  }

  public record Member(
      SourceIdentifier key, Role role, Basis basis, Optional<SourceIdentifier> predecessor) {}
}
