package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19 item 5: no error excerpt shows a password or a hash, whatever the error on its line.
 */
class SecretsInErrorsTest {
  static final String HASH =
      "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/";

  @TempDir Path tmp;

  private String validate(String name, String text) throws Exception {
    Path file = tmp.resolve(name);
    Files.writeString(file, text);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertEquals(1, run.exitCode(), run.out());
    return run.out() + run.err();
  }

  private static void assertNoSecret(String output, String secret) {
    assertFalse(output.contains(secret), output);
    assertFalse(
        output.contains(secret.substring(secret.length() / 3)), "a part of the secret: " + output);
    assertTrue(output.contains("(sensitive)"), output);
  }

  @Test
  void aClearTextPasswordInPasswordHashIsNotEchoed() throws Exception {
    String out =
        validate(
            "d.hcl",
            "version = 1\nuser \"alice\" {\n  password_hash = \"Summer2024!Hunter2\"\n}\n");
    assertTrue(out.contains("(a clear-text password?)"), out);
    assertNoSecret(out, "Summer2024!Hunter2");
  }

  @Test
  void aClearTextPasswordInYamlIsNotEchoed() throws Exception {
    String out =
        validate("d.yaml", "version: 1\nuser:\n  alice:\n    password_hash: Summer2024!Hunter2\n");
    assertNoSecret(out, "Summer2024!Hunter2");
  }

  @Test
  void aYamlFlowMapWithAHashIsMaskedInEveryErrorOnItsLine() throws Exception {
    String out =
        validate(
            "d.yaml",
            "version: 1\nuser:\n  alice: {password_hash: \""
                + HASH
                + "\", groups: [nope], bogus: 1}\n");
    assertTrue(out.contains("\"nope\", which is not declared"), out);
    assertNoSecret(out, HASH);
    assertNoSecret(out, HASH.substring(HASH.lastIndexOf('$') + 1));
  }

  @Test
  void aYamlSyntaxErrorOnAHashLineIsMasked() throws Exception {
    String out =
        validate(
            "d.yaml",
            "version: 1\nuser:\n  alice: {password_hash: \"" + HASH + "\", groups: [a}\n");
    assertNoSecret(out, HASH.substring(HASH.lastIndexOf('$') + 1));
  }

  @Test
  void anHclSyntaxErrorOnAHashLineIsMasked() throws Exception {
    String out =
        validate(
            "d.hcl", "version = 1\nuser \"alice\" {\n  password_hash = \"" + HASH + "\" ]]\n}\n");
    assertTrue(out.contains("unexpected ']'"), out);
    assertNoSecret(out, HASH.substring(HASH.lastIndexOf('$') + 1));
  }

  @Test
  void aPasswordGivenAsAStringIsNotEchoed() throws Exception {
    String out =
        validate(
            "d.hcl", "version = 1\nuser \"alice\" {\n  password = \"Summer2024!Hunter2\"\n}\n");
    assertNoSecret(out, "Summer2024!Hunter2");
  }
}
