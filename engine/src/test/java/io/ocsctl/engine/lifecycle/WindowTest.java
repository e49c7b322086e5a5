package io.ocsctl.engine.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.schema.model.Quota.Period;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WindowTest {

  private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");

  @Test
  void aMonthBeginsAtMidnightOnTheServersCalendar() {
    // 23:30 UTC on 31 December is already January in Vienna
    Window w = Window.containing(Period.MONTH, Instant.parse("2026-12-31T23:30:00Z"), VIENNA);
    assertEquals("2027-01", w.label());
    assertEquals(Instant.parse("2026-12-31T23:00:00Z"), w.start());
    assertEquals(Instant.parse("2027-01-31T23:00:00Z"), w.end());
    assertEquals(
        "2026-12",
        Window.containing(Period.MONTH, Instant.parse("2026-12-31T23:30:00Z"), ZoneOffset.UTC)
            .label());
  }

  @Test
  void theEndOfOneWindowIsTheStartOfTheNext() {
    Window dec = Window.month("2026-12", VIENNA);
    assertTrue(dec.contains(dec.start()));
    assertFalse(dec.contains(dec.end()));
    assertEquals(dec.end(), Window.containing(Period.MONTH, dec.end(), VIENNA).start());
    assertEquals(dec, Window.containing(Period.MONTH, dec.end().minusNanos(1), VIENNA));
  }

  @Test
  void daylightSavingMakesADayOf23Hours() {
    Window day = Window.containing(Period.DAY, Instant.parse("2027-03-28T12:00:00Z"), VIENNA);
    assertEquals("2027-03-28", day.label());
    assertEquals(Duration.ofHours(23), Duration.between(day.start(), day.end()));
  }

  @Test
  void weeksAreIsoWeeksStartingMonday() {
    // Thursday 31 December 2026 is in ISO week 53 of 2026; Friday 1 January 2027 too
    Window w =
        Window.containing(Period.WEEK, Instant.parse("2027-01-01T10:00:00Z"), ZoneOffset.UTC);
    assertEquals("2026-W53", w.label());
    assertEquals(Instant.parse("2026-12-28T00:00:00Z"), w.start());
    assertEquals(Instant.parse("2027-01-04T00:00:00Z"), w.end());
    Window sunday =
        Window.containing(Period.WEEK, Instant.parse("2027-01-03T23:59:59Z"), ZoneOffset.UTC);
    assertEquals(w, sunday);
  }

  @Test
  void aMonthLabelThatIsNoMonthIsRefused() {
    {
      String m =
          assertThrows(IllegalArgumentException.class, () -> Window.month("2026-13", VIENNA))
              .getMessage();
      assertTrue(m.contains("2026-12"), m);
    }
    {
      String m =
          assertThrows(IllegalArgumentException.class, () -> Window.month("December", VIENNA))
              .getMessage();
      assertTrue(m.contains("not a month"), m);
    }
  }
}
