package io.ocsctl.cli;

/** Colour only on a terminal, never with NO_COLOR set (https://no-color.org) or -no-color. */
final class Colors {
  private Colors() {}

  static boolean enabled(boolean noColorFlag) {
    if (noColorFlag) {
      return false;
    }
    String noColor = Main.context().env().get("NO_COLOR");
    if (noColor != null && !noColor.isEmpty()) {
      return false;
    }
    return System.console() != null
        && Main.CONTEXT.get() != null
        && Main.context().in() == System.in;
  }
}
