package io.ocsctl.engine.lifecycle;

import io.ocsctl.schema.model.Quota;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * One quota period on the server's calendar: {@code [start, end)} with its label ({@code 2026-12},
 * {@code 2026-W50}, {@code 2026-12-07}). Days, ISO weeks (Monday first) and months begin at
 * midnight in the server's zone, so a month is 743 or 745 hours across a daylight-saving change.
 */
public record Window(Quota.Period period, Instant start, Instant end, String label) {

  /** The window of {@code period} that holds {@code now} on a clock running in {@code zone}. */
  public static Window containing(Quota.Period period, Instant now, ZoneId zone) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    return switch (period) {
      case DAY -> of(period, today, today.plusDays(1), today.toString(), zone);
      case WEEK -> {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        yield of(
            period,
            monday,
            monday.plusWeeks(1),
            String.format(
                "%d-W%02d",
                monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
            zone);
      }
      case MONTH -> month(YearMonth.from(today), zone);
    };
  }

  /** The month {@code label} ({@code 2026-12}) for {@code ocsctl usage -period}. */
  public static Window month(String label, ZoneId zone) {
    try {
      return month(YearMonth.parse(label), zone);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "period \"" + label + "\" is not a month; write it as 2026-12");
    }
  }

  private static Window month(YearMonth month, ZoneId zone) {
    return of(
        Quota.Period.MONTH, month.atDay(1), month.plusMonths(1).atDay(1), month.toString(), zone);
  }

  private static Window of(
      Quota.Period period, LocalDate from, LocalDate to, String label, ZoneId zone) {
    return new Window(
        period, from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant(), label);
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
