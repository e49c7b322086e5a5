package io.ocsctl.cli;

import java.io.File;
import java.nio.file.Path;
import org.approvaltests.namer.ApprovalNamer;

/**
 * Keeps a scenario's approved output inside the scenario's own folder: {@code NAME.approved.txt}.
 */
final class ScenarioNamer implements ApprovalNamer {
  private final Path dir;
  private final String name;

  ScenarioNamer(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  @Override
  public File getApprovedFile(String extensionWithDot) {
    return dir.resolve(name + ".approved" + extensionWithDot).toFile();
  }

  @Override
  public File getReceivedFile(String extensionWithDot) {
    return dir.resolve(name + ".received" + extensionWithDot).toFile();
  }

  @Override
  public ApprovalNamer addAdditionalInformation(String info) {
    return new ScenarioNamer(dir, name + "." + info);
  }

  @Override
  public String getAdditionalInformation() {
    return "";
  }

  @Override
  public String getApprovalName() {
    return name;
  }

  @Override
  public String getSourceFilePath() {
    return dir.toString() + File.separator;
  }
}
