package io.ocsctl.schema.fleet;

import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.SourcePosition;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.load.ParseCache;
import io.ocsctl.schema.validate.SemanticValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Loads one host of a fleet as one checked desired state: its shared files read together by the
 * ordinary loader, its overlay read by the same loader, then {@link FleetMerge} and every check of
 * a single desired state on the result. A loader remembers what its shared files loaded into, so
 * planning every host of a fleet parses each shared set once.
 */
public final class FleetLoader {
  private final Fleet fleet;
  private final ParseCache cache;
  private final Map<List<Path>, DesiredStateLoader.Read> shared = new HashMap<>();

  public FleetLoader(Fleet fleet, ParseCache cache) {
    this.fleet = fleet;
    this.cache = cache;
  }

  public Fleet fleet() {
    return fleet;
  }

  /** The fleet at {@code path} (its file or directory), host {@code name}, checked. */
  public static DesiredStateLoader.Loaded load(Path path, String name, ParseCache cache)
      throws InvalidInputException {
    return new FleetLoader(Fleet.load(path), cache).load(name);
  }

  /** Host {@code name} as one checked desired state; throws with every error found. */
  public DesiredStateLoader.Loaded load(String name) throws InvalidInputException {
    FleetHost host = fleet.host(name);
    List<Diagnostic> errors = new ArrayList<>();
    boolean complete = true;
    DesiredStateLoader.Read base = null;
    if (!host.files().isEmpty()) {
      base = shared(host);
      errors.addAll(base.errors());
      complete = base.complete();
    }
    DesiredStateLoader.Read top = null;
    if (host.overlay().isPresent()) {
      top = DesiredStateLoader.read(host.overlay().get(), cache);
      errors.addAll(top.errors());
      complete &= top.complete();
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(DesiredStates.ordered(errors));
    }
    FleetMerge.Merged merged = FleetMerge.merge(fleet, host, base, top);
    errors.addAll(merged.errors());
    List<Diagnostic> warnings = List.of();
    if (complete && errors.isEmpty()) {
      SemanticValidator.Result checked = SemanticValidator.check(merged.state(), merged.origins());
      errors.addAll(checked.errors());
      warnings = DesiredStates.ordered(checked.warnings());
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(DesiredStates.ordered(errors));
    }
    List<Path> files = new ArrayList<>(List.of(fleet.file()));
    List<String> sha256 = new ArrayList<>(List.of(fleet.sha256()));
    for (DesiredStateLoader.Read read : new DesiredStateLoader.Read[] {base, top}) {
      if (read != null) {
        files.addAll(read.loaded().files());
        sha256.addAll(read.loaded().sha256());
      }
    }
    return new DesiredStateLoader.Loaded(merged.state(), merged.origins(), files, sha256, warnings);
  }

  /**
   * The files host {@code name} is built from, in the order {@link #load(String)} lists them: the
   * fleet file, the shared files, the overlay. Nothing but the fleet file is parsed.
   */
  public static List<Path> inputs(Path path, String name) throws InvalidInputException {
    Fleet fleet = Fleet.load(path);
    FleetHost host = fleet.host(name);
    List<Path> files = new ArrayList<>(List.of(fleet.file()));
    files.addAll(sharedFiles(host));
    host.overlay().ifPresent(files::add);
    return files;
  }

  private static List<Path> sharedFiles(FleetHost host) throws InvalidInputException {
    LinkedHashSet<Path> files = new LinkedHashSet<>();
    for (Path entry : host.files()) {
      files.addAll(DesiredStateLoader.inputs(entry));
    }
    return List.copyOf(files);
  }

  /** Every host checked: each host's errors (none for a valid host), in the fleet's order. */
  public Map<String, List<Diagnostic>> validateAll() {
    Map<String, List<Diagnostic>> out = new LinkedHashMap<>();
    for (String name : fleet.hosts().keySet()) {
      try {
        load(name);
        out.put(name, List.of());
      } catch (InvalidInputException e) {
        out.put(name, e.diagnostics());
      }
    }
    return out;
  }

  // synchronized: fleet plan loads hosts side by side, and each shared set is read once
  private synchronized DesiredStateLoader.Read shared(FleetHost host) throws InvalidInputException {
    List<Path> key = sharedFiles(host);
    DesiredStateLoader.Read read = shared.get(key);
    if (read == null) {
      String name = fleet.file() + " (host " + Diagnostic.quote(host.name()) + ", files)";
      read = DesiredStateLoader.read(name, key, cache);
      shared.put(key, read);
    }
    return read;
  }

  /** file:line of a position, for messages that name a second place. */
  static String place(SourcePosition pos) {
    return pos.file() + (pos.line() > 0 ? ":" + pos.line() : "");
  }
}
