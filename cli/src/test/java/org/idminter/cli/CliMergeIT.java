package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.idminter.cli.CliProcess.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merges as a user runs them on the embedded default: plan, apply with a reason, lookup of a moved
 * key, resolve of both IDs, history of the key, undo; bad IDs get one clear line.
 */
class CliMergeIT {
  @TempDir Path dir;

  private Run idminter(String... args) throws Exception {
    return CliProcess.run(dir, List.of(), Map.of(), args);
  }

  private String idOf(String key) throws Exception {
    Run r = idminter("mint", key);
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out().trim().split("\t")[1];
  }

  @Test
  void planApplyResolveHistoryAndUndo() throws Exception {
    String from = idOf("Work[sierra-system-number/b1]");
    String into = idOf("Work[calm-record-id/c1]");

    Run plan = idminter("merge", "plan", from, into);
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("keys moving from " + from + " to " + into + ": 1")
        .contains(from + " becomes a redirect to " + into);

    Run apply = idminter("merge", "apply", from, into, "--reason", "same work");
    assertThat(apply.exit()).as(apply.err()).isZero();
    String runId = apply.out().replaceAll("(?s).*merged; run id (\\S+) .*", "$1");
    assertThat(runId).hasSize(36);

    assertThat(idminter("lookup", "Work[sierra-system-number/b1]").out())
        .isEqualTo("Work[sierra-system-number/b1]\t" + into + "\n");
    assertThat(idminter("resolve", from, into).out())
        .isEqualTo(
            from
                + "\tredirect\t"
                + into
                + "\n"
                + into
                + "\tactive\tWork[calm-record-id/c1],Work[sierra-system-number/b1]\n");
    Run roles = idminter("resolve", into, "--json");
    assertThat(roles.exit()).as(roles.err()).isZero();
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(roles.out())
                .get(0)
                .get("key_roles")
                .toString())
        .contains("\"original\"")
        .contains("\"alias\"");
    assertThat(idminter("history", "Work[sierra-system-number/b1]").out())
        .contains("\tmerge\tWork[sierra-system-number/b1]\t" + from + "\t" + from + "\t" + into)
        .contains("same work");

    Run refused = idminter("merge", "apply", into, from);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("idminter: ")
        .contains(from + " is itself a redirect to " + into)
        .doesNotContain("\tat ");

    Run undo = idminter("merge", "undo", runId);
    assertThat(undo.exit()).as(undo.err()).isZero();
    assertThat(idminter("resolve", from).out())
        .isEqualTo(from + "\tactive\tWork[sierra-system-number/b1]\n");

    Run bad = idminter("resolve", "not-an-id");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("idminter: ").contains("not-an-id");
  }
}
