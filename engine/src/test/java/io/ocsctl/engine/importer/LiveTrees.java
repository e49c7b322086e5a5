package io.ocsctl.engine.importer;

import io.ocsctl.schema.validate.OptionCatalogue;
import io.ocsctl.schema.validate.OptionScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of live ocserv trees of random shape: options drawn from the catalogue with
 * valid values of their type, spelled in the ways ocserv.conf allows (spacing, quotes), mixed with
 * comments and blank lines; vhosts; groups with and without config-per-group files; users in
 * ocpasswd (groups, locks, four crypt formats), with and without config-per-user files, and users
 * that only have such a file. Empty and comment-only per-user/per-group files occur too.
 */
final class LiveTrees {
  static final String CONFIG = "/etc/ocserv/ocserv.conf";

  /** Keys the tree shape decides, and keys whose random values would overlap or lock users out. */
  private static final Set<String> SHAPE_KEYS =
      Set.of("auth", "enable-auth", "config-per-user", "config-per-group");

  private static final Set<String> MAIN_ONLY =
      Set.of("ipv4-network", "ipv6-network", "ipv4-netmask");
  static final List<String> STRINGS =
      List.of(
          "vpn.example.com",
          "a b c",
          "0755",
          "+1",
          "-0",
          "true",
          "TRUE",
          "yes",
          "1e3",
          "0x1F",
          "1_000",
          "1000000000000000",
          "null",
          "~",
          "- item",
          "key: value",
          "#not-a-comment",
          "a#b",
          "a \"quoted\" word",
          "back\\slash",
          "C:\\path",
          "$HOME",
          "$$",
          "100%",
          "%{x}",
          "{brace}",
          "[vhost:x]",
          "a = b",
          "é ü 中文 €",
          "'single'",
          "@at",
          "*",
          "!bang",
          "tab-free text",
          "x,y,z");
  private static final List<String> NOISE =
      List.of(
          "",
          "",
          "   ",
          "# a comment",
          "#route = 10.0.0.0/8",
          "  # indented comment = x",
          "# [vhost:commented.example.com]",
          "#",
          "# é ü 中文");

  /**
   * The values of path options. A tree that names a script holds them all as executable files,
   * because plan requires a connect-script, disconnect-script or host-update-script to exist under
   * the root.
   */
  private static final List<String> PATHS =
      List.of(
          "/etc/ocserv/server-cert.pem",
          "/var/lib/ocserv/profile.xml",
          "/run/ocserv.sock",
          "/usr/bin/ocserv-script");

  private LiveTrees() {}

