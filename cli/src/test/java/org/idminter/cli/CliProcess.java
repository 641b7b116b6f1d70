package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the shaded jar as a separate process in a directory, as a user would. */
final class CliProcess {
  /** A failure told in idminter's one-line form, naming {@code contains}, without a stack trace. */
  static void assertOneLineError(Run r, String contains) {
    assertThat(r.err())
        .contains(contains)
        .startsWith("idminter: ")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  private CliProcess() {}

  record Run(int exit, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  static Run run(Path dir, List<String> jvmOptions, Map<String, String> env, String... args)
      throws Exception {
    return start(dir, jvmOptions, env, args).finish();
  }

  /** A process started and not yet waited for: several can run at once. */
  record Started(Process process, Path out, Path err) {
    Run finish() throws Exception {
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
      try {
        return new Run(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.delete(out);
        Files.delete(err);
      }
    }
  }

  static Started start(Path dir, List<String> jvmOptions, Map<String, String> env, String... args)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                System.getProperty("java.home")
                    + File.separator
                    + "bin"
                    + File.separator
                    + "java"));
    // Each test run is a short process: the C1 compiler alone finishes it about a quarter sooner
    // (measured: `mint` on a new embedded database, 3.6-3.7 s against 2.7 s), same behaviour.
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(ClassArchive.options());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", System.getProperty("idminter.jar")));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("IDMINTER_")
                    || k.startsWith("RDS_")
                    || k.startsWith("ES_")
                    || k.equals("APPLY_MIGRATIONS"));
    // The embedded database's default place is per user: keep each test's in its own directory.
    pb.environment().put("XDG_DATA_HOME", dir.toAbsolutePath().resolve("xdg-data").toString());
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process p =
        pb.redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    p.getOutputStream().close();
    return new Started(p, out, err);
  }
}
