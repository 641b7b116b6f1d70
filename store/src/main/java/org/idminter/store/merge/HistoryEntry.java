package org.idminter.store.merge;

import java.time.Instant;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;

/**
 * One row of the append-only history: the key changed (empty for a change to an ID itself, such as
 * a redirect made), the ID concerned, its old and new ID, the operation, its run and reason.
 */
public record HistoryEntry(
    long id,
    Optional<SourceIdentifier> key,
    CanonicalId canonicalId,
    Optional<CanonicalId> oldId,
    Optional<CanonicalId> newId,
    String operation,
    String runId,
    Optional<String> reason,
    Instant at) {}