  /**
   * One server's files. {@code passwd} is written when present; per-user/-group maps hold file
   * texts.
   */
  record Tree(
      String conf,
      Optional<String> passwd,
      Map<String, String> perUser,
      Map<String, String> perGroup,
      boolean plain) {
    void writeTo(Path root) throws IOException {
      Path etc = Files.createDirectories(root.resolve("etc/ocserv"));
      Files.writeString(etc.resolve("ocserv.conf"), conf);
      if (passwd.isPresent()) {
        Files.writeString(etc.resolve("ocpasswd"), passwd.get());
      }
      for (String path : conf.contains("-script") ? PATHS : List.<String>of()) {
        Path file =
            Files.createDirectories(root.resolve(path.substring(1)).getParent())
                .resolve(Path.of(path).getFileName().toString());
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(
            file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      Files.createDirectories(etc.resolve("config-per-user"));
      Files.createDirectories(etc.resolve("config-per-group"));
      for (var e : perUser.entrySet()) {
        Files.writeString(etc.resolve("config-per-user").resolve(e.getKey()), e.getValue());
      }
      for (var e : perGroup.entrySet()) {
        Files.writeString(etc.resolve("config-per-group").resolve(e.getKey()), e.getValue());
      }
    }
  }

  /** A user: its ocpasswd line (if any) and its config-per-user file (if any). */
  record UserSpec(
      String name,
      List<String> groups,
      String hash,
      boolean locked,
      boolean inPasswd,
      Optional<String> file) {}

  private record Shape(
      boolean plain, boolean perUserDir, boolean perGroupDir, boolean finalNewline) {}

  static Arbitrary<Tree> trees() {
    Arbitrary<Shape> shape =
        Combinators.combine(
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(true, true, false))
            .as((p, u, g, nl) -> new Shape(p > 0, u > 0, g > 0, nl));
    // ocserv skips a group name of one character in ocpasswd (break_group_list)
    Arbitrary<List<String>> groupNames =
        names().filter(n -> n.length() > 1).list().uniqueElements().ofMaxSize(5);
    return Combinators.combine(shape, groupNames, section(OptionScope.MAIN, 10), vhosts())
        .flatAs(
            (s, groups, global, vhosts) ->
                Combinators.combine(users(groups), groupFiles(groups))
                    .as((users, groupFiles) -> tree(s, groups, global, vhosts, users, groupFiles)));
  }

  private static Tree tree(
      Shape s,
      List<String> groups,
      List<String> global,
      Map<String, List<String>> vhosts,
      List<UserSpec> users,
      Map<String, String> groupFiles) {
    List<String> conf = new ArrayList<>();
    if (s.plain()) {
      conf.add("auth = \"plain[passwd=/etc/ocserv/ocpasswd]\"");
    } else {
      conf.add("auth = certificate");
    }
    if (s.perUserDir()) {
      conf.add("config-per-user = /etc/ocserv/config-per-user/");
    }
    if (s.perGroupDir()) {
      conf.add("config-per-group=/etc/ocserv/config-per-group");
    }
    conf.addAll(global);
    vhosts.forEach(
        (name, lines) -> {
          conf.add("");
          conf.add("[vhost:" + name + "]");
          conf.addAll(lines);
        });
    StringBuilder passwd = new StringBuilder();
    Map<String, String> perUser = new LinkedHashMap<>();
    for (UserSpec u : users) {
      if (u.inPasswd()) {
        passwd
            .append(u.name())
            .append(':')
            .append(u.groups().isEmpty() ? "*" : String.join(",", u.groups()))
            .append(':')
            .append(u.locked() ? "!" : "")
            .append(u.hash())
            .append('\n');
      }
      u.file().ifPresent(text -> perUser.put(u.name(), text));
    }
    return new Tree(
        String.join("\n", conf) + (s.finalNewline() ? "\n" : ""),
        Optional.of(passwd.toString()),
        perUser,
        groupFiles,
        s.plain());
  }

  static Arbitrary<String> names() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .numeric()
        .withChars("._-")
        .ofMinLength(1)
        .ofMaxLength(10)
        .filter(n -> Character.isLetterOrDigit(n.charAt(0)) && !n.contains(".."));
  }

  private static Arbitrary<Map<String, List<String>>> vhosts() {
    Arbitrary<String> host =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .ofMinLength(1)
            .ofMaxLength(8)
            .list()
            .ofMinSize(2)
            .ofMaxSize(3)
            .map(parts -> String.join(".", parts));
    return Arbitraries.maps(host, section(OptionScope.VHOST, 5))
        .ofMaxSize(3)
        .map(LinkedHashMap::new);
  }

  private static Arbitrary<List<UserSpec>> users(List<String> groups) {
    Arbitrary<List<String>> memberOf =
        groups.isEmpty()
            ? Arbitraries.just(List.of())
            : Arbitraries.of(groups).list().uniqueElements().ofMaxSize(Math.min(3, groups.size()));
    Arbitrary<Optional<String>> file =
        Arbitraries.oneOf(
            Arbitraries.just(Optional.empty()),
            Arbitraries.just(Optional.empty()),
            file(OptionScope.USER).map(Optional::of));
    Arbitrary<UserSpec> user =
        Combinators.combine(
                names(),
                memberOf,
                hashes(),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 9),
                file)
            .as(
                (name, in, hash, locked, passwdLine, f) ->
                    new UserSpec(name, in, hash, locked, passwdLine > 0 || f.isEmpty(), f));
    return user.list().uniqueElements(UserSpec::name).ofMaxSize(8);
  }

