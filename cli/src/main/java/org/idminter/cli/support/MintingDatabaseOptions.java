package org.idminter.cli.support;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The database options of a command that mints: how the free ID pool is kept topped up. */
public class MintingDatabaseOptions extends WritingDatabaseOptions {
  @Option(
      names = "--no-auto-top-up",
      negatable = false,
      description =
          "Fail a mint that finds too few free IDs instead of topping the pool up (env"
              + " IDMINTER_AUTO_TOP_UP=false; default: top up).")
  boolean noAutoTopUp;

  @Option(
      names = "--pool-low-water",
      paramLabel = "N",
      description =
          "Top the pool up when fewer than N IDs are free (env IDMINTER_POOL_LOW_WATER; default:"
              + " 1000).")
  Integer lowWater;

  @Option(
      names = "--pool-top-up-to",
      paramLabel = "N",
      description =
          "How many free IDs an automatic top-up aims for (env IDMINTER_POOL_TOP_UP_TO; default:"
              + " 10000).")
  Integer topUpTo;

  @Option(
      names = "--id-source",
      paramLabel = "pool|claim",
      description =
          "Where a mint takes new IDs: 'pool' claims free IDs generated ahead of time (needed while"
              + " another minter that claims from the pool shares the database), 'claim'"
              + " generates them in the mint and inserts them as assigned (env IDMINTER_ID_SOURCE;"
              + " default: the database's, see docs/operations.md).")
  String idSource;

  @Override
  Optional<Boolean> autoTopUp() {
    return noAutoTopUp ? Optional.of(false) : Optional.empty();
  }

  @Override
  Optional<Integer> lowWater() {
    return Optional.ofNullable(lowWater);
  }

  @Override
  Optional<Integer> topUpTo() {
    return Optional.ofNullable(topUpTo);
  }

  @Override
  Optional<String> idSource() {
    return Optional.ofNullable(idSource);
  }
}
