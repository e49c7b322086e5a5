package io.ocsctl.engine.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.schema.model.Expiry;
import io.ocsctl.schema.model.Quota;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LockReasonTest {
  private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
  private static final Optional<Expiry> JAN_31 = Optional.of(Expiry.parse("2027-01-31"));

  @Test
  void anAccountEndsAtTheFirstInstantOfItsDayOnTheServer() {
    // 2027-01-31T00:00 in Vienna is 2027-01-30T23:00Z
    assertEquals(
        Optional.empty(),
        LockReason.of(
            JAN_31, Optional.empty(), Instant.parse("2027-01-30T22:59:59Z"), VIENNA, w -> 0));
    Optional<LockReason> ended =
        LockReason.of(
            JAN_31, Optional.empty(), Instant.parse("2027-01-30T23:00:00Z"), VIENNA, w -> 0);
    assertEquals("expired 2027-01-31", ended.orElseThrow().words());
  }

  @Test
  void aQuotaLocksAtItsLastByteAndOnlyForItsWindow() {
    Optional<Quota> q = Optional.of(Quota.parse("1GiB/month"));
    Instant now = Instant.parse("2026-12-15T12:00:00Z");
    assertEquals(
        Optional.empty(), LockReason.of(Optional.empty(), q, now, VIENNA, w -> (1L << 30) - 1));
    LockReason over = LockReason.of(Optional.empty(), q, now, VIENNA, w -> 1L << 30).orElseThrow();
    assertTrue(over instanceof LockReason.OverQuota o && o.window().label().equals("2026-12"));
    assertEquals(
        "quota 1GiB/month used up: 1.0 GiB in 2026-12, unlocked 2026-12-31T23:00:00Z",
        over.words());
  }

  @Test
  void expiryComesBeforeQuota() {
    LockReason r =
        LockReason.of(
                JAN_31,
                Optional.of(Quota.parse("1B/day")),
                Instant.parse("2027-02-01T00:00:00Z"),
                VIENNA,
                w -> 5)
            .orElseThrow();
    assertTrue(r instanceof LockReason.Expired);
  }
}
