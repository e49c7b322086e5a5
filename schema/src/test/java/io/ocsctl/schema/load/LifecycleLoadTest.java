package io.ocsctl.schema.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Quota;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code expires} and {@code quota} on users and groups, HCL and YAML (docs/lifecycle.md). */
class LifecycleLoadTest {
  @TempDir Path tmp;

  @Test
  void bothFormsReadTheSameValues() throws Exception {
    Path hcl = tmp.resolve("a.hcl");
    Files.writeString(
        hcl,
        """
        version = 1
        group "contractors" {
          expires = "2027-03-31"
          quota   = "10GiB/week"
        }
        user "alice" {
          password_hash = "$6$x$y"
          groups        = ["contractors"]
          expires       = "2027-01-31T18:00:00+01:00"
          quota         = "50GiB/month"
        }
        """);
    Path yaml = tmp.resolve("a.yaml");
    Files.writeString(
        yaml,
        """
        version: 1
        group:
          contractors:
            expires: "2027-03-31"
            quota: 10GiB/week
        user:
          alice:
            password_hash: "$6$x$y"
            groups: [contractors]
            expires: "2027-01-31T18:00:00+01:00"
            quota: 50GiB/month
        """);
    for (Path file : new Path[] {hcl, yaml}) {
      DesiredState s = DesiredStateLoader.load(file).state();
      assertEquals(
          Instant.parse("2027-01-31T17:00:00Z"),
          s.users().get("alice").expires().orElseThrow().start(ZoneOffset.UTC),
          file.toString());
      assertEquals(Quota.parse("50GiB/month"), s.users().get("alice").quota().orElseThrow());
      assertEquals("2027-03-31", s.groups().get("contractors").expires().orElseThrow().written());
      assertEquals(Quota.Period.WEEK, s.groups().get("contractors").quota().orElseThrow().period());
    }
  }

  @Test
  void aValueThatIsNoDateOrAllowanceIsAnErrorAtItsLineWithTheFix() throws Exception {
    Path hcl = tmp.resolve("bad.hcl");
    Files.writeString(
        hcl,
        """
        version = 1
        group "g" {
          quota = "50 gigs"
        }
        user "alice" {
          password_hash = "$6$x$y"
          expires       = "2027-02-30"
        }
        """);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> DesiredStateLoader.load(hcl));
    String text = e.getMessage();
    assertTrue(text.contains("bad.hcl:3"), text);
    assertTrue(text.contains("quota \"50 gigs\" is not an allowance per period"), text);
    assertTrue(text.contains("\"50GiB/month\""), text);
    assertTrue(text.contains("bad.hcl:7"), text);
    assertTrue(text.contains("expires \"2027-02-30\" is not a date"), text);
  }
}
