package org.idminter.store.jdbc;

import java.util.regex.Pattern;

/** Removes credentials from JDBC URLs and messages before they reach a log line or an error. */
public final class Redactor {
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)((?:password|pwd)\\s*=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("//([^:/@?]+):([^@/?]*)@");

  private Redactor() {}

  public static String redactUrl(String url) {
    if (url == null) {
      return "";
    }
    String out = URL_PASSWORD.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(out).replaceAll("//$1:***@");
  }

  /** Redacts URL credentials and, if given, every occurrence of the password itself. */
  public static String redact(String message, String password) {
    String out = redactUrl(message == null ? "" : message);
    if (password != null && !password.isEmpty()) {
      out = out.replace(password, "***");
    }
    return out;
  }
}
