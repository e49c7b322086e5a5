package io.ocsctl.engine.plan;

import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.RootedPaths;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.load.Origins;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripts ocserv runs on connect and disconnect must exist under the root and be executable:
 * ocserv would otherwise fail every login (connect-script) or silently skip the firewall clean-up.
 */
public final class ScriptCheck {
  static final List<String> SCRIPTS = List.of("connect-script", "disconnect-script", "host-update-script");

  private ScriptCheck() {}

  public static void check(DesiredState desired, Origins origins, RootedPaths root) throws InvalidInputException {
    List<Diagnostic> errors = new ArrayList<>();
    check(desired.server().settings(), List.of("server", "settings"), origins, root, errors);
    desired.vhosts().values().forEach(v ->
        check(v.settings(), List.of("vhost", v.name(), "settings"), origins, root, errors));
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /** The scripts the desired state names, resolved under the root (those that resolve inside it). */
  public static List<Path> scripts(DesiredState desired, RootedPaths root) {
    List<Path> out = new ArrayList<>();
    List<Settings> all = new ArrayList<>();
    all.add(desired.server().settings());
    desired.vhosts().values().forEach(v -> all.add(v.settings()));
    for (Settings settings : all) {
      for (String key : SCRIPTS) {
        for (String script : settings.get(key)) {
          try {
            Path file = root.resolve(script, "/");
            root.checkInside(file);
            out.add(file);
          } catch (MalformedFileException e) {
            // reported by check
          }
        }
      }
    }
    return out;
  }

  private static void check(Settings settings, List<String> path, Origins origins, RootedPaths root,
      List<Diagnostic> errors) {
    for (String key : SCRIPTS) {
      for (String script : settings.get(key)) {
        List<String> at = new ArrayList<>(path);
        at.add(key);
        String problem;
        try {
          Path file = root.resolve(script, "/");
          root.checkInside(file);
          problem = !Files.exists(file) ? "does not exist under " + root.root()
              : !Files.isRegularFile(file) ? "is not a regular file"
              : !Files.isExecutable(file) ? "is not executable" : null;
        } catch (MalformedFileException e) {
          problem = e.getMessage();
        }
        if (problem != null) {
          errors.add(Diagnostic.at(origins.position(at), key + " " + script + " " + problem,
              "install the script (chmod 755) before applying, or remove " + key
                  + "; see docs/firewall.md for chaining with ocserv-fw"));
        }
      }
    }
  }
}
