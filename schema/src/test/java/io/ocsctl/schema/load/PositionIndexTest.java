package io.ocsctl.schema.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.SourcePosition;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every path of both formats lands on the line and column where a reader sees it. */
class PositionIndexTest {
  static final String HCL =
      String.join(
          "\n",
          "# a comment",
          "version = 1",
          "",
          "server {",
          "  settings = {",
          "    \"auth\"     = \"plain[passwd=/etc/ocserv/ocpasswd]\"",
          "    \"route\" = [\"10.0.0.0/8\", \"172.16.0.0/12\"]",
          "    max-clients = 16",
          "    \"banner\" = \"say \\\"hi\\\"\", \"dns\" = \"10.0.0.53\"",
          "  }",
          "  firewall {",
          "    allow_ports = [",
          "      \"tcp(443)\",",
          "      \"udp(53)\",",
          "    ]",
          "  }",
          "}",
          "user \"alice\" {",
          "\tgroups = [\"a\", \"b\"]",
          "  locked = true",
          "  password = { env = \"ALICE_PW\" }",
          "}",
          "user \"bob\" {}",
          "");

  static final String YAML =
      String.join(
          "\n",
          "# a comment",
          "version: 1",
          "server:",
          "  settings:",
          "    auth: \"plain[passwd=/etc/ocserv/ocpasswd]\"",
          "    route: [10.0.0.0/8, \"172.16.0.0/12\"]",
          "    dns:",
          "      - 10.0.0.53",
          "      - 10.0.0.54",
          "  firewall:",
          "    allow_ports: [\"tcp(443)\", udp(53)]",
          "user:",
          "  alice: { groups: [a, b], locked: true }",
          "  bob:",
          "    password: {env: BOB_PW}",
          "");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "version                       | 2  | 1",
        "server                        | 4  | 1",
        "server/settings               | 5  | 3",
        "server/settings/auth          | 6  | 5",
        "server/settings/route         | 7  | 5",
        "server/settings/route/0       | 7  | 16",
        "server/settings/route/1       | 7  | 30",
        "server/settings/max-clients   | 8  | 5",
        "server/settings/banner        | 9  | 5",
        "server/settings/dns           | 9  | 30",
        "server/firewall               | 11 | 3",
        "server/firewall/allow_ports   | 12 | 5",
        "server/firewall/allow_ports/0 | 13 | 7",
        "server/firewall/allow_ports/1 | 14 | 7",
        "user                          | 18 | 1",
        "user/alice                    | 18 | 1",
        "user/alice/groups             | 19 | 2",
        "user/alice/groups/1           | 19 | 17",
        "user/alice/locked             | 20 | 3",
        "user/alice/password/env       | 21 | 16",
        "user/bob                      | 23 | 1",
        "user/alice/settings/route     | 18 | 1",
        "user/carol/locked             | 18 | 1",
      })
  void hcl(String path, int line, int column) throws InvalidInputException {
    assertPosition(HCL, "t.hcl", path, line, column);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "version                       | 2  | 1",
        "server                        | 3  | 1",
        "server/settings/auth          | 5  | 5",
        "server/settings/route/0       | 6  | 13",
        "server/settings/route/1       | 6  | 25",
        "server/settings/dns           | 7  | 5",
        "server/settings/dns/1         | 9  | 9",
        "server/firewall/allow_ports/1 | 11 | 31",
        "user/alice                    | 13 | 3",
        "user/alice/groups/1           | 13 | 24",
        "user/alice/locked             | 13 | 28",
        "user/bob/password/env         | 15 | 16",
        "user/bob/settings             | 14 | 3",
        "vhost/x                       | 0  | 0",
      })
  void yaml(String path, int line, int column) throws InvalidInputException {
    assertPosition(YAML, "t.yaml", path, line, column);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"t.hcl", "t.yaml"})
  void windowsLineEndingsKeepPositions(String name) throws InvalidInputException {
    String text = (name.endsWith("hcl") ? HCL : YAML).replace("\n", "\r\n");
    SourcePosition pos =
        DesiredStateLoader.parse(name, text).position(List.of("user", "alice", "locked"));
    assertEquals(
        name.endsWith("hcl") ? List.of(20, 3) : List.of(13, 28), List.of(pos.line(), pos.column()));
  }

  /**
   * A file of many pieces (HclChunks cuts after ~400 lines) places paths in every piece exactly
   * where a single-piece file would: each user's block line and its attributes, the first and last.
   */
  @ParameterizedTest(name = "user {0}")
  @CsvSource({"0", "1", "399", "400", "401", "1234", "2999"})
  void largeHclFilesArePlacedPieceByPiece(int n) throws InvalidInputException {
    StringBuilder text = new StringBuilder("version = 1\n");
    for (int i = 0; i < 3000; i++) {
      text.append("user \"u").append(i).append("\" {\n  groups = [\"g\"]\n  locked = true\n}\n");
    }
    assertEquals(true, HclChunks.pieces(text.toString()).size() > 5, "the file is cut into pieces");
    int line = 2 + 4 * n;
    assertPosition(text.toString(), "big.hcl", "user/u" + n, line, 1);
    assertPosition(text.toString(), "big.hcl", "user/u" + n + "/groups/0", line + 1, 13);
    assertPosition(text.toString(), "big.hcl", "user/u" + n + "/locked", line + 2, 3);
  }

  private static void assertPosition(String text, String name, String path, int line, int column)
      throws InvalidInputException {
    SourcePosition pos = DesiredStateLoader.parse(name, text).position(List.of(path.split("/")));
    assertEquals(
        List.of(line, column),
        List.of(pos.line(), pos.column()),
        "position of " + path + ": " + pos);
    if (line > 0) {
      assertEquals(text.split("\n", -1)[line - 1].stripTrailing(), pos.excerpt());
    }
  }
}
