package org.idminter.core;

/**
 * Told how a long operation advances: {@code done} of {@code total} units ({@code total} below 0
 * when unknown). The one progress contract of every module; the CLI renders it.
 */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (done, total) -> {};

  void progress(long done, long total);
}
