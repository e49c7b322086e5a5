package io.ocsctl.engine.plan;

import io.ocsctl.providers.passwd.PasswdEntry;
import io.ocsctl.providers.passwd.PasswdFile;

/** The ocpasswd file as output may show it: every hash masked, a changed one marked as such. */
public final class PasswdMask {
  private PasswdMask() {}

  public static String masked(PasswdFile file, PasswdFile other, boolean isBefore) {
    return file.renderMasked(
        e -> {
          PasswdEntry o = other.get(e.user());
          return o != null && !o.hash().equals(e.hash())
              ? "(sensitive" + (isBefore ? "" : ", changed") + ")"
              : "(sensitive)";
        });
  }
}
