package io.ocsctl.schema.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LifecycleValuesTest {

  @Test
  void aDayEndsTheAccountWhenThatDayBeginsOnTheServer() {
    Expiry e = Expiry.parse("2027-01-31");
    assertEquals("2027-01-31", e.written());
    assertEquals(Instant.parse("2027-01-31T00:00:00Z"), e.start(ZoneOffset.UTC));
    assertEquals(Instant.parse("2027-01-30T23:00:00Z"), e.start(ZoneId.of("Europe/Vienna")));
    assertEquals(Instant.parse("2027-01-31T05:00:00Z"), e.start(ZoneId.of("America/New_York")));
  }

  @Test
  void aDateTimeCarriesItsZoneWhateverTheServersZone() {
    Expiry offset = Expiry.parse("2027-01-31T18:00:00+01:00");
    Expiry region = Expiry.parse("2027-07-31T18:00:00+02:00[Europe/Vienna]");
    Expiry utc = Expiry.parse("2027-01-31T17:00:00Z");
    assertEquals(utc.start(ZoneOffset.UTC), offset.start(ZoneId.of("Asia/Tokyo")));
    assertEquals(Instant.parse("2027-07-31T16:00:00Z"), region.start(ZoneOffset.UTC));
    assertEquals("2027-01-31T18:00:00+01:00", offset.written());
  }

  @Test
  void anUnzonedOrMalformedDateIsRefusedWithTheFix() {
    {
      String m =
          assertThrows(IllegalArgumentException.class, () -> Expiry.parse("2027-01-31T18:00:00"))
              .getMessage();
      assertTrue(m.contains("no zone"), m);
      assertTrue(m.contains("2027-01-31T18:00:00Z"), m);
    }
    {
      String m =
          assertThrows(IllegalArgumentException.class, () -> Expiry.parse("2027-02-30"))
              .getMessage();
      assertTrue(m.contains("is not a date"), m);
    }
    {
      String m =
          assertThrows(IllegalArgumentException.class, () -> Expiry.parse("31.01.2027"))
              .getMessage();
      assertTrue(m.contains("2027-01-31"), m);
    }
    {
      String m = assertThrows(IllegalArgumentException.class, () -> Expiry.parse("")).getMessage();
      assertTrue(m.contains("is not a date"), m);
    }
  }

  @Test
  void quotasReadBinaryAndDecimalUnitsPerPeriod() {
    assertEquals(
        new Quota(50L << 30, Quota.Period.MONTH, "50GiB/month"), Quota.parse("50GiB/month"));
    assertEquals(500_000_000L, Quota.parse("500MB/day").bytes());
    assertEquals(
        new Quota(3L << 39, Quota.Period.WEEK, "1.5TiB/week"), Quota.parse("1.5 TiB / week"));
    assertEquals(1, Quota.parse("1B/day").bytes());
  }

  @Test
  void aQuotaThatIsNoAllowanceIsRefusedWithTheFix() {
    {
      String m =
          assertThrows(IllegalArgumentException.class, () -> Quota.parse("50G/month")).getMessage();
      assertTrue(m.contains("\"50GiB/month\""), m);
    }
    {
      String m =
          assertThrows(IllegalArgumentException.class, () -> Quota.parse("50GiB/year"))
              .getMessage();
      assertTrue(m.contains("per period"), m);
    }
    {
      String m =
          assertThrows(IllegalArgumentException.class, () -> Quota.parse("-1GiB/day")).getMessage();
      assertTrue(m.contains("per period"), m);
    }
    {
      String m =
          assertThrows(IllegalArgumentException.class, () -> Quota.parse("0GiB/day")).getMessage();
      assertTrue(m.contains("lock the user"), m);
    }
    {
      String m =
          assertThrows(IllegalArgumentException.class, () -> Quota.parse("99999999TiB/day"))
              .getMessage();
      assertTrue(m.contains("8 EiB"), m);
    }
  }
}
