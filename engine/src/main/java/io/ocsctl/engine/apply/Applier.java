package io.ocsctl.engine.apply;

import io.ocsctl.engine.plan.FileChange;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.providers.write.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** Writes a plan's files: each through a staged file, fsync and an atomic rename. */
public final class Applier {
  private Applier() {}

  public static void apply(Plan plan) throws IOException {
    for (FileChange change : plan.files()) {
      if (change.isDelete()) {
        Files.deleteIfExists(change.target());
        AtomicFiles.fsyncDirectory(change.target().getParent());
      } else {
        AtomicFiles.write(change.target(), change.after().getBytes(StandardCharsets.UTF_8), change.mode());
      }
    }
  }
}
