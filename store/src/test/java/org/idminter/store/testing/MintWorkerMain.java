package org.idminter.store.testing;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.IdStore;
import org.idminter.store.StoreConfig;
import org.idminter.store.pool.PoolPolicy;

/**
 * A separate minter process for the multi-process test: mints overlapping keys and prints every key
 * with the ID it got, one {@code KEY<TAB>ID} per line, then {@code done}. Arguments: JDBC URL,
 * user, password ("-" for none), seed, calls.
 */
public final class MintWorkerMain {
  private MintWorkerMain() {}

  public static void main(String[] args) throws Exception {
    StoreConfig config =
        new StoreConfig(
            args[0],
            Optional.of(args[1]),
            "-".equals(args[2]) ? Optional.empty() : Optional.of(args[2]),
            false,
            PoolPolicy.DEFAULT,
            4);
    Random random = new Random(Long.parseLong(args[3]));
    int calls = Integer.parseInt(args[4]);
    try (IdStore store = IdStore.builder(config, new SecureRandom()).open()) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < calls; i++) {
        Map<SourceIdentifier, CanonicalId> ids =
            store.minter().mint(ConcurrentMinting.call(30, 90, random));
        ids.forEach((k, id) -> out.append(k).append('\t').append(id).append('\n'));
      }
      System.out.print(out);
      System.out.println("done");
    }
  }
}
