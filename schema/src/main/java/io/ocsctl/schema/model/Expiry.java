package io.ocsctl.schema.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * When an account ends ({@code expires}): from that moment its desired state is locked. A day
 * ({@code "2027-01-31"}) ends the account at the start of that day in the server's time zone, as
 * {@code chage -E} does; a date-time must carry its zone ({@code "2027-01-31T18:00:00+01:00"} or
 * {@code "2027-01-31T18:00:00[Europe/Vienna]"}), so that a plan made on a laptop in another zone
 * means the same moment.
 */
public sealed interface Expiry {

  /** The value as written in the desired state, shown by plans. */
  String written();

  /** The moment the account ends, for a server whose clock runs in {@code zone}. */
  Instant start(ZoneId zone);

  /** A whole day: the account ends when that day begins on the server. */
  record OnDay(LocalDate day) implements Expiry {
    @Override
    public String written() {
      return day.toString();
    }

    @Override
    public Instant start(ZoneId zone) {
      return day.atStartOfDay(zone).toInstant();
    }
  }

  /** An instant, written with its offset or zone. */
  record At(ZonedDateTime at, String written) implements Expiry {
    @Override
    public Instant start(ZoneId zone) {
      return at.toInstant();
    }
  }

  /**
   * Reads {@code text}; throws {@link IllegalArgumentException} whose message says what is wrong
   * and how to write it.
   */
  static Expiry parse(String text) {
    String t = text.strip();
    if (t.length() == 10) {
      try {
        return new OnDay(LocalDate.parse(t));
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    try {
      return new At(ZonedDateTime.parse(t, DateTimeFormatter.ISO_DATE_TIME), t);
    } catch (DateTimeException e) {
      throw t.contains("T")
              && !t.endsWith("Z")
              && !t.matches(".*[+-]\\d\\d:?\\d\\d$")
              && !t.endsWith("]")
          ? new IllegalArgumentException(
              "expires \""
                  + text
                  + "\" has a time but no zone; write the zone too, e.g. \""
                  + t
                  + "Z\" or \""
                  + t
                  + "+01:00\", or give only the day")
          : invalid(text);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "expires \""
            + text
            + "\" is not a date; write a day \"2027-01-31\" or a date-time with its zone"
            + " \"2027-01-31T18:00:00+01:00\"");
  }
}
