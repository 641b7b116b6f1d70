package org.idminter.store.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.idminter.core.CanonicalId;
import org.idminter.core.id.CanonicalIdGenerator;
import org.idminter.store.dialect.Dialect;

/**
 * The {@link IdSource#CLAIM} supply: new IDs are generated inside the transaction and inserted into
 * canonical_ids as assigned in one statement. An ID that exists already (free or assigned, this
 * idminter's or another minter's) fails that statement on the primary key and the whole transaction
 * runs again with other IDs ({@link Dialect#insertNewAssignedIds}). There are 632,790,124,553
 * possible IDs, so with a million held one new ID in about 630,000 collides. IDs a lost race left
 * unused are deleted again: the table holds only IDs in use, as a pool claim leaves it.
 */
public final class InsertedIds implements IdSupply {
  private final Dialect dialect;
  private final CanonicalIdGenerator generator;

  public InsertedIds(Dialect dialect, CanonicalIdGenerator generator) {
    this.dialect = dialect;
    this.generator = generator;
  }

  @Override
  public List<CanonicalId> take(Connection c, int count) throws SQLException {
    Set<CanonicalId> ids = new LinkedHashSet<>();
    while (ids.size() < count) {
      ids.add(generator.next()); // distinct within the call, or the insert would fail on itself
    }
    List<CanonicalId> taken = new ArrayList<>(ids);
    dialect.insertNewAssignedIds(c, taken);
    return taken;
  }

  @Override
  public void settle(Connection c, List<CanonicalId> taken, Set<CanonicalId> used)
      throws SQLException {
    List<String> unused =
        taken.stream().filter(id -> !used.contains(id)).map(CanonicalId::value).toList();
    if (!unused.isEmpty()) {
      dialect.deleteIds(c, unused);
    }
  }

  @Override
  public boolean usesPool() {
    return false;
  }
}
