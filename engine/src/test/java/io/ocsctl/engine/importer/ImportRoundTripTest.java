package io.ocsctl.engine.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.plan.Passwords;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.engine.plan.Planner;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.format.Formatter;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.model.User;
import io.ocsctl.schema.validate.SemanticValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * The import round trip on live trees of random shape ({@link LiveTrees}): {@code import}, then
 * load and plan the file against the same tree, must say "No changes." in both formats. The file is
 * as 'ocsctl fmt' writes it (see {@link #assertCanonical}), and it validates, except for users who
 * have a config-per-user file but no ocpasswd line on a server with plain authentication: the
 * validator asks for their password, as it should.
 */
class ImportRoundTripTest {
  Path dir;

  @BeforeTry
  void makeDir() throws Exception {
    dir = Files.createTempDirectory("ocsctl-import");
  }

  @AfterTry
  void removeDir() throws Exception {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Provide
  Arbitrary<LiveTrees.Tree> trees() {
    return LiveTrees.trees();
  }

  @Property(tries = 1000)
  void importThenPlanSaysNoChanges(@ForAll("trees") LiveTrees.Tree tree) throws Exception {
    Path root = dir.resolve("root");
    tree.writeTo(root);
    for (ImportFormat format : ImportFormat.values()) {
      Import.Result result = Import.run(root, LiveTrees.CONFIG, format, "imported");
      assertTrue(
          result.exact(),
          () ->
              format
                  + ": "
                  + result.check().resources()
                  + result.check().files()
                  + "\n"
                  + result.text());
      Path file = dir.resolve("desired." + format.extension());
      assertCanonical(file, result.text());
      Files.writeString(file, result.text());
      assertNoChangesWhenPlanned(file, root, tree, result);
    }
  }

  /**
   * The imported text is what 'ocsctl fmt' writes: import writes through fmt's own writer, so fmt
   * neither refuses it nor changes a byte.
   */
  static void assertCanonical(Path file, String text) throws InvalidInputException {
    assertEquals(text, Formatter.format(file.toString(), text), "not as 'ocsctl fmt' writes it");
  }

  /** Plans the written file as 'ocsctl plan' does: through Workflow when it validates. */
  private void assertNoChangesWhenPlanned(
      Path file, Path root, LiveTrees.Tree tree, Import.Result result) throws Exception {
    DesiredStateLoader.Loaded loaded = DesiredStateLoader.load(file);
    // a canary is a reviewed decision, never something a live tree shows
    assertTrue(loaded.state().canary().isEmpty(), "import invented a canary block");
    List<Diagnostic> errors = SemanticValidator.validate(loaded.state(), loaded.origins());
    TreeSet<String> withoutPassword =
        loaded.state().users().values().stream()
            .filter(u -> u.password().isEmpty())
            .map(User::name)
            .collect(Collectors.toCollection(TreeSet::new));
    if (!tree.plain()) {
      withoutPassword.clear();
    }
    assertEquals(
        withoutPassword.size(),
        errors.size(),
        () ->
            errors.stream().map(Diagnostic::render).collect(Collectors.joining("\n"))
                + "\n"
                + result.text());
    errors.forEach(e -> assertTrue(e.message().contains("has no password"), e.render()));
    assertEquals(errors.size(), result.problems().size());
    Plan plan;
    if (errors.isEmpty()) {
      plan =
          Workflow.plan(
                  new Workflow.Target(file, root, LiveTrees.CONFIG, Map.of(), dir.resolve("state")))
              .plan();
    } else {
      var live = LiveReader.read(root, LiveTrees.CONFIG, loaded.state().server().settings());
      plan = Planner.plan(loaded.state(), live, new Passwords(dir, Map.of()), "");
    }
    assertFalse(
        plan.hasChanges(), () -> plan.resources() + " " + plan.files() + "\n" + result.text());
  }
}
