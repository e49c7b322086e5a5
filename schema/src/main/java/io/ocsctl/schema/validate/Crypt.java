package io.ocsctl.schema.validate;

import java.util.regex.Pattern;

/** Recognises the crypt(3) formats ocserv's plain auth accepts. */
public final class Crypt {
  private static final Pattern MODULAR =
      Pattern.compile("\\$(1|5|6|2[abxy]?|y|gy|7|sha1|md5)\\$[./A-Za-z0-9$=,+-]+");
  private static final Pattern DES = Pattern.compile("[./A-Za-z0-9]{13}");

  private Crypt() {}

  public static boolean isCrypt(String hash) {
    return MODULAR.matcher(hash).matches() || DES.matcher(hash).matches();
  }
}
