package io.ocsctl.engine.fleet;

import io.ocsctl.engine.Failure;
import io.ocsctl.engine.LiveSource;
import io.ocsctl.engine.Seams;
import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.server.ServerOptions;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.fleet.Fleet;
import io.ocsctl.schema.fleet.FleetLoader;
import io.ocsctl.schema.load.ParseCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ocsctl fleet plan}: every host of a fleet planned against its live tree, a copy under
 * {@code LIVE/NAME} (as CI fetches them, or as the Ansible run collects them). The shared files are
 * parsed once for all hosts. No running server is asked: the trees are copies.
 */
public final class FleetPlan {
  private FleetPlan() {}

  /** One host's plan, or why it has none (each line of the failure). */
  public record HostPlan(String host, Optional<Plan> plan, List<String> errors) {
    public HostPlan {
      errors = List.copyOf(errors);
    }

    public boolean changes() {
      return plan.isPresent() && plan.get().hasChanges();
    }
  }

  /**
   * Plans every host of the fleet at {@code fleetPath}; a host that fails is reported, not thrown.
   */
  public static List<HostPlan> plan(
      Path fleetPath, Path liveDir, String configPath, Map<String, String> env)
      throws InvalidInputException {
    FleetLoader loader = new FleetLoader(Fleet.load(fleetPath), ParseCache.NONE);
    Seams seams =
        new Seams(
            socket -> {
              throw new OcctlException("fleet plan reads copies of the hosts' trees");
            },
            LiveSource.DISK);
    // hosts are planned side by side (each plan is mostly single-threaded work on its own tree);
    // the order of the result is the fleet file's
    return loader.fleet().hosts().keySet().parallelStream()
        .map(host -> plan(loader, seams, fleetPath, liveDir, configPath, env, host))
        .toList();
  }

  private static HostPlan plan(
      FleetLoader loader,
      Seams seams,
      Path fleetPath,
      Path liveDir,
      String configPath,
      Map<String, String> env,
      String host) {
    Path root = liveDir.resolve(host);
    if (!Files.isDirectory(root)) {
      return new HostPlan(
          host,
          Optional.empty(),
          List.of(
              "no live tree for host " + host + ": " + root + " is not a directory",
              "  = fix: copy the host's tree (its /etc/ocserv at least) to " + root));
    }
    try {
      Workflow.Target target =
          new Workflow.Target(fleetPath, root, configPath, env, root.resolve(".no-state-dir"))
              .forHost(host);
      Workflow.Planned planned =
          Workflow.plan(target, loader.load(host), ServerOptions.DEFAULT, seams);
      return new HostPlan(host, Optional.of(planned.plan()), List.of());
    } catch (Exception e) {
      return new HostPlan(host, Optional.empty(), Failure.of(e).lines());
    }
  }
}
