package io.ocsctl.engine.importer;

import io.ocsctl.providers.conf.ConfigDocument;
import io.ocsctl.providers.conf.Section;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.passwd.PasswdEntry;
import io.ocsctl.providers.passwd.PasswdFile;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Group;
import io.ocsctl.schema.model.Server;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.schema.model.User;
import io.ocsctl.schema.model.Vhost;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Describes a live server exactly as a desired state: every key of the global section and of each
 * vhost, every group (a config-per-group file or a group named in ocpasswd), every user (an
 * ocpasswd line and/or a config-per-user file) with its hash, lock, groups and settings. It reads
 * the same {@link LiveState} the planner compares with, so planning the result says "No changes."
 */
public final class Importer {
  private final LiveState live;

  private Importer(LiveState live) {
    this.live = live;
  }

  public static DesiredState fromLive(LiveState live) throws ImportException {
    return new Importer(live).build();
  }

  private DesiredState build() throws ImportException {
    String conf = live.root().display(live.paths().config());
    ConfigDocument config = live.config();
    Server server = new Server(checked(conf, config.settings()), Optional.empty());
    Map<String, Vhost> vhosts = new LinkedHashMap<>();
    for (String name : config.vhosts()) {
      checkText(conf, "the vhost name", name);
      if (!vhosts.containsKey(name)) {
        vhosts.put(
            name,
            new Vhost(
                name,
                checked(conf + " [vhost:" + name + "]", config.settings(Section.vhost(name)))));
      }
    }
    Set<String> groupNames = new TreeSet<>(live.perGroup().keySet());
    live.passwdFiles()
        .values()
        .forEach(f -> f.entries().values().forEach(e -> groupNames.addAll(e.groups())));
    Map<String, Group> groups = new LinkedHashMap<>();
    for (String name : groupNames) {
      groups.put(
          name,
          new Group(
              name,
              fileSettings(live.paths().perGroupDir(), live.perGroup(), name),
              Optional.empty()));
    }
    Map<String, User> users = new LinkedHashMap<>();
    Map<String, String> foundIn = new LinkedHashMap<>();
    for (Map.Entry<String, PasswdFile> file : live.passwdFiles().entrySet()) {
      String passwd = live.root().display(live.paths().passwdFiles().get(file.getKey()));
      for (PasswdEntry e : file.getValue().entries().values()) {
        checkText(passwd, "the user name", e.user());
        for (String group : e.groups()) {
          checkText(passwd, "a group name of user \"" + e.user() + "\"", group);
        }
        checkText(passwd, "the hash of user \"" + e.user() + "\"", e.hash());
        String earlier = foundIn.putIfAbsent(e.user(), passwd);
        if (earlier != null) {
          throw new ImportException(
              passwd
                  + ": user \""
                  + e.user()
                  + "\" is also in "
                  + earlier
                  + "; a user of the desired state has one passwd line",
              "rename or remove one of the two users" + " on the server, then import again");
        }
        users.put(
            e.user(),
            e.asUser(file.getKey()).toBuilder()
                .settings(fileSettings(live.paths().perUserDir(), live.perUser(), e.user()))
                .build());
      }
    }
    for (String name : new TreeSet<>(live.perUser().keySet())) {
      if (!users.containsKey(name)) {
        users.put(
            name,
            User.builder(name)
                .settings(fileSettings(live.paths().perUserDir(), live.perUser(), name))
                .build());
      }
    }
    return new DesiredState(server, vhosts, Map.of(), groups, users);
  }

  private Settings fileSettings(Optional<Path> dir, Map<String, ConfigDocument> files, String name)
      throws ImportException {
    ConfigDocument file = files.get(name);
    if (file == null) {
      return Settings.EMPTY;
    }
    String where = dir.map(d -> live.root().display(d.resolve(name))).orElse(name);
    checkText(where, "the file name", name);
    return checked(where, file.settings());
  }

  private static Settings checked(String where, Settings settings) throws ImportException {
    for (Map.Entry<String, List<String>> e : settings.values().entrySet()) {
      for (String value : e.getValue()) {
        checkText(where, "the value of \"" + e.getKey() + "\"", value);
      }
    }
    return settings;
  }

  /** Control characters cannot be written to a desired-state file (nor read from one). */
  private static void checkText(String where, String what, String text) throws ImportException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new ImportException(
            String.format("%s: %s contains the control character U+%04X", where, what, (int) c),
            "edit the live file by hand (a tab can become spaces), then import again");
      }
    }
  }
}
