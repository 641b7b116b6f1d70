package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.idminter.cli.CliProcess.Run;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill commands as a user runs them: on a SQLite file (plan names the refused row, apply
 * refuses writing nothing, then copies the file and fills every row, verify, rollback), and on
 * MariaDB with flake64 values from a DATETIME column; bad input gets one clear line.
 */
class CliBackfillIT {
  @TempDir Path dir;

  private Run idminter(String... args) throws Exception {
    return CliProcess.run(dir, List.of(), Map.of(), args);
  }

  @Test
  void planApplyVerifyAndRollbackOnASqliteFile() throws Exception {
    Path file = dir.resolve("jobs.db");
    TestDatabase db = new TestDatabase("SQLite", "jdbc:sqlite:" + file, "", "");
    db.execute(
        "CREATE TABLE jobs (id INTEGER PRIMARY KEY, created_at TEXT)",
        "INSERT INTO jobs VALUES (1, '2024-05-01T10:00:00Z'), (2, '2024-04-01 09:00:00'),"
            + " (3, '1714557600000'), (4, 'soon')");
    String url = "jdbc:sqlite:" + file;
    String[] common = {
      "--db", url, "--table", "jobs", "--column", "ulid", "--time-column", "created_at"
    };

    Run plan = idminter(concat(new String[] {"backfill", "plan"}, common));
    assertThat(plan.exit()).isEqualTo(3);
    assertThat(plan.out())
        .contains("rows to fill: 3")
        .contains("4\tits time cannot be read: 'soon'");

    Run refused = idminter(concat(new String[] {"backfill", "apply"}, common));
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("idminter: ")
        .contains("1 row(s) would be refused")
        .doesNotContain("\tat ");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("before"));
    }

    db.execute("UPDATE jobs SET created_at = '2024-06-01' WHERE id = 4");
    Path report = dir.resolve("apply.json");
    Run apply =
        idminter(concat(new String[] {"backfill", "apply", "--report", report.toString()}, common));
    assertThat(apply.exit()).as(apply.err()).isZero();
    assertThat(apply.out())
        .contains("applied: 4 row(s) of jobs given a ulid")
        .contains("backup of the file before apply: " + file + ".before-backfill-");
    assertThat(Files.readString(report))
        .contains("\"outcome\" : \"applied\"")
        .contains("\"backup\" : \"" + file + ".before-backfill-");

    Run verify = idminter(concat(new String[] {"backfill", "verify"}, common));
    assertThat(verify.exit()).as(verify.out()).isZero();
    assertThat(verify.out()).contains("rows without a value: 0").contains("verified");

    Run unconfirmed = idminter(concat(new String[] {"backfill", "finish"}, common));
    assertThat(unconfirmed.exit()).isEqualTo(2);
    assertThat(unconfirmed.err()).contains("pass --confirm");

    Run rollback = idminter(concat(new String[] {"backfill", "rollback"}, common));
    assertThat(rollback.exit()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("the column ulid and its unique index are dropped");
    Run after = idminter(concat(new String[] {"backfill", "verify"}, common));
    assertThat(after.exit()).isEqualTo(1);
    assertThat(after.out()).contains("has no column ulid");

    Run mint = idminter("mint", "Work[sys/1]", "--db", url);
    assertThat(mint.exit()).isEqualTo(1);
    assertThat(mint.err()).contains("idminter keeps no identifiers in SQLite");
    Run missing =
        idminter("backfill", "plan", "--db", url + ".typo", "--table", "t", "--column", "c");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("there is no SQLite file " + file + ".typo");
    assertThat(Files.exists(Path.of(file + ".typo"))).isFalse();
  }

  @Test
  void flake64FromADatetimeColumnOnMariaDb() throws Exception {
    TestDatabase db = TestDatabases.mariaDb("cli_backfill");
    db.execute(
        "CREATE TABLE sessions (token VARCHAR(36) PRIMARY KEY, started DATETIME(3) NOT NULL)",
        "INSERT INTO sessions VALUES ('b', '2024-05-01 10:00:00.000'),"
            + " ('a', '2024-05-01 10:00:00.000'), ('c', '2023-01-01 00:00:00.250')");
    String[] common = {
      "--db",
      db.url(),
      "--db-user",
      db.user(),
      "--table",
      "sessions",
      "--column",
      "internal_id",
      "--scheme",
      "flake64",
      "--time-column",
      "started"
    };
    Run apply = idminter(concat(new String[] {"backfill", "apply"}, common));
    assertThat(apply.exit()).as(apply.err()).isZero();
    assertThat(idminter(concat(new String[] {"backfill", "verify"}, common)).exit()).isZero();
    Run finish = idminter(concat(new String[] {"backfill", "finish", "--confirm"}, common));
    assertThat(finish.exit()).as(finish.err()).isZero();
    assertThat(finish.out()).contains("finished: sessions.internal_id and its unique index stay");
    try (var c = db.connect();
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT token, internal_id >> 21 FROM sessions ORDER BY internal_id")) {
      StringBuilder order = new StringBuilder();
      while (rs.next()) {
        order.append(rs.getString(1)).append(' ').append(rs.getLong(2)).append(';');
      }
      assertThat(order.toString()).isEqualTo("c 1672531200250;a 1714557600000;b 1714557600000;");
    }

    Run badScheme =
        idminter(
            "backfill",
            "plan",
            "--db",
            db.url(),
            "--table",
            "sessions",
            "--column",
            "x",
            "--scheme",
            "uuid");
    assertThat(badScheme.exit()).isEqualTo(2);
    assertThat(badScheme.err()).startsWith("idminter: ").contains("unknown scheme 'uuid'");
    Run badName =
        idminter(
            "backfill", "plan", "--db", db.url(), "--table", "sessions; DROP", "--column", "x");
    assertThat(badName.exit()).isEqualTo(2);
    assertThat(badName.err()).contains("--table 'sessions; DROP' is not a plain SQL name");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
