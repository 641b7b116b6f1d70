package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.idminter.cli.CliProcess.Run;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rekey commands as a user runs them, on PostgreSQL: plan names refused rows, apply refuses
 * them writing nothing, --skip-refused moves them aside, verify proves every row, rollback and
 * apply again, finish needs --confirm; every run writes its report.
 */
class CliRekeyIT {
  @TempDir Path dir;

  private Run idminter(TestDatabase db, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db", db.url(), "--db-user", db.user()));
    return CliProcess.run(dir, List.of(), Map.of(), all.toArray(String[]::new));
  }

  @Test
  void planApplyVerifyRollbackAndFinish() throws Exception {
    TestDatabase db = TestDatabases.postgres("cli_rekey");
    db.execute(
        "CREATE TABLE entity_head (entity_id VARCHAR(20) PRIMARY KEY)",
        "CREATE TABLE entity_revisions (entity_id VARCHAR(20) NOT NULL, revision_id INT NOT NULL,"
            + " created_at TIMESTAMP, PRIMARY KEY (entity_id, revision_id))",
        "INSERT INTO entity_head VALUES ('Q1'), ('P31'), ('X9')",
        "INSERT INTO entity_revisions VALUES ('Q1', 1, '2020-01-01 00:00:00'), ('Q3', 1, NULL)");
    Path spec = dir.resolve("rekey.json");
    Files.writeString(
        spec,
        "{\"parent\": {\"table\": \"entity_head\", \"column\": \"entity_id\"},"
            + " \"children\": [{\"table\": \"entity_revisions\", \"column\": \"entity_id\"}],"
            + " \"entity_types\": {\"Q\": \"item\", \"P\": \"property\"},"
            + " \"created_at\": {\"table\": \"entity_revisions\", \"column\": \"created_at\"}}");
    String s = spec.toString();
    Path report = dir.resolve("plan.json");
    Run plan = idminter(db, "rekey", "plan", "--spec", s, "--report", report.toString());
    assertThat(plan.exit()).isEqualTo(3);
    assertThat(plan.out())
        .contains("refused rows: 2")
        .contains("entity_head\tX9\t1\tbad external ID 'X9'")
        .contains("entity_revisions\tQ3\t1\torphan");
    assertThat(Files.readString(report))
        .contains("\"refused_count\" : 2")
        .contains("\"mode\" : \"plan\"");

    Run noRegistry = idminter(db, "rekey", "apply", "--spec", s, "--skip-refused");
    assertThat(noRegistry.exit()).isEqualTo(1);
    assertThat(noRegistry.err()).contains("run `idminter schema migrate` on it first");
    assertThat(idminter(db, "schema", "migrate").exit()).isZero();

    Run refused = idminter(db, "rekey", "apply", "--spec", s);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("idminter: ")
        .contains("2 row(s) would be refused")
        .doesNotContain("\tat ");

    Path applyReport = dir.resolve("apply.json");
    Run apply =
        idminter(
            db,
            "rekey",
            "apply",
            "--spec",
            s,
            "--skip-refused",
            "--report",
            applyReport.toString());
    assertThat(apply.exit()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("applied: 2 entities registered").contains("conserved");
    assertThat(Files.readString(applyReport))
        .contains("\"outcome\" : \"applied\"")
        .contains("\"kept_in\" : \"idminter_rekey_skipped_0\"")
        .contains("\"external_id\" : \"X9\"");

    Run verify = idminter(db, "rekey", "verify", "--spec", s);
    assertThat(verify.exit()).as(verify.out()).isZero();
    assertThat(verify.out()).contains("rows that do not resolve as before: 0");

    assertThat(idminter(db, "rekey", "rollback", "--spec", s).exit()).isZero();
    assertThat(idminter(db, "rekey", "plan", "--spec", s).out()).contains("refused rows: 2");
    assertThat(idminter(db, "rekey", "apply", "--spec", s, "--skip-refused").exit()).isZero();

    Run unconfirmed = idminter(db, "rekey", "finish", "--spec", s);
    assertThat(unconfirmed.exit()).isEqualTo(2);
    assertThat(unconfirmed.err()).contains("pass --confirm");
    Run finish = idminter(db, "rekey", "finish", "--spec", s, "--confirm");
    assertThat(finish.exit()).as(finish.err()).isZero();
    assertThat(finish.out()).contains("finished");

    Files.writeString(spec, "{\"parent\": {\"table\": \"entity_head\"}}");
    Run bad = idminter(db, "rekey", "plan", "--spec", s);
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("idminter: ").contains("\"parent.column\" is missing");
  }
}
