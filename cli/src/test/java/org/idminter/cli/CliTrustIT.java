package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.idminter.cli.CliProcess.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a pipeline scripting idminter relies on: one embedded database wherever a command runs,
 * read-only commands that never create one, outputs and reports that appear whole or not at all,
 * reports that never overwrite each other unless asked, and an outcome in every report.
 */
class CliTrustIT {
  private static final String WORK =
      "{\"state\": {\"sourceIdentifier\": {\"identifierType\": {\"id\": \"sierra-system-number\"},"
          + " \"ontologyType\": \"Work\", \"value\": \"b1\"}}}\n";

  @TempDir Path dir;

  private Run in(Path cwd, String... args) throws Exception {
    Files.createDirectories(cwd);
    return CliProcess.run(
        cwd, List.of(), Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString()), args);
  }

  private Path embeddedFile() {
    return dir.resolve("xdg/idminter/idminter.mv.db");
  }

  @Test
  void everyCommandFindsTheSameEmbeddedDatabaseWhereverItRuns() throws Exception {
    Run mint = in(dir.resolve("a"), "mint", "Work[sierra-system-number/b1]");
    assertThat(mint.exit()).isZero();
    assertThat(mint.err())
        .contains("idminter: created a new embedded database in " + dir.resolve("xdg/idminter"));
    Run lookup = in(dir.resolve("b/c"), "lookup", "Work[sierra-system-number/b1]");
    assertThat(lookup.exit()).isZero();
    assertThat(lookup.out()).isEqualTo(mint.out());
    assertThat(lookup.err()).doesNotContain("created");
    Run again = in(dir.resolve("b"), "mint", "Work[sierra-system-number/b1]");
    assertThat(again.out()).isEqualTo(mint.out());
    assertThat(again.err()).doesNotContain("created");
    assertThat(dir.resolve("a/idminter-data")).doesNotExist();
  }

  @Test
  void readOnlyCommandsNeverCreateADatabase() throws Exception {
    for (String[] args :
        List.of(
            new String[] {"lookup", "Work[a/b]"},
            new String[] {"pool", "status"},
            new String[] {"aliases"},
            new String[] {"schema", "status"},
            new String[] {"legacy", "plan"})) {
      Run r = in(dir.resolve("w"), args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(r.err())
          .as(String.join(" ", args))
          .startsWith(
              "idminter: there is no embedded database in " + dir.resolve("xdg/idminter") + ":")
          .doesNotContain("Exception");
      assertThat(embeddedFile()).doesNotExist();
    }
  }

  @Test
  void aDatabaseLeftAtTheOldDefaultIsRefusedNotReplacedByAnEmptyOne() throws Exception {
    Path cwd = dir.resolve("old");
    assertThat(in(cwd, "mint", "Work[a/b]", "--data-dir", "idminter-data").exit()).isZero();
    Run r = in(cwd, "mint", "Work[a/b]");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("idminter: found an idminter database in " + cwd.resolve("idminter-data"))
        .contains("pass --data-dir");
    assertThat(embeddedFile()).doesNotExist();
    assertThat(in(cwd, "lookup", "Work[a/b]", "--data-dir", "idminter-data").exit()).isZero();
  }

  @Test
  void aFailedIdentifyLeavesTheOutputAsItWasAndReportsItsOutcome() throws Exception {
    Path cwd = dir.resolve("fail");
    Files.createDirectories(cwd);
    Files.writeString(cwd.resolve("out.jsonl"), "kept\n");
    Run r =
        in(
            cwd,
            "identify",
            "--input",
            "missing.jsonl",
            "--output",
            "out.jsonl",
            "--report",
            "r.json");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(Files.readString(cwd.resolve("out.jsonl"))).isEqualTo("kept\n");
    assertThat(r.err())
        .contains("idminter: failed after 0 work(s) were identified")
        .contains("out.jsonl left unchanged; report written to")
        .contains("idminter: cannot read missing.jsonl: no such file");
    JsonNode report = new ObjectMapper().readTree(cwd.resolve("r.json").toFile());
    assertThat(report.get("outcome").asText()).isEqualTo("failed");
    assertThat(report.get("error_code").asText()).isEqualTo("INVALID_INPUT");
    assertThat(report.get("message").asText()).contains("cannot read missing.jsonl");
    try (Stream<Path> files = Files.list(cwd)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void anUnwritableReportStopsIdentifyBeforeItMintsOrWritesAnything() throws Exception {
    Path cwd = dir.resolve("unwritable");
    Files.createDirectories(cwd);
    Files.writeString(cwd.resolve("in.jsonl"), WORK);
    Files.writeString(cwd.resolve("a-file"), "x");
    Run r =
        in(
            cwd,
            "identify",
            "--input",
            "in.jsonl",
            "--output",
            "out.jsonl",
            "--report",
            "a-file/r.json");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("idminter: cannot write the report a-file/r.json:");
    assertThat(cwd.resolve("out.jsonl")).doesNotExist();
    assertThat(embeddedFile()).doesNotExist();

    Run mint = in(cwd, "mint", "Work[s/1]", "--data-dir", "a-file/db");
    assertThat(mint.exit()).isEqualTo(1);
    assertThat(mint.err())
        .startsWith("idminter: cannot create the embedded database in " + cwd.resolve("a-file/db"))
        .contains("pass --data-dir DIR")
        .doesNotContain("\tat ");
    assertThat(mint.err().lines()).hasSize(1);
  }

  @Test
  void reportsNeverOverwriteEachOtherUnlessAsked() throws Exception {
    Path cwd = dir.resolve("reports");
    Files.createDirectories(cwd);
    Files.writeString(cwd.resolve("in.jsonl"), WORK);
    for (int i = 0; i < 2; i++) {
      Run r = in(cwd, "identify", "--input", "in.jsonl", "--output", "out" + i + ".jsonl");
      assertThat(r.exit()).isZero();
    }
    try (Stream<Path> files = Files.list(cwd.resolve("idminter-reports"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .hasSize(2)
          .allMatch(n -> n.matches("identify-\\d{8}T\\d{6}-[0-9a-f]{4}\\.json"));
    }
    String[] named = {"identify", "--input", "in.jsonl", "--output", "o.jsonl", "--job-id", "j1"};
    assertThat(in(cwd, named).exit()).isZero();
    Files.delete(cwd.resolve("o.jsonl"));
    Run again = in(cwd, named);
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("idminter-reports/identify-j1.json exists already");
    assertThat(cwd.resolve("o.jsonl")).doesNotExist();
    Run asked =
        in(
            cwd,
            "identify",
            "--input",
            "in.jsonl",
            "--output",
            "o.jsonl",
            "--job-id",
            "j1",
            "--overwrite-report",
            "--json");
    assertThat(asked.exit()).isZero();
    JsonNode summary = new ObjectMapper().readTree(asked.out());
    assertThat(summary.get("job_id").asText()).isEqualTo("j1");
    assertThat(summary.get("outcome").asText()).isEqualTo("succeeded");
    assertThat(summary.get("report").asText()).endsWith("identify-j1.json");
    JsonNode report =
        new ObjectMapper().readTree(cwd.resolve("idminter-reports/identify-j1.json").toFile());
    assertThat(report.get("outcome").asText()).isEqualTo("succeeded");
    assertThat(report.get("success_count").asLong()).isEqualTo(1);
  }

  @Test
  void processesStartingTogetherOnANewEmbeddedDatabaseAllSucceedAndAgree() throws Exception {
    // Four processes at once race to create the file and to serve it; staggered, the first one
    // exits (and stops serving) while the others are mid-transaction. Every one must succeed.
    long[] staggersMillis = {0, 300, 700};
    for (int round = 0; round < staggersMillis.length; round++) {
      Path cwd = dir.resolve("round" + round);
      Files.createDirectories(cwd);
      List<CliProcess.Started> started = new java.util.ArrayList<>();
      for (int p = 0; p < 4; p++) {
        started.add(
            CliProcess.start(
                cwd,
                List.of(),
                Map.of(),
                "mint",
                "--data-dir",
                "db",
                "Work[s/shared]",
                "Work[s/own-" + p + "]"));
        Thread.sleep(staggersMillis[round]);
      }
      java.util.Set<String> sharedIds = new java.util.HashSet<>();
      for (CliProcess.Started s : started) {
        Run r = s.finish();
        assertThat(r.exit()).as("round %d: %s", round, r.err()).isZero();
        sharedIds.add(r.lines().get(0));
      }
      assertThat(sharedIds).as("round %d", round).hasSize(1);
    }
  }

  @Test
  void statusChecksExitFourWhenTheStateIsWantingAndLookupAnswersInTheOrderAsked() throws Exception {
    Path cwd = dir.resolve("checks");
    Files.createDirectories(cwd);
    // A database with only id_minter's two tables: readable, but behind.
    Path db = cwd.resolve("db");
    // From the pool, which the mint tops up (IDs inserted at mint time would leave it empty).
    Run mint = in(cwd, "mint", "--data-dir", "db", "--id-source", "pool", "Work[s/b]", "Work[s/a]");
    assertThat(mint.exit()).isZero();
    Run status = in(cwd, "schema", "status", "--data-dir", "db", "--json");
    assertThat(status.exit()).isZero();
    assertThat(new ObjectMapper().readTree(status.out()).get("current").asBoolean()).isTrue();
    assertThat(db).isDirectory();

    Run pool = in(cwd, "pool", "status", "--data-dir", "db", "--min-free", "100000");
    assertThat(pool.exit()).isEqualTo(4);
    assertThat(pool.err()).contains("fewer than --min-free 100000");
    assertThat(in(cwd, "pool", "status", "--data-dir", "db", "--min-free", "1").exit()).isZero();

    Files.writeString(cwd.resolve("keys.txt"), "Work[s/z]\n{\"key\": \"Work[s/a]\"}\nWork[s/b]\n");
    Run lookup =
        in(cwd, "lookup", "--data-dir", "db", "Work[s/c]", "Work[s/b]", "--input", "keys.txt");
    assertThat(lookup.exit()).isZero();
    assertThat(lookup.lines())
        .extracting(l -> l.split("\t")[0] + (l.endsWith("\t-") ? " -" : " id"))
        .containsExactly("Work[s/c] -", "Work[s/b] id", "Work[s/z] -", "Work[s/a] id");

    Files.writeString(
        cwd.resolve("legacy.csv"),
        "CanonicalId,OntologyType,SourceSystem,SourceId\nabcdefgh,Work,s,1\n");
    Run load = in(cwd, "legacy", "load-csv", "legacy.csv", "--data-dir", "legacy", "--json");
    assertThat(load.exit()).isZero();
    JsonNode loaded = new ObjectMapper().readTree(load.out());
    assertThat(loaded.get("mode").asText()).isEqualTo("load-csv");
    assertThat(loaded.get("rows").asLong()).isEqualTo(1);
    Run legacyShaped = in(cwd, "schema", "status", "--data-dir", "legacy");
    assertThat(legacyShaped.exit()).as(legacyShaped.err()).isEqualTo(4);
    assertThat(legacyShaped.out()).contains("legacy");
  }

  @Test
  void aConfigurationFileTakesTheVariablesKeysAndRefusesOthers() throws Exception {
    Path cwd = dir.resolve("config");
    Files.createDirectories(cwd);
    Files.writeString(
        cwd.resolve("idminter.conf"),
        "# settings\nIDMINTER_DATA_DIR=from-file\nIDMINTER_ID_SOURCE=pool\nIDMINTER_POOL_LOW_WATER=10\n"
            + "IDMINTER_POOL_TOP_UP_TO=50\n");
    Run mint = in(cwd, "mint", "Work[s/1]", "--config", "idminter.conf");
    assertThat(mint.exit()).as(mint.err()).isZero();
    assertThat(cwd.resolve("from-file/idminter.mv.db")).exists();
    assertThat(in(cwd, "pool", "status", "--config", "idminter.conf").out())
        .contains("free\t50"); // topped up to the file's 50, not the default 10,000

    Files.writeString(
        cwd.resolve("bad.conf"), "IDMINTER_DATA_DIRR=x\nIDMINTER_POOL_LOW_WATER=-1\n");
    Run bad = in(cwd, "lookup", "Work[s/1]", "--config", "bad.conf");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err())
        .startsWith("idminter: the configuration file bad.conf sets IDMINTER_DATA_DIRR,")
        .doesNotContain("Exception");
  }
}
