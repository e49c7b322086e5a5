package io.ocsctl.engine.drift;

import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.plan.Passwords;
import io.ocsctl.engine.plan.ScriptCheck;
import io.ocsctl.engine.plan.SecretCache;
import io.ocsctl.providers.Fingerprint;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.providers.write.AtomicFiles;
import io.ocsctl.schema.Sha256;
import io.ocsctl.schema.fleet.FleetLoader;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.state.StateDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a drift check that found everything in sync depended on, so that the next check (a cron runs
 * one every minute) can answer "in sync" by hashing those inputs again instead of parsing the
 * desired state, reading the history and planning twice. The inputs: the ocsctl build, the
 * command's target, the bytes of every desired-state file (and the directory's file list), every
 * live file and directory listing the check read, the history's refs, the scripts the config names,
 * and the secrets read from the environment or files (as HMACs under a random key kept in this 0600
 * file). Any difference, a missing or unreadable stamp, and the full check runs.
 *
 * <p>The inputs are content hashes, never timestamps: a file edited within the same second is still
 * seen. Each is the hash of what the full check compared (the desired-state bytes it loaded, the
 * live fingerprints it read) or was taken before the check read it (the history's refs), which can
 * only make the stamp stricter.
 */
public final class InSyncStamp {
  private static final String FORMAT = "3"; // 3: the expiring count, for the metrics
  private static final byte[] DOMAIN =
      "ocsctl-drift-stamp-secret-v1".getBytes(StandardCharsets.UTF_8);

  private InSyncStamp() {}

  /** The file in the state directory. */
  static Path file(Path stateDir) {
    return new StateDir(stateDir).path().resolve("drift-stamp");
  }

  /**
   * The inputs a full check will read besides the desired state (whose hashes are those of the
   * bytes the check loaded): the format, the build, the target and the history's refs, taken before
   * the check reads them.
   */
  static Properties before(Workflow.Target target) {
    Properties p = new Properties();
    p.setProperty("format", FORMAT);
    p.setProperty("build", build());
    p.setProperty(
        "target",
        target.desired().toAbsolutePath().normalize()
            + "\n"
            + target.root().toAbsolutePath().normalize()
            + "\n"
            + target.configPath()
            + (target.host() == null ? "" : "\nhost " + target.host()));
    history(target.stateDir()).forEach((k, v) -> p.setProperty(k, v));
    return p;
  }

  /**
   * Records {@code inputs} plus what the full check read: the baseline revision, the live
   * fingerprints, the secrets, the scripts and the occtl socket (empty when occtl is off). Best
   * effort: a stamp that cannot be written only costs the next check its shortcut.
   */
  static void record(
      Workflow.Target target,
      Properties inputs,
      String head,
      Workflow.Read read,
      Optional<Path> occtlSocket,
      Optional<java.time.Instant> until,
      int expiringSoon) {
    try {
      Properties p = new Properties();
      // an account that ends later, or enters the week before it ends, makes the answer differ
      // then: the stamp ends with it
      until.ifPresent(u -> p.setProperty("until", u.toString()));
      p.setProperty("expiring", Integer.toString(expiringSoon));
      p.putAll(inputs);
      p.putAll(desired(read.loaded().files(), read.loaded().sha256()));
      p.setProperty("head", head);
      read.live().fingerprints().forEach((path, sha) -> p.setProperty("live." + path, sha.text()));
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      p.setProperty("key", Base64.getEncoder().encodeToString(key));
      for (Map.Entry<String, String> s : read.passwords().sourcesRead().entrySet()) {
        p.setProperty("secret." + s.getKey(), mac(key, s.getValue()));
      }
      for (Path script : ScriptCheck.scripts(read.loaded().state(), read.live().root())) {
        p.setProperty("script." + script, "executable");
      }
      p.setProperty("occtl", occtlSocket.map(Path::toString).orElse(""));
      p.setProperty("canary", canaryUser(read).orElse(""));
      StringWriter text = new StringWriter();
      p.store(
          text,
          "ocsctl drift: what the last in-sync check read (see docs/drift.md); safe to delete");
      AtomicFiles.write(
          file(target.stateDir()),
          text.toString().getBytes(StandardCharsets.UTF_8),
          PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | RuntimeException e) {
      // no stamp: the next check runs in full
    }
  }

  /**
   * What an unchanged server answers: in sync with the stamped revision; {@code canary} is the
   * canary's user, whose sessions are nobody's.
   */
  record Reuse(
      String head, Optional<Path> occtlSocket, Optional<String> canary, int expiringSoon) {}

  /** The canary's user of the desired state that was read. */
  static Optional<String> canaryUser(Workflow.Read read) {
    return read.loaded().state().canary().map(io.ocsctl.schema.model.Canary::user);
  }

  /** The stamp's answer when every input is still what it was, else empty. */
  private static boolean untilNotPassed(String until) {
    try {
      return java.time.Instant.now().isBefore(java.time.Instant.parse(until));
    } catch (java.time.DateTimeException e) {
      return false;
    }
  }

  static Optional<Reuse> check(Workflow.Target target) {
    Path file = file(target.stateDir());
    Properties stamp = new Properties();
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      stamp.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    Properties now = before(target);
    now.putAll(desiredNow(target));
    for (String name : now.stringPropertyNames()) {
      if (!now.getProperty(name).equals(stamp.getProperty(name))) {
        return Optional.empty();
      }
    }
    String head = stamp.getProperty("head");
    String keyText = stamp.getProperty("key");
    if (head == null || keyText == null || stamp.getProperty("occtl") == null) {
      return Optional.empty();
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(keyText);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    for (String name : stamp.stringPropertyNames()) {
      String want = stamp.getProperty(name);
      boolean same;
      if (name.startsWith("live.")) {
        same = want.equals(LiveReader.fingerprint(Path.of(name.substring(5))).text());
      } else if (name.startsWith("secret.")) {
        same = secretStill(name.substring(7), want, key, target);
      } else if (name.startsWith("script.")) {
        Path script = Path.of(name.substring(7));
        same = Files.isRegularFile(script) && Files.isExecutable(script);
      } else if (name.equals("until")) {
        same = untilNotPassed(want);
      } else if (name.startsWith("desired.") || name.startsWith("history.")) {
        same = now.containsKey(name); // a file gone since: the lists differ
      } else {
        same = true;
      }
      if (!same) {
        return Optional.empty();
      }
    }
    String occtl = stamp.getProperty("occtl");
    String canary = stamp.getProperty("canary", "");
    String expiring = stamp.getProperty("expiring", "");
    if (!expiring.matches("[0-9]{1,9}")) {
      return Optional.empty();
    }
    return Optional.of(
        new Reuse(
            head,
            occtl.isEmpty() ? Optional.empty() : Optional.of(Path.of(occtl)),
            canary.isEmpty() ? Optional.empty() : Optional.of(canary),
            Integer.parseInt(expiring)));
  }

  private static boolean secretStill(
      String source, String want, byte[] key, Workflow.Target target) {
    try {
      return Passwords.currentSource(source, Workflow.desiredDir(target.desired()), target.env())
          .map(v -> want.equals(mac(key, v)))
          .orElse(false);
    } catch (IOException e) {
      return false;
    }
  }

  /** Removes the stamp (a check that did not find everything in sync). */
  static void clear(Path stateDir) {
    try {
      Files.deleteIfExists(file(stateDir));
    } catch (IOException e) {
      // a stale stamp cannot match inputs that changed; the next check runs in full anyway
    }
  }

  private static Properties desired(List<Path> files, List<String> sha256) {
    Properties p = new Properties();
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < files.size(); i++) {
      Path abs = files.get(i).toAbsolutePath().normalize();
      names.append(abs).append('\n');
      p.setProperty("desired." + abs, sha256.get(i));
    }
    p.setProperty("desired-files", names.toString());
    return p;
  }

  /** The desired-state files as they are now, hashed as the loader hashes them. */
  private static Properties desiredNow(Workflow.Target target) {
    try {
      List<Path> files =
          target.host() == null
              ? DesiredStateLoader.inputs(target.desired())
              : FleetLoader.inputs(target.desired(), target.host());
      List<String> sha256 = new java.util.ArrayList<>();
      for (Path f : files) {
        sha256.add(Sha256.hex(Files.readAllBytes(f)));
      }
      return desired(files, sha256);
    } catch (Exception e) {
      Properties p = new Properties();
      p.setProperty("desired-files", "unreadable");
      return p;
    }
  }

  /** The history's refs: an apply, a rollback or a hand-made commit changes one of them. */
  private static Map<String, String> history(Path stateDir) {
    Map<String, String> out = new TreeMap<>();
    Path git = new StateDir(stateDir).historyDir().resolve(".git");
    List<Path> refs = List.of(git.resolve("HEAD"), git.resolve("packed-refs"));
    try (Stream<Path> heads =
        Files.isDirectory(git.resolve("refs")) ? Files.walk(git.resolve("refs")) : Stream.empty()) {
      Stream.concat(refs.stream(), heads.filter(Files::isRegularFile))
          .forEach(f -> out.put("history." + git.relativize(f), LiveReader.fingerprint(f).text()));
    } catch (IOException | RuntimeException e) {
      out.put("history", Fingerprint.UNREADABLE_TEXT);
    }
    return out;
  }

  /** The jar (or classes directory) this code runs from, by size and modification time. */
  private static String build() {
    try {
      Path code =
          Path.of(InSyncStamp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
    } catch (Exception e) {
      return "unknown " + System.nanoTime(); // never matches: no shortcut without knowing the build
    }
  }

  private static String mac(byte[] key, String value) {
    return HexFormat.of().formatHex(SecretCache.hmac(key, DOMAIN, value));
  }
}
