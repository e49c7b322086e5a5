package io.ocsctl.engine;

import io.ocsctl.engine.plan.Passwords;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.Planner;
import io.ocsctl.engine.plan.SecretCache;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.load.DesiredStateLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The core loop as the commands use it: load and validate, read the live tree, plan. */
public final class Workflow {
  private Workflow() {}

  /**
   * Where to find things: the desired-state file or directory, the root, the config inside it, the
   * state directory (lock, journal, history, caches; default ROOT/var/lib/ocsctl).
   */
  public record Target(Path desired, Path root, String configPath, Map<String, String> env, Path stateDir) {
    public Target {
      stateDir = stateDir != null ? stateDir : defaultStateDir(root);
    }
  }

  public static Path defaultStateDir(Path root) {
    return root.toAbsolutePath().normalize().resolve("var/lib/ocsctl");
  }

  public record Planned(DesiredStateLoader.Loaded loaded, LiveState live, Plan plan) {}

  public static Planned plan(Target target)
      throws InvalidInputException, MalformedFileException, Passwords.SecretUnavailableException {
    DesiredStateLoader.Loaded loaded = DesiredStates.load(target.desired());
    LiveState live = LiveReader.read(target.root(), target.configPath(), loaded.state().server().settings());
    Path base = Files.isDirectory(target.desired()) ? target.desired() : target.desired().toAbsolutePath().getParent();
    Passwords passwords = new Passwords(base, target.env(), SecretCache.in(target.stateDir()));
    Plan plan = Planner.plan(loaded.state(), live, passwords, fingerprint(loaded));
    return new Planned(loaded, live, plan);
  }

  /** sha256 over the desired-state files, so a saved plan can tell when they changed. */
  static String fingerprint(DesiredStateLoader.Loaded loaded) {
    StringBuilder all = new StringBuilder();
    for (Path file : loaded.files()) {
      try {
        all.append(file.getFileName()).append('\0')
            .append(LiveReader.sha256(Files.readAllBytes(file))).append('\n');
      } catch (IOException e) {
        all.append(file).append("\0unreadable\n");
      }
    }
    return LiveReader.sha256(all.toString().getBytes(StandardCharsets.UTF_8));
  }
}
