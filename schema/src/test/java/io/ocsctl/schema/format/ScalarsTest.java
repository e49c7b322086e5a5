package io.ocsctl.schema.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScalarsTest {
  @Test
  void onlyCanonicalWholeNumbersAndBooleansAreTyped() {
    assertEquals(443L, Scalars.typed("443"));
    assertEquals(0L, Scalars.typed("0"));
    assertEquals(-1L, Scalars.typed("-1"));
    assertEquals(999_999_999_999_999L, Scalars.typed("999999999999999"));
    assertEquals(true, Scalars.typed("true"));
    assertEquals(false, Scalars.typed("false"));
    for (String s :
        new String[] {
          "0755",
          "+1",
          "-0",
          "00",
          "1.0",
          "1e3",
          "0x1F",
          "1_000",
          "1000000000000000",
          "99999999999999999999",
          "TRUE",
          "True",
          "yes",
          "no",
          "on",
          " 1",
          "1 ",
          "",
          "-",
          "--1",
          "١٢"
        }) {
      assertEquals(s, Scalars.typed(s), s);
    }
  }
}
