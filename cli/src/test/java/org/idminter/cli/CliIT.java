package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.idminter.cli.CliProcess.assertOneLineError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.idminter.cli.CliProcess.Run;
import org.idminter.store.testing.SampleData;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI, black box: the shaded jar run as a separate process, judged on exit code and output. */
class CliIT {
  @TempDir Path dir;

  private Run idminter(Map<String, String> env, String... args) throws Exception {
    return CliProcess.run(dir, List.of(), env, args);
  }

  private Run idminter(String... args) throws Exception {
    return idminter(Map.of(), args);
  }

  @Test
  void mintPrintsKeyTabIdPerDistinctKeyInFirstSeenOrderAndRemintingReturnsTheSame()
      throws Exception {
    Run first =
        idminter(
            "mint",
            "Work[sierra-system-number/b1000001]",
            "Item[sierra-system-number/i1]",
            "Work[sierra-system-number/b1000001]");
    assertThat(first.exit()).isZero();
    assertThat(first.lines()).hasSize(2);
    assertThat(first.lines().get(0))
        .matches("Work\\[sierra-system-number/b1000001]\t[a-hjkmnp-z][a-hjkmnp-z2-9]{7}");
    assertThat(first.lines().get(1)).startsWith("Item[sierra-system-number/i1]\t");
    assertThat(idminter("mint", "Work[sierra-system-number/b1000001]").lines())
        .containsExactly(first.lines().get(0));

    String id = first.lines().get(0).split("\t")[1];
    Run inherit =
        idminter(
            "mint",
            "Work[folio-instance/f1]",
            "--predecessor",
            "Work[sierra-system-number/b1000001]",
            "--json");
    assertThat(inherit.out())
        .contains("\"key\" : \"Work[folio-instance/f1]\"")
        .contains("\"canonical_id\" : \"" + id + "\"");

    Run lookup = idminter("lookup", "Work[folio-instance/f1]", "Work[nowhere/x]");
    assertThat(lookup.exit()).isZero();
    assertThat(lookup.lines())
        .containsExactly("Work[folio-instance/f1]\t" + id, "Work[nowhere/x]\t-");

    Run aliases = idminter("aliases", "--json");
    assertThat(aliases.out())
        .contains("\"role\" : \"original\"")
        .contains("\"predecessor\" : \"Work[sierra-system-number/b1000001]\"");
  }

  @Test
  void mintReadsJsonLinesRequestsAllInOneCallAndNamesBadLines() throws Exception {
    Path ok = dir.resolve("requests.jsonl");
    Files.writeString(
        ok,
        "{\"key\": \"Work[folio/f2]\", \"predecessor\": \"Work[sierra/b2]\"}\n\n{\"key\": \"Work[sierra/b2]\"}\n");
    Run r = idminter("mint", "--input", ok.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(2);
    assertThat(r.lines().get(0).split("\t")[1]).isEqualTo(r.lines().get(1).split("\t")[1]);

    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(
        bad,
        "{\"key\": \"Work[s/ok]\"}\nnot json\n[1]\n{\"key\": 5}\n{\"key\": \"Work[s/x]\", \"predecessor\": \"Work[/y]\"}\n");
    Run failed = idminter("mint", "--input", bad.toString());
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.err())
        .contains("4 bad request line(s)")
        .contains("bad.jsonl line 2: bad source identifier 'not json': expected OntologyType[")
        .contains("line 3: expected a key like Work[sys/val] or a JSON object")
        .contains("line 4: \"key\" is missing or not a string")
        .contains("line 5: bad source identifier 'Work[/y]': the source system is empty")
        .doesNotContain("\tat ");
    assertThat(idminter("lookup", "Work[s/ok]").lines()).containsExactly("Work[s/ok]\t-");
  }

