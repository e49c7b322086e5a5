package io.ocsctl.providers.live;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A live file's bytes as text without losing any: valid UTF-8 is decoded as usual, and each byte
 * that is not (a Latin-1 {@code é} in a comment, say) becomes the lone surrogate {@code U+DC80+b}
 * that {@link #encode} turns back into that byte — the "surrogateescape" of Python. So a comment
 * ocserv never reads keeps its bytes when ocsctl rewrites another line of the file.
 */
public final class RawText {
  private RawText() {}

  public static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return decodeEscaping(bytes);
    }
  }

  /** The bytes of {@code text}: UTF-8, with each escaped byte written back as it was read. */
  public static byte[] encode(String text) {
    if (firstEscaped(text) < 0) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (isEscape(text, i)) {
        out.writeBytes(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
        out.write(text.charAt(i) & 0xff);
        start = i + 1;
      }
    }
    out.writeBytes(text.substring(start).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** The index of the first escaped byte in {@code text}, or -1. */
  public static int firstEscaped(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isEscape(text, i)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isEscape(String text, int i) {
    char c = text.charAt(i);
    return c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
  }

  private static String decodeEscaping(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    int i = 0;
    while (i < bytes.length) {
      int length = sequenceLength(bytes, i);
      if (length == 0) {
        out.append((char) (0xDC00 | (bytes[i] & 0xff)));
        i++;
      } else {
        out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
        i += length;
      }
    }
    return out.toString();
  }

  /** The length of the well-formed UTF-8 sequence at {@code i} (RFC 3629), or 0. */
  private static int sequenceLength(byte[] b, int i) {
    int c = b[i] & 0xff;
    if (c < 0x80) {
      return 1;
    }
    int length;
    int min;
    int max;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
      min = 0x80;
      max = 0xBF;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      min = c == 0xE0 ? 0xA0 : 0x80;
      max = c == 0xED ? 0x9F : 0xBF; // no encoded surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      min = c == 0xF0 ? 0x90 : 0x80;
      max = c == 0xF4 ? 0x8F : 0xBF;
    } else {
      return 0;
    }
    if (i + length > b.length) {
      return 0;
    }
    int second = b[i + 1] & 0xff;
    if (second < min || second > max) {
      return 0;
    }
    for (int k = 2; k < length; k++) {
      int next = b[i + k] & 0xff;
      if (next < 0x80 || next > 0xBF) {
        return 0;
      }
    }
    return length;
  }
}
