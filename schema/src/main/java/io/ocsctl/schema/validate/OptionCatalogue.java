package io.ocsctl.schema.validate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every ocserv option of 1.1.6 to 1.5.0 with its type, scopes and what a change needs, read from
 * {@code ocserv-options.tsv} (docs/options-catalogue.md says where that came from).
 */
public final class OptionCatalogue {
  /** What applying a change to an option needs on a running server. */
  public enum Effect {
    RELOAD,
    RESTART,
    CONNECT
  }

  /** One option. {@code type} uses the vocabulary of the TSV header. */
  public record Option(
      String name,
      String type,
      boolean repeatable,
      Set<OptionScope> scopes,
      Effect effect,
      String since) {}

  /** An option ocserv no longer reads: it skips it with a warning. */
  public record Retired(String name, String fate, String instead) {}

  private static final Map<String, Option> OPTIONS = load();
  private static final Map<String, Retired> RETIRED = loadRetired();

  private OptionCatalogue() {}

  public static Optional<Option> get(String name) {
    return Optional.ofNullable(OPTIONS.get(name));
  }

  /** The retired option {@code name} of the server or vhost settings, if it is one. */
  public static Optional<Retired> retired(String name) {
    return Optional.ofNullable(RETIRED.get(name));
  }

  public static Map<String, Option> all() {
    return OPTIONS;
  }

  private static Map<String, Option> load() {
    Map<String, Option> options = new LinkedHashMap<>();
    try (var in =
            OptionCatalogue.class.getResourceAsStream("/io/ocsctl/schema/ocserv-options.tsv");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length != 6) {
          throw new IllegalStateException("ocserv-options.tsv: bad line: " + line);
        }
        Set<OptionScope> scopes = EnumSet.noneOf(OptionScope.class);
        for (String s : f[3].split(",")) {
          for (OptionScope scope : OptionScope.values()) {
            if (scope.code.equals(s)) {
              scopes.add(scope);
            }
          }
        }
        options.put(
            f[0],
            new Option(
                f[0], f[1], f[2].equals("yes"), scopes, Effect.valueOf(f[4].toUpperCase()), f[5]));
      }
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the option catalogue is missing from the jar", e);
    }
    return Collections.unmodifiableMap(options);
  }

  private static Map<String, Retired> loadRetired() {
    Map<String, Retired> out = new LinkedHashMap<>();
    try (var in =
            OptionCatalogue.class.getResourceAsStream(
                "/io/ocsctl/schema/ocserv-retired-options.tsv");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] f = line.split("\t");
          out.put(f[0], new Retired(f[0], f[1], f[2]));
        }
      }
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the retired option list is missing from the jar", e);
    }
    return Collections.unmodifiableMap(out);
  }
}