  @Test
  void badInputAndBadUsageGiveExitCodesOneAndTwoWithoutStackTraces() throws Exception {
    Run badKey = idminter("mint", "Work[s/" + "x".repeat(300) + "]");
    assertThat(badKey.exit()).isEqualTo(2);
    assertOneLineError(badKey, "300 characters, more than 255");

    Run predecessorMissing =
        idminter("mint", "Work[folio/f9]", "--predecessor", "Work[sierra/nothing]");
    assertThat(predecessorMissing.exit()).isEqualTo(1);
    assertOneLineError(
        predecessorMissing, "predecessor not found: Work[folio/f9] <- Work[sierra/nothing]");

    assertThat(idminter("mint").exit()).isEqualTo(2);
    assertThat(idminter("mint", "Work[a/1]", "Work[a/2]", "--predecessor", "Work[p/1]").exit())
        .isEqualTo(2);
    assertThat(idminter("frobnicate").exit()).isEqualTo(2);
    assertThat(idminter("pool", "top-up", "--desired", "lots").exit()).isEqualTo(2);

    Run zero = idminter("pool", "top-up", "--desired", "0");
    assertThat(zero.exit()).isEqualTo(2);
    assertOneLineError(zero, "must be positive");

    Run badId = idminter("aliases", "ABCDEFGH");
    assertThat(badId.exit()).isEqualTo(2);
    assertOneLineError(badId, "bad canonical ID 'ABCDEFGH'");

    Run badEnv = idminter(Map.of("APPLY_MIGRATIONS", "sometimes"), "pool", "status");
    assertThat(badEnv.exit()).isEqualTo(1);
    assertOneLineError(badEnv, "bad value for APPLY_MIGRATIONS (--apply-migrations): 'sometimes'");

    Run badType = idminter("mint", "work[sierra-system-number/b1]", "Foo[a/b]");
    assertThat(badType.exit()).isEqualTo(1);
    assertOneLineError(badType, "unknown ontology type 'work' in work[sierra-system-number/b1]");
    assertThat(badType.out()).isEmpty();
  }

