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
import java.util.Optional;

/**
 * The scripts ocserv runs on connect and disconnect must exist under the root and be executable:
 * ocserv would otherwise fail every login (connect-script) or silently skip the firewall clean-up.
 */
public final class ScriptCheck {
  static final List<String> SCRIPTS =
      List.of("connect-script", "disconnect-script", "host-update-script");

  private ScriptCheck() {}

  public static void check(DesiredState desired, Origins origins, RootedPaths root)
      throws InvalidInputException {
    List<Diagnostic> errors = new ArrayList<>();
    for (Named script : named(desired, root)) {
      String problem =
          script.file().isEmpty()
              ? script.outside()
              : !Files.exists(script.file().get())
                  ? "does not exist under " + root.root()
                  : !Files.isRegularFile(script.file().get())
                      ? "is not a regular file"
                      : !Files.isExecutable(script.file().get()) ? "is not executable" : null;
      if (problem != null) {
        errors.add(
            Diagnostic.at(
                origins.position(script.at()),
                script.key() + " " + script.written() + " " + problem,
                "install the script (chmod 755) before applying, or remove "
                    + script.key()
                    + "; see docs/firewall.md for chaining with ocserv-fw"));
      }
    }
    if (io.ocsctl.engine.lifecycle.Lifecycle.hasQuotas(desired)) {
      // the quota hook is the server's disconnect-script; a vhost's own would skip the counting
      for (var vhost : desired.vhosts().values()) {
        if (vhost.settings().has("disconnect-script")) {
          errors.add(
              Diagnostic.at(
                  origins.position(List.of("vhost", vhost.name(), "settings", "disconnect-script")),
                  "vhost "
                      + Diagnostic.quote(vhost.name())
                      + " has a disconnect-script of its own, so quotas would not count its"
                      + " sessions",
                  "name the script in the server's settings (the quota hook runs it), or drop"
                      + " the quotas; see docs/lifecycle.md"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /**
   * The scripts the desired state names, resolved under the root (those that resolve inside it).
   */
  public static List<Path> scripts(DesiredState desired, RootedPaths root) {
    return named(desired, root).stream().flatMap(s -> s.file().stream()).toList();
  }

  /**
   * A script option as written ({@code at} its place in the desired state), and the file it names
   * under the root, or why it names none ({@code outside}: it would leave the root).
   */
  private record Named(
      List<String> at, String key, String written, Optional<Path> file, String outside) {}

  private static List<Named> named(DesiredState desired, RootedPaths root) {
    List<Named> out = new ArrayList<>();
    named(desired.server().settings(), List.of("server", "settings"), root, out);
    desired
        .vhosts()
        .values()
        .forEach(v -> named(v.settings(), List.of("vhost", v.name(), "settings"), root, out));
    return out;
  }

  private static void named(
      Settings settings, List<String> path, RootedPaths root, List<Named> out) {
    for (String key : SCRIPTS) {
      for (String script : settings.get(key)) {
        List<String> at = new ArrayList<>(path);
        at.add(key);
        try {
          Path file = root.resolve(script, RootedPaths.OCSERV_WORKDIR);
          root.checkInside(file);
          out.add(new Named(at, key, script, Optional.of(file), null));
        } catch (MalformedFileException e) {
          out.add(new Named(at, key, script, Optional.empty(), e.getMessage()));
        }
      }
    }
  }
}
