package org.idminter.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.idminter.cli.support.DatabaseOptions;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Json;
import org.idminter.store.IdStore;
import org.idminter.store.StoreConfig;
import org.idminter.store.schema.SchemaManager.MigrationOutcome;
import org.idminter.store.schema.SchemaState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Versioned schema changes. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Inspect or migrate the database schema.",
    subcommands = {SchemaCommand.Migrate.class, SchemaCommand.Status.class, ExactKeysCommand.class})
public final class SchemaCommand {
  /**
   * The configured database, opened without migrating, so the command reports what it does; {@code
   * create} when the command may create an embedded database (migrate), not when it only reads.
   */
  static IdStore openAsIs(DatabaseOptions database, boolean create) {
    StoreConfig c = database.config();
    StoreConfig asIs =
        new StoreConfig(c.jdbcUrl(), c.user(), c.password(), false, c.pool(), c.maxConnections());
    return create ? database.open(asIs) : DatabaseOptions.openExisting(asIs);
  }

  @Command(
      name = "migrate",
      header = "Bring the schema to the latest version.",
      mixinStandardHelpOptions = true,
      description =
          "Bring the schema to the latest version. Tables created by the Python id_minter are baselined and kept as they are; idminter only adds its own tables.")
  static final class Migrate implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      MigrationOutcome o;
      String where;
      try (IdStore store = openAsIs(database, true)) {
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
      header = "Show the schema's shape and version.",
      mixinStandardHelpOptions = true,
      description =
          "Show the schema's shape and version. Exit 0 when it is current, 4 when it is missing or"
              + " behind (so a deploy can gate on it), 1 when it cannot be read.")
  static final class Status implements Callable<Integer> {
    @Option(
        names = "--json",
        description =
            "Print {\"database\", \"shape\", \"version\", \"latest\", \"current\","
                + " \"older_format_ids\"}.")
    boolean json;

    @Mixin DatabaseOptions database;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (IdStore store = openAsIs(database, false)) {
        SchemaState s = store.schema().inspect();
        // IDs minted under older rules are read as they are; say how many there are.
        Long older = s.hasCoreTables() ? store.pool().countOlderFormat() : null;
        if (json) {
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("database", store.describe());
          out.put("shape", s.shape().name().toLowerCase());
          out.put("version", s.currentVersion());
          out.put("latest", s.latestVersion());
          out.put("current", s.isCurrent());
          out.put("older_format_ids", older);
          spec.commandLine().getOut().println(Json.write(out));
        } else {
          spec.commandLine()
              .getOut()
              .printf(
                  "%s: %s, version %s (latest %s)%s%n",
                  store.describe(),
                  s.shape().name().toLowerCase(),
                  s.currentVersion(),
                  s.latestVersion(),
                  s.isCurrent() ? "" : ": run `idminter schema migrate`");
          if (older != null && older > 0) {
            spec.commandLine()
                .getOut()
                .printf(
                    "%,d canonical ID(s) in an older format (minted under older rules): read and"
                        + " returned as they are; new IDs are always in today's format%n",
                    older);
          }
        }
        return s.isCurrent() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
      }
    }
  }
}
