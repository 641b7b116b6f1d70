package org.idminter.serve.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.idminter.core.InvalidInputException;

/**
 * The API's credentials: names and the SHA-256 hashes of their bearer tokens, read from a file of
 * {@code NAME:SHA256HEX} lines ({@code #} starts a comment). A token is never stored or logged; a
 * presented one is hashed and compared with every hash in constant time.
 */
public final class Tokens {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private record Entry(String name, byte[] hash) {}

  private final List<Entry> entries;

  private Tokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static final Tokens NONE = new Tokens(List.of());

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public int size() {
    return entries.size();
  }

  /** Reads a tokens file; any malformed line is refused with its number and what is wrong. */
  public static Tokens read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("cannot read the API tokens file " + file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot read the API tokens file " + file + ": " + e.getMessage(), e);
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.lastIndexOf(':');
      String name = colon < 0 ? "" : line.substring(0, colon).strip();
      String hex = colon < 0 ? line : line.substring(colon + 1).strip();
      if (!NAME.matcher(name).matches() || !HEX.matcher(hex).matches()) {
        throw new InvalidInputException(
            "bad line "
                + (i + 1)
                + " of the API tokens file "
                + file
                + ": give NAME:SHA256HEX (a name of letters, digits and ._@-, then the 64 hex"
                + " digits of the token's SHA-256, e.g. from `printf %s TOKEN | sha256sum`)");
      }
      if (entries.stream().anyMatch(e -> e.name().equals(name))) {
        throw new InvalidInputException(
            "line " + (i + 1) + " of the API tokens file " + file + " names " + name + " again");
      }
      entries.add(new Entry(name, HexFormat.of().parseHex(hex)));
    }
    return new Tokens(entries);
  }

  /** The name of the credential whose token this is, if any. */
  public Optional<String> check(String token) {
    byte[] hash = sha256(token);
    String found = null;
    for (Entry e : entries) {
      // Every entry is compared, each in constant time: the time taken says nothing about which.
      if (MessageDigest.isEqual(e.hash(), hash)) {
        found = e.name();
      }
    }
    return Optional.ofNullable(found);
  }

  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
