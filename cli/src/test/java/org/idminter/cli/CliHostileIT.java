package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.idminter.cli.CliProcess.Run;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What adversarial testing found at the command line, run as a user would run it. */
class CliHostileIT {
  private static final String SECRET = "S3cretPw9";

  @TempDir Path dir;

  private Run idminter(Map<String, String> env, String... args) throws Exception {
    return CliProcess.run(dir, List.of(), env, args);
  }

  private Run idminter(String... args) throws Exception {
    return idminter(Map.of(), args);
  }

  /** Every error path given a password: it must appear in no output, no log and no report. */
  @Test
  void aPasswordNeverAppearsOnStdoutStderrOrInAnyReport() throws Exception {
    TestDatabase maria = TestDatabases.mariaDb("secrets");
    String mariaHostPort = maria.url().replaceFirst("jdbc:mariadb://([^/]+)/.*", "$1");
    String wrongPassword =
        maria.url() + (maria.url().contains("?") ? "&" : "?") + "password=" + SECRET;
    List<Run> runs = new ArrayList<>();
    runs.add(
        idminter(
            "lookup",
            "Work[a/b]",
            "--db",
            "jdbc:mariadb://user:" + SECRET + "@" + mariaHostPort + "/db"));
    runs.add(idminter("lookup", "Work[a/b]", "--db", wrongPassword, "--db-user", maria.user()));
    runs.add(
        idminter(
            Map.of("IDMINTER_DEBUG", "1", "IDMINTER_LOG_LEVEL", "DEBUG"),
            "mint",
            "Work[a/b]",
            "--db",
            maria.url(),
            "--db-user",
            maria.user(),
            "--db-password",
            SECRET));
    runs.add(
        idminter(
            Map.of(
                "IDMINTER_DB_URL",
                maria.url(),
                "IDMINTER_DB_USER",
                "nobody",
                "IDMINTER_DB_PASSWORD",
                SECRET),
            "pool",
            "status"));
    runs.add(
        idminter(
            "identify",
            "--input",
            "-",
            "--output",
            "out.jsonl",
            "--report",
            "identify.json",
            "--db",
            "jdbc:postgresql://127.0.0.1:1/x?password=" + SECRET));
    runs.add(
        idminter(
            "run",
            "--es-url",
            "http://elastic:" + SECRET + "@127.0.0.1:9",
            "--full",
            "--report",
            "run1.json"));
    runs.add(
        idminter(
            "run",
            "--es-url",
            "http://127.0.0.1:9",
            "--es-user",
            "elastic",
            "--es-password",
            SECRET,
            "--full",
            "--report",
            "run2.json"));
    runs.add(
        idminter(
            Map.of("IDMINTER_DEBUG", "1"),
            "legacy",
            "plan",
            "--report",
            "legacy.json",
            "--db",
            "jdbc:mariadb://root:" + SECRET + "@" + mariaHostPort + "/nodb?sslMode=disable"));
    runs.add(idminter("mint", "--db", "jdbc:mariadb://u:" + SECRET + "@h/db", "--bogus"));
    for (Run r : runs) {
      assertThat(r.exit()).as(r.err()).isNotZero();
      assertThat(r.err()).as("stderr").doesNotContain(SECRET).isNotBlank();
      assertThat(r.out()).as("stdout").doesNotContain(SECRET);
    }
    assertThat(runs.get(0).err()).contains("user:***@");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        // Bytes, not text: the embedded database's files are searched too.
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(SECRET);
      }
    }
  }

  @Test
  void aDocumentLimitTheHeapCannotHoldIsRefusedAtStartWithOneLine() throws Exception {
    Files.writeString(dir.resolve("w.jsonl"), "{}\n");
    Run r =
        CliProcess.run(
            dir,
            List.of("-Xmx128m"),
            Map.of(),
            "identify",
            "--input",
            "w.jsonl",
            "--output",
            "out.jsonl",
            "--max-document-mb",
            "300");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("idminter: --max-document-mb 300 needs about")
        .contains("this JVM may use")
        .doesNotContain("Exception");
    assertThat(dir.resolve("out.jsonl")).doesNotExist();
  }

  @Test
  void csvRowsWiderThanTheHeaderAreRefusedByImportAndByLegacyLoadCsv() throws Exception {
    Files.writeString(
        dir.resolve("extra.csv"),
        "CanonicalId,OntologyType,SourceId,SourceSystem\n"
            + "abcdefgh,Image,b28065037,FILE_0175,mets-image\n");
    Run imported = idminter("import", "--csv", "extra.csv");
    assertThat(imported.exit()).isEqualTo(1);
    assertThat(imported.err())
        .contains("extra.csv line 2: 5 field(s), but the header has 4")
        .contains("nothing imported");
    Run loaded =
        idminter("legacy", "load-csv", "extra.csv", "--db", "jdbc:h2:" + dir.resolve("legacy"));
    assertThat(loaded.exit()).isEqualTo(1);
    assertThat(loaded.err()).contains("extra.csv line 2: 5 field(s), but the header has 4");
    Run lookup = idminter("lookup", "Image[FILE_0175/b28065037]");
    assertThat(lookup.lines()).containsExactly("Image[FILE_0175/b28065037]\t-");
  }
}
