package org.idminter.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;

/**
 * A file written whole or not at all: the content goes to a temporary file beside the target (same
 * directory, so the rename cannot cross file systems) and is renamed over the target only on {@link
 * #commit()}. A reader never sees half a file; a run that fails leaves the target as it was.
 * Opening one checks up front that the target's directory exists (creating it) and is writable, so
 * a command can fail before it changes anything.
 */
public final class AtomicFile implements AutoCloseable {
  private final Path target;
  private final Path partial;
  private final boolean replace;
  private OutputStream out;
  private boolean done;

  private AtomicFile(Path target, Path partial, boolean replace) {
    this.target = target;
    this.partial = partial;
    this.replace = replace;
  }

  /**
   * Prepares {@code target}; with {@code replace} false an existing target is refused now (and
   * again at commit, if one appeared meanwhile).
   *
   * @param what names the file in messages ("the output", "the report")
   */
  public static AtomicFile prepare(Path target, boolean replace, String what) {
    Path absolute = target.toAbsolutePath().normalize();
    if (!replace && Files.exists(absolute)) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          what
              + " "
              + target
              + " exists already and would be overwritten: choose another name, or remove it;"
              + " nothing was written");
    }
    if (Files.isDirectory(absolute)) {
      throw new IdMinterException(
          ErrorCode.INVALID_INPUT,
          "cannot write " + what + " " + target + ": it is a directory; nothing was written");
    }
    try {
      Files.createDirectories(absolute.getParent());
      Path partial =
          Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".part");
      return new AtomicFile(absolute, partial, replace);
    } catch (IOException e) {
      throw cannot(what, target, e);
    }
  }

  /** Where the content goes until commit. */
  public OutputStream stream() {
    if (out == null) {
      try {
        out = Files.newOutputStream(partial);
      } catch (IOException e) {
        throw cannot("the file", target, e);
      }
    }
    return out;
  }

  public Path target() {
    return target;
  }

  /** Moves the written content over the target. */
  public void commit() {
    try {
      if (out != null) {
        out.close();
      }
      if (replace) {
        move(StandardCopyOption.REPLACE_EXISTING);
      } else if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      } else {
        move();
      }
      done = true;
    } catch (FileAlreadyExistsException e) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          target + " appeared while this ran and was not overwritten; the content is lost",
          e);
    } catch (IOException e) {
      throw cannot("the file", target, e);
    } finally {
      deleteQuietly();
    }
  }

  private void move(StandardCopyOption... options) throws IOException {
    StandardCopyOption[] atomic = new StandardCopyOption[options.length + 1];
    System.arraycopy(options, 0, atomic, 0, options.length);
    atomic[options.length] = StandardCopyOption.ATOMIC_MOVE;
    try {
      Files.move(partial, target, atomic);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, target, options);
    }
  }

  /** Drops the content, leaving the target as it was (also what closing without commit does). */
  @Override
  public void close() {
    if (!done) {
      try {
        if (out != null) {
          out.close();
        }
      } catch (IOException e) {
        // the content is being dropped; a failure to close it changes nothing
      }
      deleteQuietly();
    }
  }

  private void deleteQuietly() {
    try {
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      // a leftover .part file is harmless and named after its target
    }
  }

  private static IdMinterException cannot(String what, Path target, IOException e) {
    String why =
        e instanceof AccessDeniedException
            ? "permission denied"
            : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new IdMinterException(
        ErrorCode.INVALID_INPUT,
        "cannot write " + what + " " + target + ": " + why + "; nothing was written",
        e);
  }
}
