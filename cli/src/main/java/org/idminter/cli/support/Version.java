package org.idminter.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version and commit Maven wrote into idminter.properties at build time. */
public final class Version implements IVersionProvider {
  public static String current() {
    return properties().getProperty("version", "unknown");
  }

  /** The commit the jar was built from ("+changes" when the tree had uncommitted changes). */
  public static String commit() {
    Properties p = properties();
    String commit = p.getProperty("commit", "");
    if (commit.isEmpty() || commit.startsWith("${")) {
      return "unknown (built outside a git checkout)";
    }
    return commit + ("true".equals(p.getProperty("dirty")) ? "+changes" : "");
  }

  private static Properties properties() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/idminter.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      p.setProperty("version", "unknown (" + e.getMessage() + ")");
    }
    return p;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"idminter " + current() + " (commit " + commit() + ")"};
  }
}
