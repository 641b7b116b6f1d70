package org.idminter.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into idminter.properties at build time. */
public final class Version implements IVersionProvider {
  public static String current() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/idminter.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"idminter " + current()};
  }
}
