package io.ocsctl.providers.occtl;

import java.util.List;

/**
 * What could be read from one occtl answer, and what could not: ocserv's JSON has known defects, so
 * a partly readable answer is returned with a description of each part that was lost.
 */
public record Parsed<T>(T value, List<String> problems) {
  public Parsed {
    if (value == null) {
      throw new IllegalArgumentException("value must not be null");
    }
    problems = List.copyOf(problems);
  }

  public static <T> Parsed<T> of(T value) {
    return new Parsed<>(value, List.of());
  }

  public boolean complete() {
    return problems.isEmpty();
  }
}
