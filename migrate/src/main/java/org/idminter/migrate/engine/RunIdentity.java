package org.idminter.migrate.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Locale;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Who is migrating: a run id (in the lock, every report and every message about the run) and the
 * owner string the lease records (host, process and run), so a held lock says who holds it.
 */
public record RunIdentity(String runId, String owner) {
  /**
   * @param random a SecureRandom outside tests
   */
  public static RunIdentity create(RandomGenerator random) {
    String runId = new UUID(random.nextLong(), random.nextLong()).toString();
    return new RunIdentity(
        runId, host() + " pid " + ProcessHandle.current().pid() + " run " + runId);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return ManagementFactory.getRuntimeMXBean().getName().toLowerCase(Locale.ROOT);
    }
  }
}