  private static Arbitrary<Map<String, String>> groupFiles(List<String> groups) {
    Arbitrary<String> extra = names();
    Arbitrary<List<String>> withFiles =
        Combinators.combine(
                groups.isEmpty()
                    ? Arbitraries.just(List.<String>of())
                    : Arbitraries.of(groups).list().uniqueElements(),
                extra.list().ofMaxSize(2))
            .as(
                (some, more) -> {
                  List<String> all = new ArrayList<>(some);
                  more.stream().filter(n -> !all.contains(n)).forEach(all::add);
                  return all;
                });
    return withFiles.flatMap(
        names ->
            file(OptionScope.GROUP)
                .list()
                .ofSize(names.size())
                .map(
                    texts -> {
                      Map<String, String> out = new LinkedHashMap<>();
                      for (int i = 0; i < names.size(); i++) {
                        out.put(names.get(i), texts.get(i));
                      }
                      return out;
                    }));
  }

  /** A per-user/per-group file: settings and noise, or empty, or only comments. */
  private static Arbitrary<String> file(OptionScope scope) {
    return Combinators.combine(section(scope, 5), Arbitraries.of(true, true, false))
        .as(
            (lines, newline) ->
                lines.isEmpty() ? "" : String.join("\n", lines) + (newline ? "\n" : ""));
  }

  private static Arbitrary<String> hashes() {
    Arbitrary<String> b64 =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .numeric()
            .withChars("./")
            .ofLength(86);
    return Combinators.combine(b64, Arbitraries.integers().between(0, 3))
        .as(
            (s, kind) ->
                switch (kind) {
                  case 0 -> "$6$" + s.substring(0, 8) + "$" + s;
                  case 1 -> "$5$" + s.substring(0, 16) + "$" + s.substring(0, 43);
                  case 2 -> "$1$" + s.substring(0, 8) + "$" + s.substring(8, 30);
                  default -> s.substring(0, 13);
                });
  }

  /** The lines of one section: settings of the scope in random spellings, with noise, shuffled. */
  static Arbitrary<List<String>> section(OptionScope scope, int maxKeys) {
    List<OptionCatalogue.Option> options =
        OptionCatalogue.all().values().stream()
            .filter(o -> o.scopes().contains(scope) && !SHAPE_KEYS.contains(o.name()))
            .filter(o -> scope == OptionScope.MAIN || !MAIN_ONLY.contains(o.name()))
            .toList();
    Arbitrary<List<String>> settingLines =
        Arbitraries.of(options)
            .list()
            .uniqueElements()
            .ofMaxSize(maxKeys)
            .flatMap(
                chosen -> {
                  List<Arbitrary<List<String>>> perOption =
                      chosen.stream().map(LiveTrees::lines).toList();
                  return Combinators.combine(perOption)
                      .as(all -> all.stream().flatMap(List::stream).toList());
                });
    Arbitrary<List<String>> noise = Arbitraries.of(NOISE).list().ofMaxSize(3);
    return Combinators.combine(settingLines, noise)
        .as(
            (a, b) -> {
              List<String> all = new ArrayList<>(a);
              all.addAll(b);
              return all;
            })
        .flatMap(all -> Arbitraries.shuffle(all));
  }

  /** The lines of one option: one value, or one to three values of a repeatable option. */
  private static Arbitrary<List<String>> lines(OptionCatalogue.Option option) {
    Arbitrary<String> line =
        Combinators.combine(values(option), Arbitraries.integers().between(0, 5))
            .as(
                (value, style) ->
                    switch (style) {
                      case 0 -> option.name() + "=" + value;
                      case 1 -> option.name() + "  =   " + value + "  ";
                      case 2 ->
                          option.name()
                              + "\t=\t"
                              + value; // (an indented line would continue the previous option)
                      case 3 -> option.name() + " = \"" + value + "\"";
                      default -> option.name() + " = " + value;
                    });
    return line.list().ofMinSize(1).ofMaxSize(option.repeatable() ? 3 : 1);
  }

