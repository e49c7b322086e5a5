package io.ocsctl.providers.occtl;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Clock;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any input, every parser returns a result or throws {@link OcctlException}: random text, and
 * real answers with bytes deleted, inserted, repeated or cut off. Anything else thrown fails.
 */
class OcctlParserPropertiesTest {
  private interface Parse {
    Object apply(String text) throws OcctlException;
  }

  private static final List<Parse> PARSERS =
      List.of(
          OcctlParser::status,
          OcctlParser::users,
          OcctlParser::sessions,
          OcctlParser::iroutes,
          OcctlParser::bans);

  @Property(tries = 5000)
  void randomText(@ForAll("text") String input) {
    check(input);
  }

  @Property(tries = 5000)
  void mutatedRealAnswers(@ForAll("mutated") String input) {
    check(input);
  }

  private static void check(String input) {
    for (Parse parse : PARSERS) {
      try {
        Object result = parse.apply(input);
        assertNotNull(result);
        if (result instanceof Parsed<?> parsed) {
          assertNotNull(parsed.value());
        }
      } catch (OcctlException expected) {
        assertNotNull(expected.getMessage());
      }
    }
    for (boolean json : new boolean[] {true, false}) {
      EventDecoder decoder = new EventDecoder(json, Clock.systemUTC());
      input.lines().forEach(line -> assertNotNull(decoder.line(line)));
      assertNotNull(decoder.drainProblems());
    }
  }

  @Provide
  Arbitrary<String> text() {
    Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(400);
    Arbitrary<String> jsonish =
        Arbitraries.strings()
            .withChars("[]{}\",:\\ \n\t0123456789-+.eEtrufalsn\"IDUsername")
            .ofMaxLength(400);
    return Arbitraries.oneOf(any, jsonish, jsonish.map(s -> "[" + s), jsonish.map(s -> "{" + s));
  }

  @Provide
  Arbitrary<String> mutated() {
    Arbitrary<String> base = Arbitraries.of(Captured.jsonFiles()).map(Captured::read);
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 5000),
                Arbitraries.integers().between(0, 200),
                Arbitraries.strings()
                    .withChars("[]{}\",:\\\n\t \u0000\u00e9\uFFFD0123456789abc")
                    .ofMaxLength(8))
            .as(Mutation::new);
    return Combinators.combine(base, mutation.list().ofMinSize(1).ofMaxSize(6))
        .as(
            (text, mutations) -> {
              String out = text;
              for (Mutation m : mutations) {
                out = m.apply(out);
              }
              return out;
            });
  }

  private record Mutation(int kind, int at, int length, String insert) {
    String apply(String text) {
      int p = text.isEmpty() ? 0 : at % (text.length() + 1);
      int end = Math.min(text.length(), p + length);
      return switch (kind) {
        case 0 -> text.substring(0, p) + text.substring(end);
        case 1 -> text.substring(0, p) + insert + text.substring(p);
        case 2 -> text.substring(0, end) + text.substring(p);
        case 3 -> text.substring(0, p);
        default -> text.substring(0, p) + insert + text.substring(end);
      };
    }
  }
}
