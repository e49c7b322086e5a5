package io.ocsctl.state;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Repository;

/**
 * Work-tree chores of {@link History}: path checks, tracked paths, owner-only writes, empty dirs.
 */
final class HistoryTree {

  private HistoryTree() {}

  static List<String> trackedPaths(Repository repo) throws IOException {
    DirCache index = repo.readDirCache();
    List<String> paths = new ArrayList<>(index.getEntryCount());
    for (int i = 0; i < index.getEntryCount(); i++) {
      paths.add(index.getEntry(i).getPathString());
    }
    return paths;
  }

  /** The blob id the index holds for every tracked path. */
  static java.util.Map<String, org.eclipse.jgit.lib.ObjectId> indexedIds(Repository repo)
      throws IOException {
    DirCache index = repo.readDirCache();
    java.util.Map<String, org.eclipse.jgit.lib.ObjectId> ids = new java.util.HashMap<>();
    for (int i = 0; i < index.getEntryCount(); i++) {
      ids.put(index.getEntry(i).getPathString(), index.getEntry(i).getObjectId());
    }
    return ids;
  }

  /** Whether the work-tree file at {@code relative} is missing or holds other bytes. */
  static boolean differs(Path root, String relative, byte[] content) throws IOException {
    Path file = root.resolve(relative);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        || Files.size(file) != content.length) {
      return true;
    }
    return !java.util.Arrays.equals(Files.readAllBytes(file), content);
  }

  /** Writes {@code content} at {@code relative} under {@code root}, mode 0600. */
  static void writeFile(Path root, String relative, byte[] content) throws IOException {
    Path file = root.resolve(relative);
    // never through a link: one planted in the history would carry ocpasswd out of the state dir
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new IOException(
            p
                + " in the history is a symbolic link: ocsctl never follows links in its"
                + " state directory; fix: remove it (rm "
                + p
                + "), then apply again");
      }
    }
    Files.createDirectories(file.getParent());
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(DurableFiles.OWNER_RW));
    }
    Files.setPosixFilePermissions(file, DurableFiles.OWNER_RW);
    Files.write(
        file,
        content,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
  }

  /** Removes directories left empty by deleting {@code removed}, up to (not including) root. */
  static void removeEmptyParents(Path root, List<String> removed) throws IOException {
    for (String relative : removed) {
      Path dir = root.resolve(relative).getParent();
      while (dir != null && !dir.equals(root) && Files.isDirectory(dir)) {
        try {
          Files.delete(dir);
        } catch (DirectoryNotEmptyException stillUsed) {
          break;
        }
        dir = dir.getParent();
      }
    }
  }

  /** Accepts only a normalized relative path that stays inside the tree and out of .git. */
  static String checkPath(String path) {
    Path p = Path.of(path).normalize();
    if (path.isEmpty()
        || p.isAbsolute()
        || p.startsWith("..")
        || p.startsWith(".git")
        || !p.toString().equals(path)) {
      throw new IllegalArgumentException(
          "history path '"
              + path
              + "' must be relative and normalized, e.g. etc/ocserv/ocserv.conf");
    }
    return path;
  }
}
