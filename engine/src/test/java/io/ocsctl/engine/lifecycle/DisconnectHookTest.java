package io.ocsctl.engine.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisconnectHookTest {
  @TempDir Path tmp;

  @Test
  void theHookRecordsThenRunsTheAdminsScriptWithOcservsEnvironment() throws Exception {
    Path log = tmp.resolve("log");
    Path fakeOcsctl =
        script(
            "fake-ocsctl", "echo \"ocsctl $* $USERNAME $STATS_BYTES_IN\" >> " + log + "\nexit 3\n");
    Path admin =
        script("it's mine.sh", "echo \"admin $USERNAME $OCSERV_NEXT_SCRIPT\" >> " + log + "\n");
    String text =
        DisconnectHook.render(
            fakeOcsctl.toString(), "/var/lib/ocsctl", Optional.of(admin.toString()));
    Path hook = tmp.resolve(DisconnectHook.FILE_NAME);
    Files.writeString(hook, text);
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));

    ProcessBuilder pb = new ProcessBuilder(hook.toString());
    pb.environment().put("USERNAME", "alice");
    pb.environment().put("STATS_BYTES_IN", "1234");
    Process p = pb.start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "a failed count never stops the admin's script");
    assertEquals(
        List.of("ocsctl account -state-dir /var/lib/ocsctl alice 1234", "admin alice "),
        Files.readAllLines(log, StandardCharsets.UTF_8));

    assertTrue(DisconnectHook.isHook(text));
    assertEquals(Optional.of(admin.toString()), DisconnectHook.next(text));
    assertEquals(
        Optional.empty(),
        DisconnectHook.next(DisconnectHook.render("/usr/bin/ocsctl", "/s", Optional.empty())));
    assertFalse(DisconnectHook.isHook("#!/bin/sh\nexec /usr/bin/ocsctl account\n"));
  }

  private Path script(String name, String body) throws Exception {
    Path s = tmp.resolve(name);
    Files.writeString(s, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
    return s;
  }
}
