package org.idminter.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.idminter.core.ProgressListener;
import org.idminter.store.IdStore;
import org.junit.jupiter.api.Test;

/** Separate JVMs minting overlapping keys against one database agree on every key. */
public abstract class MultiProcessContract {
  protected abstract TestDatabase database();

  @Test
  void separateProcessesMintingOverlappingKeysAgreeOnEveryKey() throws Exception {
    database().reset();
    try (IdStore store = IdStore.builder(database().config(), new Random(1)).open()) {
      store.pool().topUp(3_000, ProgressListener.NONE);
    }
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    // The first worker starts alone (on the embedded database it becomes the server) and exits
    // early,
    // while the other two are still minting: they must carry on without it.
    List<Process> processes = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      String password =
          database().password() == null || database().password().isEmpty()
              ? "-"
              : database().password();
      processes.add(
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-cp",
                  classpath,
                  MintWorkerMain.class.getName(),
                  database().url(),
                  database().user(),
                  password,
                  String.valueOf(p),
                  p == 0 ? "6" : "30")
              .redirectErrorStream(false)
              .start());
      if (p == 0) {
        Thread.sleep(1500);
      }
    }
    Map<String, String> seen = new HashMap<>();
    List<String> disagreements = new ArrayList<>();
    for (Process process : processes) {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
      assertThat(process.exitValue()).as("worker stderr: %s", err).isZero();
      assertThat(out).endsWith("done\n");
      for (String line : out.split("\n")) {
        String[] kv = line.split("\t");
        if (kv.length == 2) {
          String earlier = seen.putIfAbsent(kv[0], kv[1]);
          if (earlier != null && !earlier.equals(kv[1])) {
            disagreements.add(kv[0] + ": " + earlier + " vs " + kv[1]);
          }
        }
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(seen).isNotEmpty();
    InvariantChecker.check(database());
  }
}
