package io.ocsctl.cli;

import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.plan.Targets;
import io.ocsctl.schema.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -target ADDRESS} of plan and apply (repeatable), as Terraform's. */
final class TargetingOptions {
  @Option(
      names = {"-target", "--target"},
      paramLabel = "ADDRESS",
      description = {
        "Plan only this resource, e.g. -target 'user[\"alice\"]' (repeatable): the emergency",
        "\"lock this one user now\". Nothing else pending is applied; a warning says so."
      })
  List<String> addresses = new ArrayList<>();

  Workflow.Target apply(Workflow.Target target) throws InvalidInputException {
    return addresses.isEmpty() ? target : target.withTargets(Targets.of(addresses));
  }
}
