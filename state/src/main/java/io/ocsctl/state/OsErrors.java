package io.ocsctl.state;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Says what an operating-system error means for the file it names: the JDK's messages are often a
 * bare path ({@code NoSuchFileException: /etc/x}) or the C library's words without the file.
 */
public final class OsErrors {
  private OsErrors() {}

  /** "what failed and why" for {@code e}, naming the file(s) and, for a full disk, the space. */
  public static String describe(IOException e) {
    if (!(e instanceof FileSystemException fs) || fs.getFile() == null) {
      return String.valueOf(e.getMessage());
    }
    String file = fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile());
    String reason = fs.getReason() == null ? "" : fs.getReason();
    String detail;
    if (reason.contains("No space left")) {
      detail = "no space left on device writing " + file + space(Path.of(fs.getFile()));
    } else if (reason.contains("Read-only file system")) {
      detail = "read-only file system: cannot write " + file;
    } else if (e instanceof AccessDeniedException || reason.contains("Operation not permitted")) {
      detail =
          "permission denied writing "
              + file
              + " (check its owner and mode with ls -ld, and immutable attributes with lsattr -d)";
    } else if (e instanceof NoSuchFileException) {
      detail = "no such file or directory: " + file;
    } else if (e instanceof DirectoryNotEmptyException) {
      detail = file + " is a directory that is not empty";
    } else if (e instanceof FileAlreadyExistsException) {
      detail = file + " already exists";
    } else if (e instanceof NotDirectoryException) {
      detail = file + " is not a directory";
    } else if (reason.contains("Is a directory")) {
      detail = file + " is a directory";
    } else {
      return file + ": " + (reason.isEmpty() ? e.getClass().getSimpleName() : reason);
    }
    // a reason the JDK did not classify (e.g. "it appeared after the change was planned") is kept
    boolean classified =
        reason.isEmpty()
            || reason.contains("No space left")
            || reason.contains("Read-only file system")
            || reason.contains("Operation not permitted")
            || reason.contains("Is a directory")
            || reason.contains("Permission denied")
            || reason.contains("Directory not empty")
            || reason.contains("File exists");
    return classified ? detail : detail + " (" + reason + ")";
  }

  /** " (N bytes free on DEV)" for the file system holding {@code path}, when it can be read. */
  static String space(Path path) {
    Path p = path.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return "";
    }
    try {
      FileStore store = Files.getFileStore(p);
      return " ("
          + store.getUsableSpace()
          + " bytes free on "
          + store.name()
          + ", mounted as "
          + store
          + ")";
    } catch (IOException unknown) {
      return "";
    }
  }
}
