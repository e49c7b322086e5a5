package io.ocsctl.schema.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How option values are typed when written: only where they load back as the same text. */
class TreeValuesTest {
  @Test
  void onlyCanonicalWholeNumbersAndBooleansAreTyped() {
    assertEquals(
        tools.jackson.databind.node.JsonNodeFactory.instance.numberNode(443L),
        TreeValues.typed("443"));
    assertEquals(
        tools.jackson.databind.node.JsonNodeFactory.instance.numberNode(0L), TreeValues.typed("0"));
    assertEquals(
        tools.jackson.databind.node.JsonNodeFactory.instance.numberNode(-1L),
        TreeValues.typed("-1"));
    assertEquals(
        tools.jackson.databind.node.JsonNodeFactory.instance.numberNode(999_999_999_999_999L),
        TreeValues.typed("999999999999999"));
    assertEquals(TreeValues.bool(true), TreeValues.typed("true"));
    assertEquals(TreeValues.bool(false), TreeValues.typed("false"));
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
      assertEquals(TreeValues.string(s), TreeValues.typed(s), s);
    }
  }
}
