package io.ocsctl.engine.plan;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * A live file the plan writes ({@code after} non-null) or deletes ({@code after} null). {@code
 * shownBefore}/{@code shownAfter} are what output may display: for the ocpasswd file the hashes are
 * masked; {@code before}/{@code after} are the real bytes and are never printed. {@code mode} null
 * keeps the mode of the file it replaces.
 */
public record FileChange(
    String path,
    Path target,
    String before,
    String after,
    String shownBefore,
    String shownAfter,
    boolean sensitive,
    Set<PosixFilePermission> mode) {

  public boolean isDelete() {
    return after == null;
  }

  public boolean isCreate() {
    return before == null;
  }

  @Override
  public String toString() {
    return "FileChange["
        + path
        + (isDelete() ? " delete" : isCreate() ? " create" : " update")
        + "]";
  }
}
