package io.ocsctl.providers.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Any bytes decode to text that encodes back to the same bytes; valid UTF-8 decodes as usual. */
class RawTextTest {
  @Property(tries = 2000)
  void everyByteSurvives(@ForAll byte[] bytes) {
    assertArrayEquals(bytes, RawText.encode(RawText.decode(bytes)));
  }

  @Property(tries = 500)
  void validUtf8IsPlainText(@ForAll String text) {
    String wellFormed = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertEquals(wellFormed, RawText.decode(wellFormed.getBytes(StandardCharsets.UTF_8)));
  }

  @Property(tries = 1)
  void aLatin1ByteIsKept() {
    byte[] bytes = "# l'\u00e9quipe\n".getBytes(StandardCharsets.ISO_8859_1);
    String text = RawText.decode(bytes);
    assertEquals(4, RawText.firstEscaped(text));
    assertArrayEquals(bytes, RawText.encode(text));
  }
}
