package org.idminter.store.pool;

/** Told how a long operation advances: {@code done} of {@code total} units. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (done, total) -> {};

  void progress(long done, long total);
}