  @Test
  void importTheSampleThenImportAgainChangesNothingAndABadFileNamesTheLine() throws Exception {
    Path sample = SampleData.sampleCsv();
    Run first = idminter("import", "--csv", sample.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("10000 row(s), 10000 new mapping(s), 0 unchanged, 0 contradiction(s)");
    Run again = idminter("import", "--csv", sample.toString());
    assertThat(again.out()).contains("0 new mapping(s), 10000 unchanged");
    assertThat(idminter("pool", "status").lines()).contains("assigned\t10000");

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "CanonicalId,OntologyType,SourceSystem,SourceId\nabcdefgi,Work,s,1\n");
    Run badRun = idminter("import", "--csv", bad.toString());
    assertThat(badRun.exit()).isEqualTo(1);
    assertThat(badRun.err())
        .contains("bad.csv line 2: bad canonical ID 'abcdefgi'")
        .doesNotContain("\tat ");
    Run missing = idminter("import", "--csv", dir.resolve("nope.csv").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertOneLineError(missing, "no such file");

    Path contradicting = dir.resolve("contradicting.csv");
    Files.writeString(
        contradicting,
        "CanonicalId,OntologyType,SourceSystem,SourceId\nzzzzzzzz,Item,sierra-system-number,1890040\n");
    Run partial = idminter("import", "--csv", contradicting.toString());
    assertThat(partial.exit()).isEqualTo(3);
    assertThat(partial.err())
        .contains("Item[sierra-system-number/1890040] is already mapped to gbum7y2b");
  }

  @Test
  void identifyWritesIdentifiedWorksAndExitsZeroThreeOrOne() throws Exception {
    Path works = dir.getParent().resolve(dir.getFileName() + "-works.jsonl");
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("examples/works.jsonl"))) {
        Files.copy(p.resolve("examples/works.jsonl"), works);
        break;
      }
    }
    Run ok =
        idminter(
            "identify", "--input", works.toString(), "--output", "out.jsonl", "--job-id", "job-ok");
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("out.jsonl")))
        .hasSize(8)
        .allSatisfy(l -> assertThat(l).contains("\"canonicalId\":\""));
    assertThat(Files.readString(dir.resolve("idminter-reports/identify-job-ok.json")))
        .contains("\"success_count\" : 8")
        .contains("\"failure_count\" : 0");

    Path mixed = dir.resolve("mixed.jsonl");
    Files.writeString(mixed, Files.readAllLines(works).get(0) + "\n{oops\n");
    Run partial =
        idminter("identify", "--input", mixed.toString(), "--output", "-", "--report", "r.json");
    assertThat(partial.exit()).isEqualTo(3);
    assertThat(partial.lines()).hasSize(1);
    assertThat(Files.readString(dir.resolve("r.json")))
        .contains("\"row_id\" : \"line 2\"")
        .contains("\"stage\" : \"extract_id\"");

    Run noScope = idminter("run", "--es-url", "http://127.0.0.1:1");
    assertThat(noScope.exit()).isEqualTo(2);
    assertThat(noScope.err()).contains("no scope given").contains("--full");

    Run fatal =
        idminter(
            "identify",
            "--input",
            works.toString(),
            "--output",
            "x.jsonl",
            "--db",
            "jdbc:postgresql://127.0.0.1:1/nowhere",
            "--db-user",
            "nobody");
    assertThat(fatal.exit()).isEqualTo(1);
    assertOneLineError(fatal, "cannot connect to PostgreSQL");
    Files.deleteIfExists(works);
  }

  @Test
  void poolTopUpAndStatusReportCounts() throws Exception {
    assertThat(idminter("pool", "top-up", "--desired", "20000").out()).contains("20000 now");
    assertThat(idminter("pool", "status", "--json").out())
        .contains("\"free\" : 20000")
        .contains("\"assigned\" : 0");
  }

  @Test
  void realDatabasesWorkThroughDbAndRdsVariablesAndPasswordsNeverShow() throws Exception {
    TestDatabase maria = TestDatabases.mariaDb("cli");
    TestDatabase postgres = TestDatabases.postgres("cli");
    for (TestDatabase db : List.of(maria, postgres)) {
      Run notMigrated = idminter("mint", "Work[s/1]", "--db", db.url(), "--db-user", db.user());
      assertThat(notMigrated.exit()).isEqualTo(1);
      assertOneLineError(notMigrated, "idminter schema migrate");
      Run migrate = idminter("schema", "migrate", "--db", db.url(), "--db-user", db.user());
      assertThat(migrate.exit()).as(migrate.err()).isZero();
      assertThat(migrate.out()).contains("schema at version 6");
      Run mint = idminter("mint", "Work[s/1]", "--db", db.url(), "--db-user", db.user());
      assertThat(mint.exit()).isZero();
      Run wrong =
          idminter(
              Map.of("IDMINTER_DB_PASSWORD", "Wr0ngSecret!"),
              "lookup",
              "Work[s/1]",
              "--db",
              db.url(),
              "--db-user",
              "no_such_user");
      assertThat(wrong.exit()).isEqualTo(1);
      assertOneLineError(wrong, "cannot connect to " + (db == maria ? "MariaDB" : "PostgreSQL"));
      assertThat(wrong.err() + wrong.out()).doesNotContain("Wr0ngSecret!");
    }
    // The original service's variables select MySQL Connector/J (here against MariaDB).
    String database = maria.url().replaceAll(".*/([^/?]+)\\?.*", "$1");
    Run rds =
        idminter(
            Map.of(
                "RDS_PRIMARY_HOST",
                "127.0.0.1",
                "RDS_USERNAME",
                maria.user(),
                "IDENTIFIERS_DATABASE",
                database),
            "lookup",
            "Work[s/1]");
    assertThat(rds.exit()).as(rds.err()).isZero();
    assertThat(rds.lines())
        .singleElement()
        .asString()
        .startsWith("Work[s/1]\t")
        .doesNotEndWith("-");
  }

  @Test
  void idsNewPrintsFreshIdsOfASchemeAndDetectNamesTheSchemesOfEachValue() throws Exception {
    Run ulids = idminter("ids", "new", "--scheme", "ulid", "-n", "3");
    assertThat(ulids.exit()).isZero();
    assertThat(ulids.lines()).hasSize(3).allMatch(l -> l.matches("[0-7][0-9A-HJKMNP-TV-Z]{25}"));
    assertThat(ulids.lines()).isSorted().doesNotHaveDuplicates();
    Run flakes = idminter("ids", "new", "--scheme", "flake64", "-n", "2", "--json");
    assertThat(flakes.out()).matches("(?s)\\[ \"\\d{19}\", \"\\d{19}\" \\]\\s*");

    Run detect = idminter("ids", "detect", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "Q42", "nope");
    assertThat(detect.exit()).isEqualTo(1);
    assertThat(detect.lines())
        .containsExactly(
            "01ARZ3NDEKTSV4RRFFQ69G5FAV\tulid\t01ARZ3NDEKTSV4RRFFQ69G5FAV\t2016-07-30T23:54:10.259Z",
            "Q42\tqid\titem\t-",
            "nope\t-");
  }

  @Test
  void idsRegisterAllocateAndResolveWorkThroughTheRegistry() throws Exception {
    Run reg = idminter("ids", "register", "Q42", "P31", "Q42");
    assertThat(reg.exit()).isZero();
    assertThat(reg.lines()).hasSize(2);
    assertThat(reg.lines().get(0)).matches("Q42\t\\d{19}");
    assertThat(reg.lines().get(1)).matches("P31\t\\d{19}");
    String q42 = reg.lines().get(0).split("\t")[1];
    String p31 = reg.lines().get(1).split("\t")[1];

    Path input = dir.resolve("qids.txt");
    Files.writeString(input, "Q42\n\n  L7 \n");
    Run again = idminter("ids", "register", "--input", input.toString(), "--json");
    assertThat(again.exit()).isZero();
    assertThat(again.out())
        .contains("\"external_id\" : \"Q42\",\n    \"internal_id\" : \"" + q42 + "\"")
        .contains("\"created\" : 1,")
        .contains("\"regenerated\" : 0");

    Run alloc = idminter("ids", "allocate", "--type", "item", "-n", "2");
    assertThat(alloc.exit()).isZero();
    assertThat(alloc.lines()).hasSize(2);
    assertThat(alloc.lines().get(0)).startsWith("Q1\t");
    assertThat(alloc.lines().get(1)).startsWith("Q2\t");

    Run res = idminter("ids", "resolve", "Q42", p31, "Q404");
    assertThat(res.exit()).isZero();
    assertThat(res.lines()).containsExactly("Q42\t" + q42, p31 + "\tP31", "Q404\t-");
    Run cached =
        idminter(
            "ids",
            "resolve",
            "--cache",
            org.idminter.store.testing.RedisServers.shared().toString(),
            "Q42",
            p31,
            "Q404");
    assertThat(cached.exit()).isZero();
    assertThat(cached.lines()).isEqualTo(res.lines());

    Run bad = idminter("ids", "register", "Q01", "Q5", "X9");
    assertThat(bad.exit()).isEqualTo(2);
    assertOneLineError(bad, "2 invalid external ID(s), nothing done: 'Q01'");
    assertThat(bad.err()).contains("'X9'");
    Run badValue = idminter("ids", "resolve", "Q42", "zz");
    assertThat(badValue.exit()).isEqualTo(2);
    assertOneLineError(badValue, "'zz'");
    Run badType = idminter("ids", "allocate", "--type", "sense");
    assertThat(badType.exit()).isEqualTo(2);
    assertOneLineError(badType, "bad --type 'sense'");
    Run badCache = idminter("ids", "resolve", "--cache", "http://x", "Q42");
    assertThat(badCache.exit()).isEqualTo(1);
    assertOneLineError(badCache, "bad value for IDMINTER_CACHE_URL (--cache): 'http://x'");
    assertThat(idminter("ids", "resolve", "Q5").lines()).containsExactly("Q5\t-");
  }
}
