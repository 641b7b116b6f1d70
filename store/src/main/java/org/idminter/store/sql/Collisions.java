package org.idminter.store.sql;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a unit of work learnt on an earlier attempt: that rows it inserts may already exist.
 *
 * <p>On MySQL and MariaDB the fastest write that proves every row new is a plain multi-row INSERT.
 * When it meets a duplicate key, the transaction is rolled back and run again with the idempotent
 * form; it is never continued past the failed statement. MariaDB Galera replicates the rows a
 * failed statement had already written before its error (MariaDB 10.11.19, galera 26.4.23: a
 * 1,000-row INSERT failing on its last row left 876 rows on the other nodes and none on the node
 * that ran it), and a transaction that goes on to write those rows again makes every other node
 * refuse the write set and the cluster break apart. A whole-transaction rollback discards the write
 * set.
 *
 * <p>One instance spans the attempts of one unit of work (one mint call, one import), so the run
 * after a collision goes straight to the idempotent form.
 */
public final class Collisions {
  private final AtomicInteger met = new AtomicInteger();

  /** Whether an earlier attempt met rows that already existed. */
  public boolean expected() {
    return met.get() > 0;
  }

  /** How many attempts met rows that already existed and were rolled back. */
  public int met() {
    return met.get();
  }

  /**
   * Records that the plain insert into {@code table} met an existing row; returns the exception
   * that rolls the transaction back and runs it again.
   */
  public RetryTransaction met(String table) {
    met.incrementAndGet();
    return new RetryTransaction(
        "a row inserted into "
            + table
            + " exists already (a concurrent writer, or an earlier run): running the transaction"
            + " again with inserts that keep existing rows");
  }
}
