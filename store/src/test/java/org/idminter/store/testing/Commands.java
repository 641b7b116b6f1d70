package org.idminter.store.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Runs a command of the machine's for a test fixture, failing with its output if it fails. */
final class Commands {
  private Commands() {}

  static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }
}
