package org.idminter.store.pool;

/** How many canonical IDs are free (ready to hand out) and assigned (in use). */
public record PoolStatus(long free, long assigned) {
  public long total() {
    return free + assigned;
  }
}
