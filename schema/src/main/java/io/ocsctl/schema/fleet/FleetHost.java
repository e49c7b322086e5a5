package io.ocsctl.schema.fleet;

import io.ocsctl.schema.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One host of a fleet: the shared files or directories it takes (absolute, in the fleet file's
 * order), its overlay, what it withdraws from the shared set, and where the fleet file declares it.
 */
public record FleetHost(
    String name,
    List<Path> files,
    Optional<Path> overlay,
    Withdrawals withdraw,
    SourcePosition declared) {
  public FleetHost {
    files = List.copyOf(files);
  }
}
