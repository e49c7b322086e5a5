package io.ocsctl.schema.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CryptTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/",
        "$5$YGzKzcecKi30fvIo$Jstb9GXpA22DAaDMf3zulPVINYB.8qgsFukMunWMqrB",
        "$6$rounds=5000$salt$hash",
        "$1$salt$hash",
        "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
        "$y$j9T$salt$hash",
        "abJnggxhB/yWI",
      })
  void cryptStrings(String hash) {
    assertTrue(Crypt.isCrypt(hash), hash);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hunter2",
        "",
        "$6$",
        "$9$salt$hash",
        "$6$salt hash",
        "password123456",
        "!$6$salt$hash",
        "$6$a$b\n",
        "abJnggxhB/yW"
      })
  void notCrypt(String hash) {
    assertFalse(Crypt.isCrypt(hash), hash);
  }

  @Test
  void whatCommonsCodecMakesIsACrypt() {
    assertTrue(Crypt.isCrypt(Sha2Crypt.sha512Crypt("s3cret".getBytes())));
    assertTrue(Crypt.isCrypt(Sha2Crypt.sha256Crypt("s3cret".getBytes())));
    assertTrue(Crypt.isCrypt(Md5Crypt.md5Crypt("s3cret".getBytes())));
  }
}
