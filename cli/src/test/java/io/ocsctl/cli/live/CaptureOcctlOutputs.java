package io.ocsctl.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Captures what the real occtl prints into the parser's test resources. Not part of the normal run:
 * {@code mvn -o -pl cli test -Dtest='live.CaptureOcctlOutputs'
 * -Docsctl.capture=../providers/src/test/resources/occtl} (as root).
 */
@EnabledIfSystemProperty(named = "ocsctl.capture", matches = ".+")
class CaptureOcctlOutputs {
  @Test
  void capture() throws Exception {
    Path out = Path.of(System.getProperty("ocsctl.capture"));
    Files.createDirectories(out);
    try (OcservHarness h = OcservHarness.start(Map.of(), Map.of("max-ban-score", "30"))) {
      OcservHarness.Desired desired =
          h.desired()
              .group("eng", Map.of())
              .user("alice", "alice-pw")
              .user("bob", "bob-pw", "eng")
              .userSetting("bob", "iroute", "192.168.50.0/24");
      LiveCli.Run apply = h.apply(desired);
      assertEquals(0, apply.exitCode(), apply.all());
      save(h, out, "show-users-empty.json", "show", "users");
      save(h, out, "show-iroutes-empty.json", "show", "iroutes");
      save(h, out, "show-sessions-all-empty.json", "show", "sessions", "all");
      save(h, out, "show-ip-bans-empty.json", "show", "ip", "bans");
      h.connect("alice", "alice-pw");
      h.connect("bob", "bob-pw");
      h.connect("bob", "bob-pw");
      save(h, out, "show-status.json", "show", "status");
      save(h, out, "show-users.json", "show", "users");
      save(h, out, "show-user-bob.json", "show", "user", "bob");
      save(h, out, "show-user-nobody.json", "show", "user", "nobody");
      long aliceId = h.occtl().user("alice").value().get(0).id();
      save(h, out, "show-id.json", "show", "id", String.valueOf(aliceId));
      save(h, out, "show-sessions-all.json", "show", "sessions", "all");
      save(h, out, "show-sessions-valid.json", "show", "sessions", "valid");
      String sid = h.occtl().user("alice").value().get(0).session();
      save(h, out, "show-session.json", "show", "session", sid);
      save(h, out, "show-iroutes.json", "show", "iroutes");
      events(h, out, "show-events.json", true);
      events(h, out, "show-events.txt", false);
      for (int i = 0; i < 3; i++) {
        assertFalse(h.authenticate("alice", "wrong").accepted());
      }
      save(h, out, "show-ip-ban-points.json", "show", "ip", "ban", "points");
      save(h, out, "show-ip-bans.json", "show", "ip", "bans");
    }
  }

  private static void save(OcservHarness h, Path dir, String name, String... words)
      throws Exception {
    List<String> command =
        new ArrayList<>(List.of("occtl", "-s", h.occtlSocket().toString(), "-j"));
    command.addAll(List.of(words));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] bytes = p.getInputStream().readAllBytes();
    p.waitFor(10, TimeUnit.SECONDS);
    Files.write(dir.resolve(name), bytes);
  }

  /** Raw {@code show events} output while one more client connects and is disconnected. */
  private static void events(OcservHarness h, Path dir, String name, boolean json)
      throws Exception {
    List<String> command =
        new ArrayList<>(List.of("stdbuf", "-oL", "occtl", "-s", h.occtlSocket().toString()));
    if (json) {
      command.add("-j");
    }
    command.addAll(List.of("show", "events"));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = p.getInputStream()) {
                in.transferTo(captured);
              } catch (java.io.IOException e) {
                // the process ended
              }
            });
    reader.start();
    Thread.sleep(500);
    h.connect("alice", "alice-pw");
    long id = h.occtl().user("alice").value().stream().mapToLong(u -> u.id()).max().orElseThrow();
    h.occtl().disconnectId(String.valueOf(id));
    Thread.sleep(1000);
    try (OutputStream in = p.getOutputStream()) {
      in.write('q');
    }
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.destroy();
    }
    reader.join(5000);
    Files.write(
        dir.resolve(name),
        captured.toString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
  }
}
