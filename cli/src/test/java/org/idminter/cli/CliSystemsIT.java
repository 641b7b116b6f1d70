package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.idminter.cli.CliProcess.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source-system aliases as a user runs them on the embedded default with the 10,000-row sample:
 * list, plan with a report, apply, a lookup of an original key and a mint under the alias, undo; a
 * bad system name gets one clear line.
 */
class CliSystemsIT {
  @TempDir Path dir;

  private Run idminter(String... args) throws Exception {
    return CliProcess.run(dir, List.of(), Map.of(), args);
  }

  @Test
  void listPlanApplyLookupAndUndoOnTheSample() throws Exception {
    Path sample = Path.of("..", "examples", "identifiers_sample.csv").toAbsolutePath();
    Run imported = idminter("import", "--csv", sample.toString());
    assertThat(imported.exit()).as(imported.err()).isZero();

    Run list = idminter("systems", "list");
    assertThat(list.out())
        .contains("        20  library-of-congress-names")
        .contains("no aliases recorded");

    Path report = dir.resolve("plan.json");
    Run plan =
        idminter(
            "systems",
            "alias",
            "plan",
            "library-of-congress-names",
            "lc-names",
            "--report",
            report.toString());
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("rows keyed under library-of-congress-names: 20 (rekey to lc-names: 20");
    JsonNode json = new ObjectMapper().readTree(Files.readString(report));
    assertThat(json.get("counts").get("rekey").asInt()).isEqualTo(20);
    assertThat(json.get("rekey")).hasSize(20);

    Run apply = idminter("systems", "alias", "apply", "library-of-congress-names", "lc-names");
    assertThat(apply.exit()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("library-of-congress-names is an alias of lc-names; run id");

    String key = json.get("rekey").get(0).get("key").asText();
    String id = json.get("rekey").get(0).get("canonical_id").asText();
    assertThat(idminter("lookup", key).out()).isEqualTo(key + "\t" + id + "\n");
    String canonicalKey = key.replace("library-of-congress-names/", "lc-names/");
    assertThat(idminter("lookup", canonicalKey).out()).isEqualTo(canonicalKey + "\t" + id + "\n");
    Run listed = idminter("systems", "list", "--json");
    assertThat(listed.exit()).as(listed.err()).isZero();
    JsonNode systems = new ObjectMapper().readTree(listed.out());
    assertThat(systems.get("aliases").get(0).get("alias").asText())
        .isEqualTo("library-of-congress-names");
    assertThat(systems.get("aliases").get(0).get("canonical").asText()).isEqualTo("lc-names");
    assertThat(listed.out()).doesNotContain("\"system\" : \"library-of-congress-names\"");

    Run again = idminter("systems", "alias", "apply", "library-of-congress-names", "lc-names");
    assertThat(again.out()).contains("already; nothing was changed");

    Run undo = idminter("systems", "alias", "undo", "library-of-congress-names");
    assertThat(undo.exit()).as(undo.err()).isZero();
    assertThat(undo.out()).startsWith("undone: 20 mapping(s)");
    assertThat(idminter("systems", "list").out()).contains("        20  library-of-congress-names");

    Run bad = idminter("systems", "alias", "plan", "a/b", "lc-names");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err())
        .startsWith("idminter: bad source system 'a/b': the source system must not contain '/'");
  }
}
