package org.idminter.cli.command;

import java.util.concurrent.Callable;
import org.idminter.cli.support.DatabaseOptions;
import org.idminter.cli.support.ExitCodes;
import org.idminter.store.IdStore;
import org.idminter.store.StoreConfig;
import org.idminter.store.schema.SchemaManager.MigrationOutcome;
import org.idminter.store.schema.SchemaState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Versioned schema changes. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Inspect or migrate the database schema.",
    subcommands = {SchemaCommand.Migrate.class, SchemaCommand.Status.class})
public final class SchemaCommand {
  /** The configured database, opened without migrating, so the command reports what it does. */
  static IdStore openAsIs(DatabaseOptions database) {
    StoreConfig c = database.config();
    return DatabaseOptions.open(
        new StoreConfig(c.jdbcUrl(), c.user(), c.password(), false, c.pool(), c.maxConnections()));
  }

  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = {
        "Bring the schema to the latest version. Tables created by the Python id_minter are baselined",
        "and kept as they are; idminter only adds its own tables."
      })
  static final class Migrate implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      MigrationOutcome o;
      String where;
      try (IdStore store = openAsIs(database)) {
        where = store.describe();
        o = store.schema().migrate();
      }
      spec.commandLine()
          .getOut()
          .printf(
              "%s: schema at version %s (was %s; %d migration(s) applied%s)%n",
              where,
              o.after().currentVersion(),
              o.before().currentVersion(),
              o.applied(),
              o.baselined() ? "; existing id_minter tables baselined, not changed" : "");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show the schema's shape and version.")
  static final class Status implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (IdStore store = openAsIs(database)) {
        SchemaState s = store.schema().inspect();
        spec.commandLine()
            .getOut()
            .printf(
                "%s: %s, version %s (latest %s)%s%n",
                store.describe(),
                s.shape().name().toLowerCase(),
                s.currentVersion(),
                s.latestVersion(),
                s.isCurrent() ? "" : ": run `idminter schema migrate`");
      }
      return ExitCodes.OK;
    }
  }
}