  private static Arbitrary<String> values(OptionCatalogue.Option option) {
    String type = option.type();
    String base = type.contains(":") ? type.substring(0, type.indexOf(':')) : type;
    if (option.name().equals("restrict-user-to-routes")) {
      return Arbitraries.of("false", "no");
    }
    return switch (base) {
      case "bool" -> Arbitraries.of("true", "false", "yes", "no");
      case "int", "seconds" -> numbers(type, base.equals("seconds") ? 0 : Long.MIN_VALUE);
      case "port" -> Arbitraries.integers().between(1, 65535).map(String::valueOf);
      case "ip" -> ips();
      case "netmask" ->
          Arbitraries.of("255.255.255.0", "255.255.0.0", "255.0.0.0", "255.255.255.252");
      case "ipv4-network" -> ipv4Networks();
      case "ipv6-network" ->
          Arbitraries.integers()
              .between(1, 0xffff)
              .map(n -> "fd00:" + Integer.toHexString(n) + "::/64");
      case "route" ->
          Arbitraries.oneOf(
              ipv4Networks(),
              Arbitraries.just("default"),
              Arbitraries.integers()
                  .between(1, 0xffff)
                  .map(n -> "2001:db8:" + Integer.toHexString(n) + "::/48"));
      case "enum" -> Arbitraries.of(List.of(type.substring(5).split("\\|")));
      case "ports" ->
          Arbitraries.of("tcp(443)", "tcp(443), udp(53)", "!(tcp(22))", "udp(1000-2000)", "icmp()");
      case "path" -> Arbitraries.of(PATHS);
      case "string" ->
          Arbitraries.oneOf(
              Arbitraries.of(STRINGS),
              Arbitraries.strings()
                  .withCharRange('!', '~')
                  .withChars(" éü")
                  .ofMinLength(1)
                  .ofMaxLength(16)
                  .map(String::strip)
                  .filter(
                      v ->
                          !v.isEmpty()
                              && StringRoundTripTest.hclCanHold(v)
                              && !(v.startsWith("\"") && v.endsWith("\""))
                              && !v.matches(
                                  "(?s).*\\s#.*"))); // ocserv reads " #" as the start of a comment
      default ->
          throw new IllegalStateException("LiveTrees has no values for the catalogue type " + type);
    };
  }

  /**
   * Whole numbers in the type's range, sometimes spelt {@code 007} or {@code +7}, which ocserv
   * reads too.
   */
  private static Arbitrary<String> numbers(String type, long floor) {
    long min = floor;
    long max = 1_000_000_000_000L;
    if (type.contains(":")) {
      String[] range = type.substring(type.indexOf(':') + 1).split("\\.\\.", -1);
      min = range[0].isEmpty() ? min : Long.parseLong(range[0]);
      max = range.length > 1 && !range[1].isEmpty() ? Math.min(max, Long.parseLong(range[1])) : max;
    }
    if (min == Long.MIN_VALUE) {
      min = -1_000_000;
    }
    return Combinators.combine(
            Arbitraries.longs().between(min, max), Arbitraries.integers().between(0, 9))
        .as(
            (n, spelling) ->
                spelling == 0 && n >= 0
                    ? "00" + n
                    : spelling == 1 && n >= 0 ? "+" + n : Long.toString(n));
  }

  private static Arbitrary<String> ips() {
    Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
    return Arbitraries.oneOf(
        octet
            .list()
            .ofSize(4)
            .map(o -> o.get(0) + "." + o.get(1) + "." + o.get(2) + "." + o.get(3)),
        Arbitraries.integers().between(1, 0xffff).map(n -> "fd00::" + Integer.toHexString(n)));
  }

  private static Arbitrary<String> ipv4Networks() {
    Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
    return Combinators.combine(octet, octet, Arbitraries.of(true, false))
        .as((a, b, prefix) -> "10." + a + "." + b + ".0" + (prefix ? "/24" : "/255.255.255.0"));
  }
}
