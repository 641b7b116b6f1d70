package org.idminter.store.merge;

import java.util.List;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;

/**
 * What merging {@code from} into {@code into} changes, found without writing: the keys remapped,
 * the inheritance records repointed, the redirects repointed (so none points at a redirect), or why
 * the merge is refused.
 */
public record MergePlan(
    CanonicalId from,
    CanonicalId into,
    List<SourceIdentifier> keys,
    long inheritanceRecords,
    List<CanonicalId> redirectsRepointed,
    List<String> refusals) {
  public MergePlan {
    keys = List.copyOf(keys);
    redirectsRepointed = List.copyOf(redirectsRepointed);
    refusals = List.copyOf(refusals);
  }

  public boolean refused() {
    return !refusals.isEmpty();
  }
}
