package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class-data archive of the jar, made once per test JVM by one representative command (a mint on
 * a new embedded database), then mapped by every CLI process the tests start: each starts about a
 * third sooner, the same behaviour. JVM logging is off in them so no archive message reaches the
 * output the tests read.
 */
final class ClassArchive {
  private static List<String> options;

  private ClassArchive() {}

  static synchronized List<String> options() throws Exception {
    if (options == null) {
      Path dir = Files.createTempDirectory("idminter-cds");
      Path archive = dir.resolve("idminter.jsa");
      String java =
          System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
      Process p =
          new ProcessBuilder(
                  java,
                  "-XX:TieredStopAtLevel=1",
                  "-XX:ArchiveClassesAtExit=" + archive,
                  "-Xlog:disable",
                  "-jar",
                  System.getProperty("idminter.jar"),
                  "mint",
                  "Work[sierra-system-number/b1]",
                  "--data-dir",
                  dir.resolve("data").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("archive.log").toFile())
              .start();
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
      options =
          p.exitValue() == 0 && Files.size(archive) > 0
              ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:disable")
              : List.of();
    }
    return options;
  }
}
