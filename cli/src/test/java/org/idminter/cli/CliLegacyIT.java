package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.idminter.cli.CliProcess.assertOneLineError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.idminter.cli.CliProcess.Run;
import org.idminter.store.testing.SampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The legacy migration through the CLI, black box (its own class: at about a minute it is the
 * longest CLI test, and a class is what the test forks share out).
 */
class CliLegacyIT {
  @TempDir Path dir;

  private Run idminter(String... args) throws Exception {
    return CliProcess.run(dir, List.of(), Map.of(), args);
  }

  @Test
  void legacyLoadPlanApplyVerifyRollbackOnTheEmbeddedDatabaseWithReportsAndExitCodes()
      throws Exception {
    Path sample = SampleData.sampleCsv();
    assertThat(idminter("legacy", "load-csv", sample.toString()).out())
        .contains("loaded 10000 row(s)");
    Path bad = dir.resolve("bad.csv");
    Files.writeString(
        bad, "CanonicalId,OntologyType,SourceSystem,SourceId\nABCDEFGH,Work,sierra,b-bad\n");
    assertThat(idminter("legacy", "load-csv", bad.toString()).exit()).isZero();

    Run plan = idminter("legacy", "plan", "--report", "plan.json");
    assertThat(plan.exit()).isZero();
    assertThat(plan.out())
        .contains("source: 10,001 rows")
        .contains("refused rows: 1")
        .contains(
            "ABCDEFGH\tWork[sierra/b-bad]\tcanonical ID 'ABCDEFGH' is neither in today's format")
        .contains("apply would refuse");
    assertThat(Files.readString(dir.resolve("plan.json")))
        .contains("\"mode\" : \"plan\"")
        .contains("\"refused\"");

    Run refused = idminter("legacy", "apply");
    assertThat(refused.exit()).isEqualTo(1);
    assertOneLineError(refused, "1 legacy row(s) would be refused");

    Run applied = idminter("legacy", "apply", "--skip-refused", "--report", "apply.json");
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("migrated 10000 row(s); 1 skipped");
    String report = Files.readString(dir.resolve("apply.json"));
    assertThat(report)
        .contains("\"run_id\"")
        .contains("\"tool_version\"")
        .contains("\"source_fingerprint\"")
        .contains("\"skipped\"")
        .contains("ABCDEFGH")
        .contains("\"step_millis\"")
        .contains("\"outcome\" : \"migrated\"");

    assertThat(idminter("legacy", "apply", "--skip-refused").out()).contains("already migrated");
    Run verify = idminter("legacy", "verify");
    assertThat(verify.exit()).isZero();
    assertThat(verify.out()).contains("10000 verified, 1 skipped");
    assertThat(idminter("lookup", "Image[mets-image/b28065037/FILE_0175_OBJECTS]").lines())
        .containsExactly("Image[mets-image/b28065037/FILE_0175_OBJECTS]\tbe99823c");

    assertThat(idminter("legacy", "rollback").out()).contains("rolled back");
    assertThat(idminter("legacy", "verify").exit()).isEqualTo(1);
    assertThat(idminter("legacy", "plan").out()).contains("source: 10,001 rows");
  }
}
