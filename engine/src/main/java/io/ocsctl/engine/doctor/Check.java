package io.ocsctl.engine.doctor;

/** One health check's result: a single pass/warn/fail/skip line for the on-call. */
public record Check(String name, Status status, String message) {
  public enum Status {
    PASS,
    WARN,
    FAIL,
    SKIP
  }

  static Check pass(String name, String message) {
    return new Check(name, Status.PASS, message);
  }

  static Check warn(String name, String message) {
    return new Check(name, Status.WARN, message);
  }

  static Check fail(String name, String message) {
    return new Check(name, Status.FAIL, message);
  }

  static Check skip(String name, String message) {
    return new Check(name, Status.SKIP, message);
  }
}
